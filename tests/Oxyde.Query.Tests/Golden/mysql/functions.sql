SELECT LOWER(`title`) AS `low`, UPPER(`title`) AS `up`, CHAR_LENGTH(`title`) AS `len`, CONCAT_WS('', `title`, ?) AS `shout`, CONCAT_WS(?, `title`, `id`) AS `joined`, COALESCE(`views`, ?) AS `v`, CURRENT_TIMESTAMP(6) AS `at`, CASE WHEN `views` >= ? THEN ? ELSE ? END AS `heat`, (views * ?) AS `tripled` FROM `posts`
-- params: ["!", ", ", 0, 100, "hot", "cold", 3]
