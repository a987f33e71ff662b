-- Views: CREATE [OR REPLACE] VIEW, use as a table, DROP VIEW
CREATE TABLE items (id int PRIMARY KEY, price int, kind text);
INSERT INTO items VALUES (1, 10, 'x'), (2, 25, 'y'), (3, 40, 'x');
CREATE VIEW cheap AS SELECT id, price FROM items WHERE price < 30;
SELECT * FROM cheap ORDER BY id;
CREATE VIEW totals (k, total) AS SELECT kind, sum(price) FROM items GROUP BY kind;
SELECT * FROM totals ORDER BY k;
SELECT c.id, t.total FROM cheap c JOIN items i ON i.id = c.id JOIN totals t ON t.k = i.kind ORDER BY c.id;
INSERT INTO items VALUES (4, 5, 'z');
SELECT * FROM cheap ORDER BY id;
CREATE OR REPLACE VIEW cheap AS SELECT id, price FROM items WHERE price < 20;
SELECT * FROM cheap ORDER BY id;
CREATE VIEW v2 AS SELECT * FROM cheap WHERE id > 1;
SELECT * FROM v2;
SELECT * FROM cheap AS c(a, b) WHERE a = 4;
-- errors
CREATE VIEW cheap AS SELECT 1;
CREATE VIEW items AS SELECT 1;
CREATE OR REPLACE VIEW items AS SELECT 1;
CREATE VIEW bad AS SELECT nosuch FROM items;
CREATE VIEW bad (a, b) AS SELECT 1;
CREATE TABLE cheap (id int);
DROP VIEW nosuch;
DROP VIEW items;
DROP TABLE cheap;
DROP VIEW IF EXISTS nosuch;
DROP VIEW v2, cheap;
SELECT * FROM cheap;
DROP VIEW totals;
