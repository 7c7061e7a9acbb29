SELECT DISTINCT `name` FROM `users`
-- params: []
