SELECT `id`, `name`, `age` FROM `users` WHERE LOWER(`email`) LIKE ? ESCAPE '\\'
-- params: ["%@example.com"]
