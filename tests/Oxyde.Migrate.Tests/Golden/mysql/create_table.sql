CREATE TABLE `users` (`id` BIGINT AUTO_INCREMENT PRIMARY KEY, `name` VARCHAR(100) NOT NULL, `email` VARCHAR(200) NOT NULL UNIQUE, `age` BIGINT, `active` TINYINT(1) NOT NULL, `score` DECIMAL(10, 2), `created` DATETIME(6) NOT NULL, CONSTRAINT `users_age_ok` CHECK (age >= 0));
CREATE INDEX `users_name_idx` ON `users` (`name`);
