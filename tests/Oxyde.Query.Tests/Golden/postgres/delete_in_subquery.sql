DELETE FROM "posts" WHERE "id" IN (SELECT "posts"."id" FROM "posts" INNER JOIN "authors" AS "author" ON "author"."id" = "posts"."author_id" WHERE "author"."name" = $1)
-- params: ["Ada"]
