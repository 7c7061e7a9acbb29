SELECT "id", "at" FROM "events" WHERE "at" > $1 AND "at" IN ($2) AND "at" BETWEEN $3 AND $4 AND "local" < $5 ORDER BY "at" ASC, "local" DESC LIMIT $6
-- params: [DateTime(2024-01-01T05:30:00.000000, Utc), DateTime(2024-01-01T05:00:00.000000, Utc), DateTime(2024-01-01T00:00:00.000000, Utc), DateTime(2024-01-02T14:00:00.000000, Utc), DateTime(2024-01-01T00:00:00.000000, Unspecified), 10]
