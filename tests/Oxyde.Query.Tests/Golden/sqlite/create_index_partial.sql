CREATE UNIQUE INDEX "users_email_live_uniq" ON "users" ("email") WHERE deleted = 0
-- params: []
