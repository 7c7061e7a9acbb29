DELETE FROM "users"
-- params: []
