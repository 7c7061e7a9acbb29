SELECT COUNT(*) AS "n", SUM("views") AS "total", AVG("views") AS "mean", MAX("price") AS "top", COUNT(DISTINCT "author_id") AS "authors" FROM "posts" WHERE "views" > $1
-- params: [0]
