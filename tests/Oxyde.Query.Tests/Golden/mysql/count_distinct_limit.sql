SELECT COUNT(*) AS `count` FROM (SELECT DISTINCT `name` FROM `users` WHERE `active` = ? ORDER BY `name` ASC LIMIT ?) AS `subquery`
-- params: [true, 5]
