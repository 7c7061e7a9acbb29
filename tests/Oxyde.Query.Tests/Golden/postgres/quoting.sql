SELECT "col""umn", "back`tick" FROM "we""ird`table" WHERE "col""umn" = $1 ORDER BY "back`tick" DESC
-- params: ["x"]
