SELECT COUNT(*) AS "count" FROM (SELECT DISTINCT "name" FROM "users" WHERE "active" = $1 ORDER BY "name" ASC LIMIT $2) AS "subquery"
-- params: [true, 5]
