DELETE FROM `users` WHERE `active` = ? AND `age` < ?
-- params: [false, 10]
