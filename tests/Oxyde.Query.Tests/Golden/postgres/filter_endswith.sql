SELECT "id", "name", "age" FROM "users" WHERE "email" LIKE $1 ESCAPE '\'
-- params: ["%@example.com"]
