UPDATE `products` SET `price` = ((`price` + ?) * ?), `weight` = ((`weight` - `qty`) / ?), `credit` = (-`credit`), `qty` = (`qty` + ?), `cost` = ? WHERE `price` < ?
-- params: [Decimal(1.00), Decimal(1.10), Decimal(3), 1, Decimal(4.50), Decimal(50)]
