SELECT "id", "name", "age" FROM "users" WHERE "age" > $1 AND "age" >= $2 AND "age" < $3 AND "age" <= $4
-- params: [1, 2, 90, 91]
