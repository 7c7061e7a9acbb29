SELECT COUNT(*) AS "count" FROM "users" WHERE "age" >= ?
-- params: [18]
