SELECT "id", "name", "age" FROM "users" ORDER BY "id" ASC OFFSET $1
-- params: [5]
