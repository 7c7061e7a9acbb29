SELECT LOWER("title") AS "low", UPPER("title") AS "up", LENGTH("title") AS "len", CONCAT("title", ?) AS "shout", CONCAT_WS(?, "title", "id") AS "joined", COALESCE("views", ?) AS "v", CURRENT_TIMESTAMP AS "at", CASE WHEN "views" >= ? THEN ? ELSE ? END AS "heat", (views * ?) AS "tripled" FROM "posts"
-- params: ["!", ", ", 0, 100, "hot", "cold", 3]
