SELECT "id", "name", "age" FROM "users" WHERE "name" LIKE $1 ESCAPE '\' OR LOWER("name") LIKE $2 ESCAPE '\' OR "name" LIKE $3 ESCAPE '\' OR LOWER("name") LIKE $4 ESCAPE '\' OR "name" LIKE $5 ESCAPE '\' OR LOWER("name") LIKE $6 ESCAPE '\' OR LOWER("name") LIKE $7 ESCAPE '\'
-- params: ["%A\u0000b\\%%", "%a\u0000b\\%%", "A\u0000b\\%%", "a\u0000b\\%%", "%A\u0000b\\%", "%a\u0000b\\%", "a\u0000b\\%"]
