ALTER TYPE "status_enum" ADD VALUE IF NOT EXISTS 'late';
