DELETE FROM "users" WHERE "active" = $1 AND "age" < $2
-- params: [false, 10]
