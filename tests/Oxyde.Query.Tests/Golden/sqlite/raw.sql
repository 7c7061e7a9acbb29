SELECT * FROM users WHERE id = ? AND name = ?
-- params: [1, "Ada"]
