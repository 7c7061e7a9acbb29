INSERT INTO "users" ("name", "age", "created_at", "active") VALUES ($1, $2, $3, $4)
-- params: ["Ada", 36, DateTime(2024-05-06T07:08:09.123000, Unspecified), true]
