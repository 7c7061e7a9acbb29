SELECT `id` FROM `posts` WHERE `id` = ? FOR UPDATE SKIP LOCKED
-- params: [1]
