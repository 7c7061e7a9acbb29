SELECT "id", "at" FROM "events" WHERE "at" COLLATE oxyde_instant > ? AND "at" COLLATE oxyde_instant IN (?) AND "at" COLLATE oxyde_instant BETWEEN ? AND ? AND "local" < ? ORDER BY "at" COLLATE oxyde_instant ASC, "local" DESC LIMIT 10
-- params: ["2024-01-01 05:30:00+00:00", "2024-01-01 10:00:00+05:00", "2024-01-01 00:00:00+00:00", "2024-01-02 00:00:00-14:00", "2024-01-01 00:00:00"]
