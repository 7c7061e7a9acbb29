SELECT "id", "name", "age" FROM "users" WHERE "created_at" BETWEEN ? AND ?
-- params: ["2024-01-01 00:00:00", "2024-12-31 23:59:59.500000"]
