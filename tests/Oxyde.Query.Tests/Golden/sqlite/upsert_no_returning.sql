INSERT INTO "users" ("id", "email", "name", "age") VALUES (?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "email" = excluded."email", "name" = excluded."name", "age" = excluded."age"
-- params: [1, "ada@x", "Ada", 36]
