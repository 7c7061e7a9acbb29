UPDATE "posts" SET "views" = ("views" + ?), "score" = (("score" - ?) * ("weight" / ?)), "balance" = oxyde_dec_round(oxyde_dec_neg("balance"), 2) WHERE "id" = ?
-- params: [1, Double(2), Double(4), 9]
