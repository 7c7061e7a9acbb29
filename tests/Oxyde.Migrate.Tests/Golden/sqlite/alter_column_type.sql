CREATE TABLE "_oxyde_new_users" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL, "email" TEXT NOT NULL UNIQUE, "age" REAL, CONSTRAINT "users_age_ok" CHECK (age >= 0));
INSERT INTO "_oxyde_new_users" ("id", "name", "email", "age") SELECT "id", "name", "email", "age" FROM "users";
DROP TABLE "users";
ALTER TABLE "_oxyde_new_users" RENAME TO "users";
CREATE INDEX "users_name_idx" ON "users" ("name");
PRAGMA foreign_key_check;
