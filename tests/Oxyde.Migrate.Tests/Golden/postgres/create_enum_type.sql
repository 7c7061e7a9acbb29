CREATE TYPE "status_enum" AS ENUM ('new', 'it''s done');
CREATE TABLE "tasks" ("id" BIGSERIAL PRIMARY KEY, "status" "status_enum" NOT NULL);
