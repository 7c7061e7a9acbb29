SELECT "id", "name", "age" FROM "users" WHERE "email" IS NULL
-- params: []
