INSERT INTO "users" ("email", "name", "age") VALUES (?, ?, ?), (?, ?, ?) ON CONFLICT ("email") DO UPDATE SET "name" = excluded."name", "age" = excluded."age" RETURNING "id", "email", "name", "age"
-- params: ["ada@x", "Ada", 36, "linus@x", "Linus", 54]
