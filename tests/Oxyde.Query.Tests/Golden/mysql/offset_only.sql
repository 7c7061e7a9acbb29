SELECT `id`, `name`, `age` FROM `users` ORDER BY `id` ASC LIMIT 18446744073709551615 OFFSET ?
-- params: [5]
