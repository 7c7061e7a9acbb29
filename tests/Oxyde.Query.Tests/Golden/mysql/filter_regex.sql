SELECT `id` FROM `posts` WHERE `title` REGEXP CONCAT('(?-i)', ?) OR `title` REGEXP CONCAT('(?i)', ?)
-- params: ["^a.*z$", "^db"]
