SELECT "id", "name", "age" FROM "users" WHERE "id" IN (?, ?, ?)
-- params: [1, 2, 3]
