INSERT INTO "users" ("name", "age", "created_at", "active") VALUES (?, ?, ?, ?)
-- params: ["Ada", 36, "2024-05-06 07:08:09.123000", 1]
