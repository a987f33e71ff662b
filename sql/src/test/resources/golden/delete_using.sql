-- DELETE FROM t [AS a] USING other, ... WHERE ...
CREATE TABLE orders (id int PRIMARY KEY, customer text, total numeric);
INSERT INTO orders VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'ann', 30), (4, 'cy', 40), (5, 'dee', 50);
CREATE TABLE banned (name text, reason text);
INSERT INTO banned VALUES ('ann', 'fraud'), ('ann', 'spam'), ('cy', 'late');
CREATE TABLE tiers (name text, cap numeric);
INSERT INTO tiers VALUES ('dee', 45);
-- a row joined to several rows is deleted once
DELETE FROM orders USING banned WHERE banned.name = orders.customer AND orders.id = 3 RETURNING orders.*;
DELETE FROM orders USING banned WHERE banned.name = orders.customer AND banned.reason <> 'late';
SELECT * FROM orders ORDER BY id;
-- alias, several USING items, a join and a subquery
DELETE FROM orders o USING tiers t, (SELECT 1 AS one) k WHERE t.name = o.customer AND o.total > t.cap AND k.one = 1 RETURNING o.id, t.cap;
DELETE FROM orders AS o USING banned b JOIN tiers t ON true WHERE b.name = o.customer RETURNING *;
DELETE FROM orders USING banned WHERE orders.customer = banned.name AND orders.total > (SELECT avg(total) FROM orders);
DELETE FROM orders USING banned WHERE false;
SELECT * FROM orders ORDER BY id;
-- the table itself under another name
INSERT INTO orders VALUES (6, 'bob', 5), (7, 'bob', 25);
DELETE FROM orders USING orders newer WHERE newer.customer = orders.customer AND newer.id > orders.id;
SELECT * FROM orders ORDER BY id;
-- errors
DELETE FROM orders USING orders;
DELETE FROM orders o USING banned o;
DELETE FROM orders USING banned WHERE name = customer AND nosuch = 1;
DELETE FROM orders USING nosuch;
DELETE FROM orders USING (SELECT 1 FROM banned WHERE banned.name = orders.customer) q;
DELETE FROM orders USING banned WHERE banned.reason;
DELETE FROM orders USING banned b RETURNING banned.name;
SELECT count(*) FROM orders;
