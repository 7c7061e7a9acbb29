DELETE FROM `users`
-- params: []
