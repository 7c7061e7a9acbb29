-- 0007_drop_tag on postgres

-- upgrade
DROP TABLE "tag";

-- downgrade
CREATE TABLE "tag" ("id" BIGSERIAL PRIMARY KEY, "label" VARCHAR(50) NOT NULL UNIQUE);
