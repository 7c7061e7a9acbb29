UPDATE `users` SET `name` = ?, `active` = ?, `email` = ? WHERE `id` = ?
-- params: ["New", false, null, 1]
