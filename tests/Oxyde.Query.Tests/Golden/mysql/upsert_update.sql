INSERT INTO `users` (`email`, `name`, `age`) VALUES (?, ?, ?), (?, ?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `age` = VALUES(`age`)
-- params: ["ada@x", "Ada", 36, "linus@x", "Linus", 54]
;
SELECT `id`, `email`, `name`, `age` FROM `users` WHERE `email` IN 
-- params: []
