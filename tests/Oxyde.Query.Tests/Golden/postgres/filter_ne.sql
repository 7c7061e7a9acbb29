SELECT "id", "name", "age" FROM "users" WHERE "age" <> $1
-- params: [30]
