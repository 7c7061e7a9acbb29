-- 0003_add_title_index on postgres

-- upgrade
CREATE INDEX "post_title_idx" ON "post" ("title");

-- downgrade
DROP INDEX "post_title_idx";
