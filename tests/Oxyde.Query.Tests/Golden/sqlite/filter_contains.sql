SELECT "id", "name", "age" FROM "users" WHERE "name" LIKE ? ESCAPE '\'
-- params: ["%50\\%\\_off\\\\now%"]
