SELECT "id", "name", "age" FROM "users" WHERE "name" = $1
-- params: ["Ada"]
