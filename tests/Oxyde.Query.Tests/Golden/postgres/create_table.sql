DO $oxyde$ BEGIN CREATE TYPE "post_status_enum" AS ENUM ('draft', 'published', 'it''s'); EXCEPTION WHEN duplicate_object THEN NULL; END $oxyde$
-- params: []
;
CREATE TABLE IF NOT EXISTS "posts" ("id" BIGSERIAL PRIMARY KEY, "title" VARCHAR(200) NOT NULL UNIQUE, "slug" TEXT, "body" TEXT NOT NULL DEFAULT '', "views" BIGINT NOT NULL DEFAULT 0, "rating" DOUBLE PRECISION, "published" BOOLEAN NOT NULL DEFAULT FALSE, "price" NUMERIC(10, 2), "status" "post_status_enum" NOT NULL DEFAULT 'draft', "uid" UUID UNIQUE, "meta" JSONB, "tags" TEXT[], "scores" BIGINT[], "cover" BYTEA, "duration" BIGINT, "created_at" TIMESTAMP NOT NULL, "published_at" TIMESTAMPTZ, "day" DATE, "at" TIME, "legacy" CHAR(8), "author_id" BIGINT NOT NULL, "editor_id" BIGINT, CONSTRAINT "fk_posts_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT "fk_posts_editor_id" FOREIGN KEY ("editor_id") REFERENCES "authors" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)
-- params: []
;
CREATE INDEX IF NOT EXISTS "posts_title_idx" ON "posts" ("title")
-- params: []
;
CREATE UNIQUE INDEX IF NOT EXISTS "posts_author_day_idx" ON "posts" ("author_id", "day")
-- params: []
