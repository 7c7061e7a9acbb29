SELECT "id", "name", "age" FROM "users" WHERE "id" IN ($1, $2, $3)
-- params: [1, 2, 3]
