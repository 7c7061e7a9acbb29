SELECT "id", "name", "age" FROM "users" ORDER BY "id" ASC LIMIT -1 OFFSET 5
-- params: []
