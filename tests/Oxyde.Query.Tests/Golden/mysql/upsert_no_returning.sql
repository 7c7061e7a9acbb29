INSERT INTO `users` (`id`, `email`, `name`, `age`) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE `email` = VALUES(`email`), `name` = VALUES(`name`), `age` = VALUES(`age`)
-- params: [1, "ada@x", "Ada", 36]
