SELECT "id" FROM "posts" ORDER BY RANDOM() ASC LIMIT $1
-- params: [3]
