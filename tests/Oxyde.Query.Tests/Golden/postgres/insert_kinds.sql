INSERT INTO "docs" ("id", "meta", "tags", "price", "uid", "duration", "published_at", "day", "at", "status") VALUES ($1, $2::JSONB, $3, $4, $5, $6, $7, $8, $9, $10)
-- params: [1, "{\"a\": [1, 2]}", String[]["x", "y"], Decimal(19.99), Guid(1b4e28ba-2fa1-11d2-883f-0016d3cca427), 90000000, DateTime(2024-03-04T03:06:07.000008, Utc), DateOnly(2024-03-04), TimeOnly(05:06:07.000000), "draft"]
