SELECT "id" FROM "posts" ORDER BY RANDOM() ASC LIMIT 3
-- params: []
