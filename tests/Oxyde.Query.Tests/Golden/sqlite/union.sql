SELECT "id", "title" FROM "posts" WHERE "views" > ? UNION ALL SELECT "id", "title" FROM "drafts" WHERE "views" > ? ORDER BY "title" ASC LIMIT 5
-- params: [100, 5]
