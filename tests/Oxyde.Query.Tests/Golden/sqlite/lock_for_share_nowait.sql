SELECT "id" FROM "posts" WHERE "id" = ?
-- params: [1]
