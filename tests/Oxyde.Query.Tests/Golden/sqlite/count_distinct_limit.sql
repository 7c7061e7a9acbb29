SELECT COUNT(*) AS "count" FROM (SELECT DISTINCT "name" FROM "users" WHERE "active" = ? ORDER BY "name" ASC LIMIT 5) AS "subquery"
-- params: [1]
