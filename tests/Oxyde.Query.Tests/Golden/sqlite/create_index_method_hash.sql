CREATE INDEX "users_token_idx" ON "users" ("token")
-- params: []
