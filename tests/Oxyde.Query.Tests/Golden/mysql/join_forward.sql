SELECT `posts`.`id`, `posts`.`title`, `author`.`id` AS `author__id`, `author`.`name` AS `author__name` FROM `posts` LEFT JOIN `authors` AS `author` ON `author`.`id` = `posts`.`author_id` WHERE `author`.`age` >= ? AND LOWER(`posts`.`title`) LIKE ? ESCAPE '\\' ORDER BY `author`.`name` DESC, `posts`.`id` ASC LIMIT ?
-- params: [18, "%db%", 10]
