CREATE TABLE IF NOT EXISTS "articles" ("id" BIGSERIAL PRIMARY KEY, "author_id" BIGINT NOT NULL, "slug" VARCHAR(100) NOT NULL, "views" BIGINT NOT NULL DEFAULT 0, "status" VARCHAR(20) NOT NULL, CONSTRAINT "fk_articles_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT "chk_articles_0" CHECK (views >= 0), CONSTRAINT "status_known" CHECK (status IN ('draft', 'it''s')))
-- params: []
;
CREATE UNIQUE INDEX IF NOT EXISTS "articles_author_id_slug_uniq" ON "articles" ("author_id", "slug")
-- params: []
