SELECT "id", "name", "age" FROM "users" WHERE "active" = $1 AND ("age" < $2 OR "age" > $3 OR ("name" = $4 AND "email" IS NULL)) AND NOT ("name" LIKE $5 ESCAPE '\' OR "id" IN ($6, $7))
-- params: [true, 18, 65, "x", "admin%", 7, 8]
