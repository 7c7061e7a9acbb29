SELECT "id", "name", "age" FROM "users" WHERE SUBSTR(CAST(LOWER("email") AS BLOB), -LENGTH(CAST(? AS BLOB))) = CAST(? AS BLOB)
-- params: ["@example.com", "@example.com"]
