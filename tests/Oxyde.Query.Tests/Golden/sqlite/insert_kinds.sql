INSERT INTO "docs" ("id", "meta", "tags", "price", "uid", "duration", "published_at", "day", "at", "status") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
-- params: [1, "{\"a\": [1, 2]}", "[\"x\", \"y\"]", "19.99", "1b4e28ba-2fa1-11d2-883f-0016d3cca427", 90000000, "2024-03-04 05:06:07.000008+02:00", "2024-03-04", "05:06:07", "draft"]
