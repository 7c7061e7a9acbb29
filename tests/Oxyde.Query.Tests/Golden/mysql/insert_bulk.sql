INSERT INTO `users` (`name`, `age`) VALUES (?, ?), (?, ?), (?, ?)
-- params: ["Ada", 36, "Linus", 54, "Grace", null]
