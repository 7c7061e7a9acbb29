CREATE TABLE "authors" ("id" INTEGER PRIMARY KEY AUTOINCREMENT);
CREATE TABLE "posts" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" TEXT NOT NULL, "author_id" INTEGER, CONSTRAINT "fk_posts_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE SET NULL ON UPDATE CASCADE);
CREATE INDEX "posts_author_id_idx" ON "posts" ("author_id");
