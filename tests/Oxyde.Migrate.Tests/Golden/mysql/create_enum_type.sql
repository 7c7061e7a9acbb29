CREATE TABLE `tasks` (`id` BIGINT AUTO_INCREMENT PRIMARY KEY, `status` ENUM('new', 'done') NOT NULL);
