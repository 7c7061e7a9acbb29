INSERT INTO "users" ("email", "name", "age") VALUES ($1, $2, $3) ON CONFLICT ("email") DO NOTHING RETURNING "id", "email", "name", "age"
-- params: ["ada@x", "Ada", 36]
