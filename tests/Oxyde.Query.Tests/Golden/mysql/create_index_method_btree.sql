CREATE INDEX `users_name_idx` ON `users` (`last_name`, `first_name`) USING BTREE
-- params: []
