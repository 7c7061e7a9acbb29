SELECT `id` FROM `posts` WHERE YEAR(`created`) = ? AND MONTH(`created`) BETWEEN ? AND ? AND DATE(`created`) = ?
-- params: [2024, 3, 6, DateOnly(2024-05-01)]
