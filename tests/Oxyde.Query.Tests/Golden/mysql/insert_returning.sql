INSERT INTO `users` (`name`, `age`) VALUES (?, ?), (?, ?)
-- params: ["Ada", 36, "Linus", 54]
;
SELECT LAST_INSERT_ID(), @@auto_increment_increment
-- params: []
;
SELECT `id`, `name`, `age` FROM `users` WHERE `id` IN 
-- params: []
