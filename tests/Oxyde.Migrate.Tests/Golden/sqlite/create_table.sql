CREATE TABLE "users" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "email" TEXT NOT NULL UNIQUE, "age" INTEGER, "active" INTEGER NOT NULL, "score" TEXT, "created" TEXT NOT NULL, CONSTRAINT "users_age_ok" CHECK (age >= 0));
CREATE INDEX "users_name_idx" ON "users" ("name");
