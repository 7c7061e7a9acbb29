SELECT "id" FROM "posts" WHERE "author_id" IN (SELECT "id" FROM "authors" WHERE "age" >= ?) AND NOT (EXISTS (SELECT 1 FROM "comments" WHERE "spam" = ?))
-- params: [30, 1]
