SELECT "id" FROM "posts" WHERE "title" ~ $1 OR "title" ~* $2
-- params: ["^a.*z$", "^db"]
