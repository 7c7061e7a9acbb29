-- 0004_add_author_fk on postgres

-- upgrade
ALTER TABLE "post" ADD COLUMN "author_id" BIGINT;
ALTER TABLE "post" ADD CONSTRAINT "fk_post_author_id" FOREIGN KEY ("author_id") REFERENCES "author" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- downgrade
ALTER TABLE "post" DROP CONSTRAINT "fk_post_author_id";
ALTER TABLE "post" DROP COLUMN "author_id";
