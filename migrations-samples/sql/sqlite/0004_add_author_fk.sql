-- 0004_add_author_fk on sqlite

-- upgrade
ALTER TABLE "post" ADD COLUMN "author_id" INTEGER;
CREATE TABLE "_oxyde_new_post" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL, "body" TEXT NOT NULL, "published" INTEGER NOT NULL DEFAULT FALSE, "views" INTEGER NOT NULL DEFAULT 0, "author_id" INTEGER, CONSTRAINT "fk_post_author_id" FOREIGN KEY ("author_id") REFERENCES "author" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
INSERT INTO "_oxyde_new_post" ("id", "title", "body", "published", "views", "author_id") SELECT "id", "title", "body", "published", "views", "author_id" FROM "post";
DROP TABLE "post";
ALTER TABLE "_oxyde_new_post" RENAME TO "post";
CREATE INDEX "post_title_idx" ON "post" ("title");
PRAGMA foreign_key_check;

-- downgrade
CREATE TABLE "_oxyde_new_post" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL, "body" TEXT NOT NULL, "published" INTEGER NOT NULL DEFAULT FALSE, "views" INTEGER NOT NULL DEFAULT 0, "author_id" INTEGER);
INSERT INTO "_oxyde_new_post" ("id", "title", "body", "published", "views", "author_id") SELECT "id", "title", "body", "published", "views", "author_id" FROM "post";
DROP TABLE "post";
ALTER TABLE "_oxyde_new_post" RENAME TO "post";
CREATE INDEX "post_title_idx" ON "post" ("title");
PRAGMA foreign_key_check;
ALTER TABLE "post" DROP COLUMN "author_id";
