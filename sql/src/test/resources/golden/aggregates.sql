-- aggregates and GROUP BY
CREATE TABLE sales (id int PRIMARY KEY, region text, amount int, price double precision);
SELECT count(*), count(amount), sum(amount), min(amount), max(region) FROM sales;
SELECT region, count(*) FROM sales GROUP BY region;
INSERT INTO sales VALUES (1, 'north', 10, 1.5), (2, 'south', 20, 2.5), (3, 'north', NULL, 0.5),
    (4, 'east', 5, NULL), (5, 'south', 20, 4.0), (6, NULL, 7, 1.0);
SELECT count(*), count(amount), sum(amount), min(amount), max(amount), sum(price), max(price) FROM sales;
SELECT region, count(*) AS n, sum(amount) FROM sales GROUP BY region ORDER BY region;
SELECT region, count(*) FROM sales GROUP BY 1 ORDER BY 2 DESC, 1;
SELECT region AS r, max(amount) FROM sales GROUP BY r ORDER BY r NULLS FIRST;
SELECT region, sum(amount) FROM sales GROUP BY region HAVING sum(amount) > 10 ORDER BY region;
SELECT count(DISTINCT amount), count(DISTINCT region) FROM sales;
SELECT sum(amount) * 2 + 1 AS twice, count(*) - 1 FROM sales;
SELECT region || '!', count(*) FROM sales GROUP BY region || '!' ORDER BY 1;
SELECT amount % 2 AS parity, count(*) FROM sales WHERE amount IS NOT NULL GROUP BY amount % 2 ORDER BY parity;
SELECT max(region), min(region) FROM sales WHERE id > 100;
SELECT count(*) FROM sales HAVING count(*) > 100;
SELECT 1 AS x FROM sales GROUP BY region ORDER BY count(*) DESC, region LIMIT 2;
-- errors
SELECT region, amount FROM sales GROUP BY region;
SELECT id FROM sales HAVING count(*) > 1;
SELECT count(*) FROM sales WHERE count(*) > 1;
SELECT sum(region) FROM sales;
SELECT sum(count(*)) FROM sales;
SELECT max(true);
