SELECT "id" FROM "posts" WHERE CAST(STRFTIME('%Y', "created") AS INTEGER) = ? AND CAST(STRFTIME('%m', "created") AS INTEGER) BETWEEN ? AND ? AND DATE("created") = ?
-- params: [2024, 3, 6, "2024-05-01"]
