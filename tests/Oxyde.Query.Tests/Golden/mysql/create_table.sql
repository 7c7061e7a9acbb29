CREATE TABLE IF NOT EXISTS `posts` (`id` BIGINT AUTO_INCREMENT PRIMARY KEY, `title` VARCHAR(200) NOT NULL UNIQUE, `slug` VARCHAR(255), `body` LONGTEXT NOT NULL DEFAULT '', `views` BIGINT NOT NULL DEFAULT 0, `rating` DOUBLE, `published` TINYINT(1) NOT NULL DEFAULT FALSE, `price` DECIMAL(10, 2), `status` ENUM('draft', 'published', 'it''s') NOT NULL DEFAULT 'draft', `uid` CHAR(36) UNIQUE, `meta` JSON, `tags` JSON, `scores` JSON, `cover` LONGBLOB, `duration` BIGINT, `created_at` DATETIME(6) NOT NULL, `published_at` DATETIME(6), `day` DATE, `at` TIME(6), `legacy` CHAR(8), `author_id` BIGINT NOT NULL, `editor_id` BIGINT, CONSTRAINT `fk_posts_author_id` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`) ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT `fk_posts_editor_id` FOREIGN KEY (`editor_id`) REFERENCES `authors` (`id`) ON DELETE SET NULL ON UPDATE NO ACTION)
-- params: []
;
CREATE INDEX IF NOT EXISTS `posts_title_idx` ON `posts` (`title`)
-- params: []
;
CREATE UNIQUE INDEX IF NOT EXISTS `posts_author_day_idx` ON `posts` (`author_id`, `day`)
-- params: []
