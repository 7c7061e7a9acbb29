SELECT LOWER("title") AS "low", UPPER("title") AS "up", LENGTH("title") AS "len", CONCAT("title", $1) AS "shout", CONCAT_WS($2, "title", "id") AS "joined", COALESCE("views", $3) AS "v", CURRENT_TIMESTAMP AS "at", CASE WHEN "views" >= $4 THEN $5 ELSE $6 END AS "heat", (views * $7) AS "tripled" FROM "posts"
-- params: ["!", ", ", 0, 100, "hot", "cold", 3]
