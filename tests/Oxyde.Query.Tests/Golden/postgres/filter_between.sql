SELECT "id", "name", "age" FROM "users" WHERE "created_at" BETWEEN $1 AND $2
-- params: [DateTime(2024-01-01T00:00:00.000000, Unspecified), DateTime(2024-12-31T23:59:59.500000, Unspecified)]
