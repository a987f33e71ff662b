-- Subquery decorrelation: EXISTS / NOT EXISTS / IN / = ANY as semi and anti joins (same answers as subplans)
CREATE TABLE users (id int PRIMARY KEY, country text, age int);
CREATE TABLE orders (id int PRIMARY KEY, user_id int, amount int);
CREATE TABLE tags (user_id int, tag text);
CREATE TABLE empty_t (id int);
INSERT INTO users VALUES (1, 'DE', 30), (2, 'FR', 40), (3, 'DE', NULL), (4, NULL, 20), (5, 'US', 50);
INSERT INTO orders VALUES (10, 1, 100), (11, 1, 200), (12, 2, 50), (13, 3, 70), (14, NULL, 10), (15, 9, 5), (16, 5, NULL);
INSERT INTO tags VALUES (1, 'a'), (1, 'a'), (1, 'b'), (2, 'a'), (NULL, 'a'), (5, NULL);
-- correlated EXISTS with an equality and a local filter
SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id AND u.country = 'DE') ORDER BY 1;
SELECT count(*) FROM orders o WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id AND u.country = 'DE');
-- duplicates in the subquery do not duplicate outer rows
SELECT u.id FROM users u WHERE EXISTS (SELECT * FROM tags t WHERE t.user_id = u.id) ORDER BY 1;
SELECT u.id FROM users u WHERE u.id IN (SELECT user_id FROM tags) ORDER BY 1;
SELECT u.id FROM users u WHERE u.id = ANY (SELECT user_id FROM tags) ORDER BY 1;
-- NOT EXISTS: NULL outer keys have no match, so they qualify
SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id) ORDER BY 1;
SELECT u.id FROM users u WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.user_id = u.id AND t.tag = 'a') ORDER BY 1;
-- a correlated non-equality condition becomes the join filter
SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id AND u.age * 3 < o.amount) ORDER BY 1;
SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id AND u.age * 3 < o.amount) ORDER BY 1;
-- only non-equality correlation: a nested loop semi join
SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.amount > u.age * 5) ORDER BY 1;
SELECT u.id FROM users u WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.amount > u.age * 5) ORDER BY 1;
-- uncorrelated EXISTS and empty subqueries
SELECT count(*) FROM users WHERE EXISTS (SELECT 1 FROM tags);
SELECT count(*) FROM users WHERE EXISTS (SELECT 1 FROM empty_t);
SELECT count(*) FROM users WHERE NOT EXISTS (SELECT 1 FROM empty_t);
SELECT count(*) FROM users u WHERE EXISTS (SELECT 1 FROM empty_t e WHERE e.id = u.id);
SELECT count(*) FROM users u WHERE u.id IN (SELECT id FROM empty_t);
-- IN with correlation, and IN with NULLs on both sides
SELECT o.id FROM orders o WHERE o.user_id IN (SELECT t.user_id FROM tags t WHERE t.tag = 'a') ORDER BY 1;
SELECT u.id FROM users u WHERE u.age IN (SELECT o.amount / 5 FROM orders o) ORDER BY 1;
SELECT o.id FROM orders o WHERE o.amount IN (SELECT u.age * 5 FROM users u WHERE u.id = o.user_id) ORDER BY 1;
SELECT u.id FROM users u WHERE u.country IN (SELECT t.tag FROM tags t WHERE t.user_id = u.id) ORDER BY 1;
SELECT o.id FROM orders o WHERE o.user_id IN (SELECT id FROM users WHERE country = 'DE') AND o.amount > 80 ORDER BY 1;
-- NOT IN keeps SQL's NULL rules (a NULL in the subquery: no row qualifies; a NULL operand: unknown)
SELECT u.id FROM users u WHERE u.id NOT IN (SELECT user_id FROM tags) ORDER BY 1;
SELECT u.id FROM users u WHERE u.id NOT IN (SELECT user_id FROM tags WHERE user_id IS NOT NULL) ORDER BY 1;
SELECT o.id FROM orders o WHERE o.user_id NOT IN (SELECT id FROM users) ORDER BY 1;
SELECT o.id FROM orders o WHERE o.user_id NOT IN (SELECT id FROM empty_t) ORDER BY 1;
SELECT o.id FROM orders o WHERE o.user_id NOT IN (SELECT u.id FROM users u WHERE u.country = 'DE' AND u.age > o.amount / 10) ORDER BY 1;
-- several subqueries, with other conditions, in a join and under aggregation
SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id)
  AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.user_id = o.user_id AND t.tag = 'b') AND o.amount > 20 ORDER BY 1;
