SELECT "id" FROM "posts" WHERE "author_id" IN (SELECT "id" FROM "authors" WHERE "age" >= $1) AND NOT (EXISTS (SELECT 1 FROM "comments" WHERE "spam" = $2))
-- params: [30, true]
