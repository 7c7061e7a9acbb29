INSERT INTO "users" ("name", "age") VALUES ($1, $2), ($3, $4) RETURNING "id", "name", "age"
-- params: ["Ada", 36, "Linus", 54]
