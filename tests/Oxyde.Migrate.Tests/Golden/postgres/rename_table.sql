ALTER TABLE "users" RENAME TO "people";
