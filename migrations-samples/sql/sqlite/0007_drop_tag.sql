-- 0007_drop_tag on sqlite

-- upgrade
DROP TABLE "tag";

-- downgrade
CREATE TABLE "tag" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "label" TEXT NOT NULL UNIQUE);
