SELECT `id`, `name`, `age` FROM `users` WHERE `active` = ? AND (`age` < ? OR `age` > ? OR (`name` = ? AND `email` IS NULL)) AND NOT (`name` LIKE ? ESCAPE '\\' OR `id` IN (?, ?))
-- params: [true, 18, 65, "x", "admin%", 7, 8]
