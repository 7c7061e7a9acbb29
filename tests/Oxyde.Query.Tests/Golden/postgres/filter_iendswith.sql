SELECT "id", "name", "age" FROM "users" WHERE LOWER("email") LIKE $1 ESCAPE '\'
-- params: ["%@example.com"]
