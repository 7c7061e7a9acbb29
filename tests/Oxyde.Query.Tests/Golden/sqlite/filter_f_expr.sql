SELECT "id" FROM "posts" WHERE "views" > ("author_id" * ?)
-- params: [2]
