UPDATE "posts" SET "views" = ("views" + ?), "score" = (("score" - ?) * ("weight" / ?)), "balance" = (-"balance") WHERE "id" = ?
-- params: [1, Double(2), Double(4), 9]
