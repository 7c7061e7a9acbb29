SELECT COUNT(*) AS "count" FROM "users" WHERE "age" >= $1
-- params: [18]
