CREATE TABLE "_oxyde_new_posts" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL, "author_id" INTEGER);
INSERT INTO "_oxyde_new_posts" ("id", "title", "author_id") SELECT "id", "title", "author_id" FROM "posts";
DROP TABLE "posts";
ALTER TABLE "_oxyde_new_posts" RENAME TO "posts";
PRAGMA foreign_key_check;
