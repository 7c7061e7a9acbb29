SELECT "id", "name", "age" FROM "users" WHERE LOWER("name") LIKE ? ESCAPE '\'
-- params: ["%ada\\_\\%%"]
