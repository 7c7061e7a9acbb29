SELECT "id", "name", "age" FROM "users" WHERE 1 = 1
-- params: []
