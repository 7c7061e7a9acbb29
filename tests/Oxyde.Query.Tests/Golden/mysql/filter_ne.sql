SELECT `id`, `name`, `age` FROM `users` WHERE `age` <> ?
-- params: [30]
