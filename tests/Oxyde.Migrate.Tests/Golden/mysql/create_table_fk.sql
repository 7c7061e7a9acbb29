CREATE TABLE `authors` (`id` BIGINT AUTO_INCREMENT PRIMARY KEY);
CREATE TABLE `posts` (`id` BIGINT AUTO_INCREMENT PRIMARY KEY, `title` LONGTEXT NOT NULL, `author_id` BIGINT, CONSTRAINT `fk_posts_author_id` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`) ON DELETE SET NULL ON UPDATE CASCADE);
CREATE INDEX `posts_author_id_idx` ON `posts` (`author_id`);
