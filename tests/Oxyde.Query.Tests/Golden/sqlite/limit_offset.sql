SELECT "id", "name", "age" FROM "users" ORDER BY "id" ASC LIMIT 10 OFFSET 20
-- params: []
