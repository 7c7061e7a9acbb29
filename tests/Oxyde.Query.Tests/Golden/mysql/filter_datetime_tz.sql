SELECT `id`, `at` FROM `events` WHERE `at` > ? AND `at` IN (?) AND `at` BETWEEN ? AND ? AND `local` < ? ORDER BY `at` ASC, `local` DESC LIMIT ?
-- params: [DateTime(2024-01-01T05:30:00.000000, Utc), DateTime(2024-01-01T05:00:00.000000, Utc), DateTime(2024-01-01T00:00:00.000000, Utc), DateTime(2024-01-02T14:00:00.000000, Utc), DateTime(2024-01-01T00:00:00.000000, Unspecified), 10]
