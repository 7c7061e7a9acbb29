SELECT "id", "price" FROM "products" WHERE "price" > $1 AND "price" <= $2 AND "price" <> $3 AND "weight" IN ($4, $5) AND "weight" BETWEEN $6 AND $7 AND ("price" = $8 OR "price" IS NULL OR "name" >= $9) ORDER BY "price" DESC, "name" ASC, "id" ASC
-- params: [Decimal(9), Decimal(100.00), Decimal(10), Decimal(1.5), Decimal(2), Decimal(0.5), Decimal(100), Decimal(2.00), "m"]
