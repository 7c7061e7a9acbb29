CREATE UNIQUE INDEX IF NOT EXISTS "posts_title_idx" ON "posts" ("title", "views")
-- params: []
