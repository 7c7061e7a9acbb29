-- 0005_rename_body_to_content on postgres

-- upgrade
ALTER TABLE "post" RENAME COLUMN "body" TO "content";

-- downgrade
ALTER TABLE "post" RENAME COLUMN "content" TO "body";
