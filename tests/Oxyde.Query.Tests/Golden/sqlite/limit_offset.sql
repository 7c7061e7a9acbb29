SELECT "id", "name", "age" FROM "users" ORDER BY "id" ASC LIMIT ? OFFSET ?
-- params: [10, 20]
