SELECT COUNT(*) AS `count` FROM `posts` INNER JOIN `authors` AS `author` ON `author`.`id` = `posts`.`author_id` LEFT JOIN `countries` AS `author__country` ON `author__country`.`id` = `author`.`country_id` WHERE `author__country`.`code` IN (?, ?)
-- params: ["fr", "de"]
