DROP TYPE "status_enum";
