SELECT `id`, `price` FROM `products` WHERE `price` > ? AND `price` <= ? AND `price` <> ? AND `weight` IN (?, ?) AND `weight` BETWEEN ? AND ? AND (`price` = ? OR `price` IS NULL OR `name` >= ?) ORDER BY `price` DESC, `name` ASC, `id` ASC
-- params: [Decimal(9), Decimal(100.00), Decimal(10), Decimal(1.5), Decimal(2), Decimal(0.5), Decimal(100), Decimal(2.00), "m"]
