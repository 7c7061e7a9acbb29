CREATE INDEX "users_token_idx" ON "users" USING hash ("token")
-- params: []
