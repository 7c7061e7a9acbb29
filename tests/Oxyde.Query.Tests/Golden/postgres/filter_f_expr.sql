SELECT "id" FROM "posts" WHERE "views" > ("author_id" * $1)
-- params: [2]
