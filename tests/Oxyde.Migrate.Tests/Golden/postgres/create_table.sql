CREATE TABLE "users" ("id" BIGSERIAL PRIMARY KEY, "name" VARCHAR(100) NOT NULL, "email" VARCHAR(200) NOT NULL UNIQUE, "age" BIGINT, "active" BOOLEAN NOT NULL, "score" NUMERIC(10, 2), "created" TIMESTAMP NOT NULL, CONSTRAINT "users_age_ok" CHECK (age >= 0));
CREATE INDEX "users_name_idx" ON "users" ("name");
