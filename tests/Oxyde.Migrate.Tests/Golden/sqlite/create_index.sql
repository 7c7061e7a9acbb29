CREATE UNIQUE INDEX "users_email_name_idx" ON "users" ("email", "name");
CREATE INDEX "users_age_idx" ON "users" ("age");
