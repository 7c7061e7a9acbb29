INSERT INTO "counters" DEFAULT VALUES RETURNING "id"
-- params: []
;
INSERT INTO "counters" DEFAULT VALUES RETURNING "id"
-- params: []
