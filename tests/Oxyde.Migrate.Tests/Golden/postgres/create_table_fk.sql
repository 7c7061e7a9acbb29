CREATE TABLE "authors" ("id" BIGSERIAL PRIMARY KEY);
CREATE TABLE "posts" ("id" BIGSERIAL PRIMARY KEY, "title" TEXT NOT NULL, "author_id" BIGINT, CONSTRAINT "fk_posts_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE SET NULL ON UPDATE CASCADE);
CREATE INDEX "posts_author_id_idx" ON "posts" ("author_id");
