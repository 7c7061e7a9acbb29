SELECT COUNT(*) AS "n", SUM("views") AS "total", AVG("views") AS "mean", MAX("price" COLLATE oxyde_decimal) AS "top", COUNT(DISTINCT "author_id") AS "authors" FROM "posts" WHERE "views" > ?
-- params: [0]
