SELECT "id" FROM "posts" WHERE "id" = $1 FOR SHARE NOWAIT
-- params: [1]
