UPDATE "users" SET "name" = ?, "active" = ?, "email" = ? WHERE "id" = ?
-- params: ["New", 0, null, 1]
