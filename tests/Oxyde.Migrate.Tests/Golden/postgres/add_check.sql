ALTER TABLE "users" ADD CONSTRAINT "users_name_long" CHECK (length(name) > 2);
