INSERT INTO "users" ("id", "email", "name", "age") VALUES ($1, $2, $3, $4) ON CONFLICT ("id") DO UPDATE SET "email" = excluded."email", "name" = excluded."name", "age" = excluded."age"
-- params: [1, "ada@x", "Ada", 36]
