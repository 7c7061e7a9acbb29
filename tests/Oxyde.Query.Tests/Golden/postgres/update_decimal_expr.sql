UPDATE "products" SET "price" = (("price" + $1) * $2), "weight" = (("weight" - "qty") / $3), "credit" = (-"credit"), "qty" = ("qty" + $4), "cost" = $5 WHERE "price" < $6
-- params: [Decimal(1.00), Decimal(1.10), Decimal(3), 1, Decimal(4.50), Decimal(50)]
