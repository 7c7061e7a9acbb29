SELECT `id`, `name`, `age` FROM `users` WHERE `name` LIKE ? ESCAPE '\\' OR LOWER(`name`) LIKE ? ESCAPE '\\' OR `name` LIKE ? ESCAPE '\\' OR LOWER(`name`) LIKE ? ESCAPE '\\' OR `name` LIKE ? ESCAPE '\\' OR LOWER(`name`) LIKE ? ESCAPE '\\' OR LOWER(`name`) LIKE ? ESCAPE '\\'
-- params: ["%A\u0000b\\%%", "%a\u0000b\\%%", "A\u0000b\\%%", "a\u0000b\\%%", "%A\u0000b\\%", "%a\u0000b\\%", "a\u0000b\\%"]
