SELECT `id` FROM `posts` ORDER BY RAND() ASC LIMIT ?
-- params: [3]
