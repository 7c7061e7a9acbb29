INSERT INTO "users" ("name", "age") VALUES ($1, $2), ($3, $4), ($5, $6)
-- params: ["Ada", 36, "Linus", 54, "Grace", null]
