SELECT "id", "name", "age" FROM "users" WHERE 1 = 0
-- params: []