SELECT u.country, count(*) FROM users u JOIN orders o ON o.user_id = u.id
  WHERE EXISTS (SELECT 1 FROM tags t WHERE t.user_id = u.id) GROUP BY u.country ORDER BY 1;
SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM orders o JOIN tags t ON t.user_id = o.user_id WHERE o.user_id = u.id AND t.tag = 'a') ORDER BY 1;
-- nested subqueries: a semi join inside a semi join, and a reference two levels out
SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id
  AND EXISTS (SELECT 1 FROM tags t WHERE t.user_id = o.user_id AND t.tag = 'a')) ORDER BY 1;
SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id
  AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.user_id = u.id AND t.tag = 'b')) ORDER BY 1;
SELECT u.id, (SELECT count(*) FROM orders o WHERE o.user_id = u.id AND EXISTS (SELECT 1 FROM tags t WHERE t.user_id = o.user_id))
  FROM users u ORDER BY 1;
-- subqueries that stay subplans: aggregates, LIMIT, OR, select list, HAVING, lateral-like FROM
SELECT u.id FROM users u WHERE EXISTS (SELECT count(*) FROM orders o WHERE o.user_id = u.id) ORDER BY 1;
SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id HAVING count(*) > 1) ORDER BY 1;
SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id LIMIT 0) ORDER BY 1;
SELECT u.id FROM users u WHERE u.id IN (SELECT user_id FROM orders ORDER BY amount DESC NULLS LAST LIMIT 2) ORDER BY 1;
SELECT u.id FROM users u WHERE u.id IN (SELECT max(user_id) FROM orders) ORDER BY 1;
SELECT u.id FROM users u WHERE u.age > 45 OR EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND o.amount > 150) ORDER BY 1;
SELECT u.id, EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id) AS has_orders FROM users u ORDER BY 1;
SELECT u.country FROM users u GROUP BY u.country HAVING EXISTS (SELECT 1 FROM users v WHERE v.country = u.country AND v.age > 35) ORDER BY 1;
SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM (SELECT * FROM orders o WHERE o.user_id = u.id) s) ORDER BY 1;
SELECT u.id FROM users u WHERE u.id = ANY (SELECT user_id FROM orders WHERE amount < u.age) ORDER BY 1;
SELECT u.id FROM users u WHERE u.age < ALL (SELECT amount FROM orders WHERE user_id = u.id) ORDER BY 1;
-- errors inside a subquery are still reported
SELECT 1 FROM users u WHERE EXISTS (SELECT nosuch FROM orders o WHERE o.user_id = u.id);
SELECT 1 FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.nosuch = u.id);
SELECT 1 FROM users u WHERE u.id IN (SELECT country FROM users);
-- the same answers with decorrelation switched off (ShaleDB setting; PostgreSQL has none, so it is not SET here)
SELECT u.id FROM users u WHERE u.id IN (SELECT t.user_id FROM tags t, orders o WHERE o.user_id = t.user_id AND o.amount >= u.id * 10) ORDER BY 1;
-- ORDER BY and LIMIT above a semi join, with an index that could deliver the order
CREATE INDEX orders_amount ON orders (amount);
SELECT o.id, o.amount FROM orders o WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id) ORDER BY o.amount DESC NULLS LAST LIMIT 3;
SELECT o.amount FROM orders o WHERE o.user_id IN (SELECT id FROM users WHERE country = 'DE') ORDER BY o.amount LIMIT 2;
SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id) ORDER BY o.id DESC LIMIT 1;
-- key types whose equal values differ in representation (blank padding, -0, interval units) keep exact answers
CREATE TABLE codes (c char(3), r real, i interval);
CREATE TABLE codes2 (c char(5), r real, i interval);
INSERT INTO codes VALUES ('ab', '-0', '1 day'), ('x', 1.5, '2 days');
INSERT INTO codes2 VALUES ('ab', 0, '24 hours'), ('y', 2, '48 hours');
SELECT c FROM codes WHERE EXISTS (SELECT 1 FROM codes2 WHERE codes2.c = codes.c) ORDER BY 1;
SELECT c FROM codes WHERE r IN (SELECT r FROM codes2) ORDER BY 1;
SELECT c FROM codes WHERE NOT EXISTS (SELECT 1 FROM codes2 WHERE codes2.i = codes.i) ORDER BY 1;
