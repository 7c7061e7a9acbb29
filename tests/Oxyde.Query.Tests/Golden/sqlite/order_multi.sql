SELECT "id", "name", "age" FROM "users" ORDER BY "age" DESC, "name" ASC
-- params: []
