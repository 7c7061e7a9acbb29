INSERT INTO `users` (`email`, `name`, `age`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `email` = `email`
-- params: ["ada@x", "Ada", 36]
;
SELECT `id`, `email`, `name`, `age` FROM `users` WHERE `email` IN 
-- params: []
