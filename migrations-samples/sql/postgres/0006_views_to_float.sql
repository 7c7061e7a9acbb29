-- 0006_views_to_float on postgres

-- upgrade
ALTER TABLE "post" ALTER COLUMN "views" TYPE DOUBLE PRECISION USING "views"::text::DOUBLE PRECISION;
ALTER TABLE "post" ALTER COLUMN "views" SET DEFAULT 0.0;

-- downgrade
ALTER TABLE "post" ALTER COLUMN "views" TYPE BIGINT USING "views"::text::BIGINT;
ALTER TABLE "post" ALTER COLUMN "views" SET DEFAULT 0;
