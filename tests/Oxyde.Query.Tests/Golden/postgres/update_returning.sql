UPDATE "users" SET "age" = $1 WHERE "name" = $2 RETURNING "id", "age"
-- params: [40, "Ada"]
