SELECT "id", "name", "age" FROM "users"
-- params: []
