SELECT `author_id`, COUNT(*) AS `posts`, SUM(`views`) AS `views` FROM `posts` GROUP BY `author_id` HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC
-- params: [2]
