-- 0002_add_views_with_default on sqlite

-- upgrade
ALTER TABLE "post" ADD COLUMN "views" INTEGER NOT NULL DEFAULT 0;

-- downgrade
ALTER TABLE "post" DROP COLUMN "views";
