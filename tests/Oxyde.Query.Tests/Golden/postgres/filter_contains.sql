SELECT "id", "name", "age" FROM "users" WHERE "name" LIKE $1 ESCAPE '\'
-- params: ["%50\\%\\_off\\\\now%"]
