DELETE FROM "users" WHERE "active" = ? AND "age" < ?
-- params: [0, 10]
