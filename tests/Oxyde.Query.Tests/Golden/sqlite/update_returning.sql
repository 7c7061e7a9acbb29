UPDATE "users" SET "age" = ? WHERE "name" = ? RETURNING "id", "age"
-- params: [40, "Ada"]
