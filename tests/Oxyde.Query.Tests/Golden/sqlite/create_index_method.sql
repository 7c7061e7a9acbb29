CREATE INDEX IF NOT EXISTS "users_tags_idx" ON "users" ("tags")
-- params: []
