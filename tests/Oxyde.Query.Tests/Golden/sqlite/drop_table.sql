DROP TABLE IF EXISTS "posts"
-- params: []
