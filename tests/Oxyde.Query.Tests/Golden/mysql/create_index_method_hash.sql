CREATE INDEX `users_token_idx` ON `users` (`token`) USING HASH
-- params: []
