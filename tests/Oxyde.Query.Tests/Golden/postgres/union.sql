SELECT "id", "title" FROM "posts" WHERE "views" > $1 UNION ALL SELECT "id", "title" FROM "drafts" WHERE "views" > $2 ORDER BY "title" ASC LIMIT $3
-- params: [100, 5, 5]
