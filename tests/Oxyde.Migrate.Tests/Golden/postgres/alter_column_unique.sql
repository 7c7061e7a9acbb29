ALTER TABLE "users" ADD CONSTRAINT "users_name_key" UNIQUE ("name");
ALTER TABLE "users" DROP CONSTRAINT "users_email_key";
