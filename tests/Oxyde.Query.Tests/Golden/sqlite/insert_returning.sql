INSERT INTO "users" ("name", "age") VALUES (?, ?), (?, ?) RETURNING "id", "name", "age"
-- params: ["Ada", 36, "Linus", 54]
