-- 0007_drop_tag on mysql

-- upgrade
DROP TABLE `tag`;

-- downgrade
CREATE TABLE `tag` (`id` BIGINT AUTO_INCREMENT PRIMARY KEY, `label` VARCHAR(50) NOT NULL UNIQUE);
