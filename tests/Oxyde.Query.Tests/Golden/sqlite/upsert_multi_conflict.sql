INSERT INTO "users" ("email", "name", "age") VALUES (?, ?, ?) ON CONFLICT ("email", "name") DO UPDATE SET "age" = excluded."age" RETURNING "id", "email", "name", "age"
-- params: ["ada@x", "Ada", 36]
