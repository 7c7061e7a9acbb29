SELECT SUM(`price`) AS `total` FROM `posts`
-- params: []
