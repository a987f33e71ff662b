-- Joins: comma, INNER, LEFT/RIGHT/FULL, CROSS, USING, NATURAL, aliases, derived tables
CREATE TABLE a (id int PRIMARY KEY, x int, name text);
CREATE TABLE b (id int PRIMARY KEY, a_id int, y text);
CREATE TABLE c (k int, v int);
INSERT INTO a VALUES (1, 10, 'one'), (2, 20, 'two'), (3, NULL, 'three'), (4, 40, 'four');
INSERT INTO b VALUES (1, 1, 'b1'), (2, 1, 'b2'), (3, 2, 'b3'), (4, 9, 'b4'), (5, NULL, 'b5');
INSERT INTO c VALUES (10, 100), (20, 200), (20, 201), (NULL, 300);
SELECT * FROM a, b WHERE a.id = b.a_id ORDER BY b.id;
SELECT a.name, b.y FROM a JOIN b ON a.id = b.a_id ORDER BY 1, 2;
SELECT a.name, b.y FROM a INNER JOIN b ON a.id = b.a_id AND b.y <> 'b2' ORDER BY 1, 2;
SELECT a.name, b.y FROM a LEFT JOIN b ON a.id = b.a_id ORDER BY a.id, b.id;
SELECT a.name, b.y FROM a LEFT OUTER JOIN b ON a.id = b.a_id AND b.y = 'b2' ORDER BY a.id;
SELECT a.name, b.y FROM a RIGHT JOIN b ON a.id = b.a_id ORDER BY b.id;
SELECT a.name, b.y FROM a FULL JOIN b ON a.id = b.a_id ORDER BY a.id, b.id;
SELECT a.name, b.y FROM a FULL OUTER JOIN b ON a.id < b.a_id ORDER BY a.id, b.id;
SELECT a.name, b.y FROM a LEFT JOIN b ON a.id = b.a_id WHERE b.id IS NULL ORDER BY 1;
SELECT count(*) FROM a CROSS JOIN b;
SELECT a.id, c.k FROM a CROSS JOIN c WHERE a.x = c.k ORDER BY 1, 2;
-- USING and NATURAL merge their columns
SELECT * FROM a JOIN b USING (id) ORDER BY id;
SELECT * FROM a NATURAL JOIN b ORDER BY id;
SELECT * FROM a LEFT JOIN b USING (id) WHERE id > 2 ORDER BY id;
SELECT id, a.id, b.id FROM a FULL JOIN b USING (id) ORDER BY id;
SELECT * FROM (SELECT id, x FROM a) s RIGHT JOIN (SELECT id, y FROM b) t USING (id) ORDER BY id;
-- aliases, column aliases, derived tables, nested joins
SELECT p.n, q.m FROM a AS p(n), b q(m) WHERE p.n = q.m ORDER BY 1;
SELECT s.total FROM (SELECT sum(x) AS total FROM a) AS s;
SELECT t.* FROM (SELECT name, x * 2 AS dbl FROM a WHERE x IS NOT NULL) t ORDER BY dbl DESC;
SELECT * FROM (a JOIN b ON a.id = b.a_id) JOIN c ON c.k = a.x ORDER BY b.id, c.v;
SELECT j.name, j.y FROM (a JOIN b ON a.id = b.a_id) AS j ORDER BY 1, 2;
SELECT * FROM a LEFT JOIN (b JOIN c ON c.k = b.id * 10) ON a.id = b.a_id ORDER BY a.id, b.id, c.v;
SELECT a.*, c.v FROM a, c WHERE a.x = c.k ORDER BY c.v;
SELECT x.id, y.id FROM a x JOIN a y ON x.id + 1 = y.id ORDER BY 1;
-- GROUP BY and aggregates over joins
SELECT a.name, count(b.id) AS n FROM a LEFT JOIN b ON a.id = b.a_id GROUP BY a.name ORDER BY n DESC, a.name;
SELECT a.id, count(*) FROM a JOIN b ON a.id = b.a_id GROUP BY a.id HAVING count(*) > 1;
SELECT c.k, sum(c.v), max(a.name) FROM c LEFT JOIN a ON a.x = c.k GROUP BY c.k ORDER BY c.k NULLS FIRST;
SELECT b.*, a.name FROM a JOIN b ON a.id = b.a_id ORDER BY b.id DESC LIMIT 2 OFFSET 1;
SELECT x AS k, name FROM a ORDER BY k DESC NULLS LAST, 2;
SELECT 1 AS one WHERE false;
SELECT 1 AS one WHERE 1 < 2;
SELECT a.id FROM a WHERE a.id = 2 AND a.x = 20;
-- system columns stay per table
SELECT a.xmin = b.xmin FROM a JOIN b ON a.id = b.id WHERE a.id = 1;
-- errors
SELECT * FROM a, nosuch;
SELECT id FROM a, b;
SELECT zz FROM a JOIN b ON true;
SELECT a.zz FROM a;
SELECT nosuch.id FROM a;
SELECT a.id FROM a AS aa;
SELECT * FROM a, a;
SELECT * FROM a JOIN b AS a ON true;
SELECT * FROM a JOIN b USING (zz);
SELECT * FROM a JOIN b USING (name);
SELECT * FROM a JOIN b ON a.id = c.k;
SELECT * FROM (SELECT 1);
SELECT * FROM a AS p(q, r, s, t);
SELECT * FROM a JOIN b ON a.name;
SELECT * FROM a JOIN b;
-- a join that would run for hours is cancelled by statement_timeout
SET statement_timeout = '100ms';
SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b WHERE a + b < 0;
RESET statement_timeout;
SELECT count(*) FROM a;
