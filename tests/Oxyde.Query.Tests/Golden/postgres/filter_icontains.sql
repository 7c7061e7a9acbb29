SELECT "id", "name", "age" FROM "users" WHERE LOWER("name") LIKE $1 ESCAPE '\'
-- params: ["%ada\\_\\%%"]
