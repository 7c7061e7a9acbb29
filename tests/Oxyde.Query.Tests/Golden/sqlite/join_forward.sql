SELECT "posts"."id", "posts"."title", "author"."id" AS "author__id", "author"."name" AS "author__name" FROM "posts" LEFT JOIN "authors" AS "author" ON "author"."id" = "posts"."author_id" WHERE "author"."age" >= ? AND INSTR(LOWER("posts"."title"), ?) > 0 ORDER BY "author"."name" DESC, "posts"."id" ASC LIMIT 10
-- params: [18, "db"]
