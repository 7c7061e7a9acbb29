UPDATE "posts" SET "views" = ("views" + $1), "score" = (("score" - $2) * ("weight" / $3)), "balance" = (-"balance") WHERE "id" = $4
-- params: [1, Double(2), Double(4), 9]
