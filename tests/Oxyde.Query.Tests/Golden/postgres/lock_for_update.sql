SELECT "id" FROM "posts" WHERE "id" = $1 FOR UPDATE SKIP LOCKED
-- params: [1]
