SELECT `id` FROM `posts` WHERE `id` = ? FOR SHARE NOWAIT
-- params: [1]
