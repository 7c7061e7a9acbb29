SELECT "author_id", COUNT(*) AS "posts", SUM("views") AS "views" FROM "posts" GROUP BY "author_id" HAVING COUNT(*) >= $1 ORDER BY COUNT(*) DESC
-- params: [2]
