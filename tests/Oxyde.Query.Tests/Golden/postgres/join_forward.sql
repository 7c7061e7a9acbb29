SELECT "posts"."id", "posts"."title", "author"."id" AS "author__id", "author"."name" AS "author__name" FROM "posts" LEFT JOIN "authors" AS "author" ON "author"."id" = "posts"."author_id" WHERE "author"."age" >= $1 AND LOWER("posts"."title") LIKE $2 ESCAPE '\' ORDER BY "author"."name" DESC, "posts"."id" ASC LIMIT $3
-- params: [18, "%db%", 10]
