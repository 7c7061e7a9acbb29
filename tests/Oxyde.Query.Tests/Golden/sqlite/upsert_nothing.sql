INSERT INTO "users" ("email", "name", "age") VALUES (?, ?, ?) ON CONFLICT ("email") DO NOTHING RETURNING "id", "email", "name", "age"
-- params: ["ada@x", "Ada", 36]
