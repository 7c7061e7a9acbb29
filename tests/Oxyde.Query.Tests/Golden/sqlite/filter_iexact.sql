SELECT "id", "name", "age" FROM "users" WHERE LOWER("name") = ?
-- params: ["ada_lovelace%"]
