SELECT "id", "name" FROM "users" WHERE "age" >= $1 ORDER BY "id" ASC LIMIT $2 FOR UPDATE SKIP LOCKED
-- params: [18, 5]
