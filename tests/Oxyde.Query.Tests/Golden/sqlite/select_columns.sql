SELECT "name", "email" FROM "users"
-- params: []
