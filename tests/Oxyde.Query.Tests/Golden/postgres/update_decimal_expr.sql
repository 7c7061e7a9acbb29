UPDATE "products" SET "price" = (("price" + $1) * $2), "weight" = (("weight" - "qty") / $3), "credit" = (-"credit"), "qty" = ("qty" + $4), "cost" = $5 WHERE "price" < $6
-- params: [UntypedText(1.00), UntypedText(1.10), UntypedText(3), 1, UntypedText(4.50), UntypedText(50)]
