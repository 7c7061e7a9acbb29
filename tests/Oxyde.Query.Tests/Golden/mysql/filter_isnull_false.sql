SELECT `id`, `name`, `age` FROM `users` WHERE `email` IS NOT NULL
-- params: []
