-- 0006_views_to_float on mysql

-- upgrade
ALTER TABLE `post` MODIFY COLUMN `views` DOUBLE NOT NULL DEFAULT 0.0;

-- downgrade
ALTER TABLE `post` MODIFY COLUMN `views` BIGINT NOT NULL DEFAULT 0;
