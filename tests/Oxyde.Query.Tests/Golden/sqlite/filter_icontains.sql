SELECT "id", "name", "age" FROM "users" WHERE INSTR(LOWER("name"), ?) > 0
-- params: ["ada_%"]
