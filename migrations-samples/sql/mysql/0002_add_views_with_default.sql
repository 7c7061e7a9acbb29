-- 0002_add_views_with_default on mysql

-- upgrade
ALTER TABLE `post` ADD COLUMN `views` BIGINT NOT NULL DEFAULT 0;

-- downgrade
ALTER TABLE `post` DROP COLUMN `views`;
