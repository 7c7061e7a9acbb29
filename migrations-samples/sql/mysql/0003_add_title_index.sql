-- 0003_add_title_index on mysql

-- upgrade
CREATE INDEX `post_title_idx` ON `post` (`title`);

-- downgrade
DROP INDEX `post_title_idx` ON `post`;
