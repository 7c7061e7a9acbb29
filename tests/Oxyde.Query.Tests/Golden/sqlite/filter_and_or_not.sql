SELECT "id", "name", "age" FROM "users" WHERE "active" = ? AND ("age" < ? OR "age" > ? OR ("name" = ? AND "email" IS NULL)) AND NOT (INSTR(LOWER("name"), ?) = 1 OR "id" IN (?, ?))
-- params: [1, 18, 65, "x", "admin", 7, 8]
