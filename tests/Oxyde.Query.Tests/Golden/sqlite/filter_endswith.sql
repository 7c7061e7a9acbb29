SELECT "id", "name", "age" FROM "users" WHERE "email" LIKE ? ESCAPE '\'
-- params: ["%@example.com"]
