SELECT `id` FROM `users` WHERE `name` = ? FOR UPDATE
-- params: ["Ada"]
;
UPDATE `users` SET `age` = ? WHERE `id` IN 
-- params: [40]
;
SELECT `id`, `age` FROM `users` WHERE `id` IN 
-- params: []
