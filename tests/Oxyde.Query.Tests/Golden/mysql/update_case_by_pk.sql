UPDATE `users` SET `name` = CASE WHEN `id` = ? THEN ? WHEN `id` = ? THEN ? ELSE `name` END, `age` = CASE WHEN `id` = ? THEN ? WHEN `id` = ? THEN ? ELSE `age` END WHERE `id` IN (?, ?)
-- params: [1, "Ada", 2, "Linus", 1, 36, 2, 54, 1, 2]
