SELECT `id`, `name` FROM `users` WHERE `age` >= ? ORDER BY `id` ASC LIMIT ? FOR UPDATE SKIP LOCKED
-- params: [18, 5]
