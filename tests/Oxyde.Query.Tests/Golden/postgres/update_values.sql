UPDATE "users" SET "name" = $1, "active" = $2, "email" = $3 WHERE "id" = $4
-- params: ["New", false, null, 1]
