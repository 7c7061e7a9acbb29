CREATE INDEX "users_adult_idx" ON "users" ("name") WHERE age >= 18;
