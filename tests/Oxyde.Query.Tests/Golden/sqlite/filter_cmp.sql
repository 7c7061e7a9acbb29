SELECT "id", "name", "age" FROM "users" WHERE "age" > ? AND "age" >= ? AND "age" < ? AND "age" <= ?
-- params: [1, 2, 90, 91]
