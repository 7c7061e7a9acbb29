SELECT "id", "name", "age" FROM "users" WHERE "name" LIKE $1 ESCAPE '\'
-- params: ["Ad%"]
