CREATE TABLE IF NOT EXISTS "posts" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL UNIQUE, "slug" TEXT, "body" TEXT NOT NULL DEFAULT '', "views" INTEGER NOT NULL DEFAULT 0, "rating" REAL, "published" INTEGER NOT NULL DEFAULT FALSE, "price" TEXT, "status" TEXT NOT NULL DEFAULT 'draft', "uid" TEXT UNIQUE, "meta" TEXT, "tags" TEXT, "scores" TEXT, "cover" BLOB, "duration" INTEGER, "created_at" TEXT NOT NULL, "published_at" TEXT, "day" TEXT, "at" TEXT, "legacy" CHAR(8), "author_id" INTEGER NOT NULL, "editor_id" INTEGER, CONSTRAINT "fk_posts_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT "fk_posts_editor_id" FOREIGN KEY ("editor_id") REFERENCES "authors" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)
-- params: []
;
CREATE INDEX IF NOT EXISTS "posts_title_idx" ON "posts" ("title")
-- params: []
;
CREATE UNIQUE INDEX IF NOT EXISTS "posts_author_day_idx" ON "posts" ("author_id", "day")
-- params: []
