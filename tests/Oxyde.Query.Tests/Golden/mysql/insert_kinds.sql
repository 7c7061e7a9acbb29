INSERT INTO `docs` (`id`, `meta`, `tags`, `price`, `uid`, `duration`, `published_at`, `day`, `at`, `status`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
-- params: [1, "{\"a\": [1, 2]}", "[\"x\", \"y\"]", Decimal(19.99), "1b4e28ba-2fa1-11d2-883f-0016d3cca427", 90000000, DateTime(2024-03-04T03:06:07.000008, Utc), DateOnly(2024-03-04), TimeOnly(05:06:07.000000), "draft"]
