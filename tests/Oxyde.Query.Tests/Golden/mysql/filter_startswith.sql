SELECT `id`, `name`, `age` FROM `users` WHERE `name` LIKE ? ESCAPE '\\'
-- params: ["Ad%"]
