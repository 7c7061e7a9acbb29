SELECT "id", "name", "age" FROM "users" WHERE INSTR(LOWER("name"), ?) > 0
-- params: ["50%_off\\now"]
