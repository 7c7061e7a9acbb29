ALTER TABLE `posts` DROP FOREIGN KEY `fk_posts_author_id`;
