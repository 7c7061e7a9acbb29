SELECT "id", "name" FROM "users" WHERE "age" >= ? ORDER BY "id" ASC LIMIT 5
-- params: [18]
