UPDATE "products" SET "price" = oxyde_dec_round(oxyde_dec_mul(oxyde_dec_add("price", ?), ?), 2), "weight" = oxyde_dec_div(oxyde_dec_sub("weight", "qty"), ?), "credit" = oxyde_dec_round(oxyde_dec_neg("credit"), 0), "qty" = ("qty" + ?), "cost" = ? WHERE "price" COLLATE oxyde_decimal < ?
-- params: ["1.00", "1.10", "3", 1, "4.50", "50"]
