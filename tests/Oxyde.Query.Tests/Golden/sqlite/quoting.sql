SELECT "col""umn", "back`tick" FROM "we""ird`table" WHERE "col""umn" = ? ORDER BY "back`tick" DESC
-- params: ["x"]
