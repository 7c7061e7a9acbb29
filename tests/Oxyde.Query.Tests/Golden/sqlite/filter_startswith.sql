SELECT "id", "name", "age" FROM "users" WHERE INSTR(LOWER("name"), ?) = 1
-- params: ["ad"]
