ALTER TABLE `users` ADD CONSTRAINT `name` UNIQUE (`name`);
ALTER TABLE `users` DROP INDEX `email`;
