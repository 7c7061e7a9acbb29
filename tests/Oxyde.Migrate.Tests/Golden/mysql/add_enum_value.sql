ALTER TABLE `tasks` MODIFY COLUMN `status` ENUM('new', 'done', 'late') NOT NULL;
