DROP INDEX IF EXISTS "posts_title_idx"
-- params: []
