SELECT `id`, `name`, `age` FROM `users` WHERE `name` = ?
-- params: ["Ada"]
