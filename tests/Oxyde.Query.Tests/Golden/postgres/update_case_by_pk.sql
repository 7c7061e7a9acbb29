UPDATE "users" SET "name" = CASE WHEN "id" = $1 THEN $2 WHEN "id" = $3 THEN $4 ELSE "name" END, "age" = CASE WHEN "id" = $5 THEN $6 WHEN "id" = $7 THEN $8 ELSE "age" END WHERE "id" IN ($9, $10)
-- params: [1, "Ada", 2, "Linus", 1, 36, 2, 54, 1, 2]
