-- WITH and WITH RECURSIVE; SELECT details: DISTINCT ON, FETCH FIRST, generate_series
CREATE TABLE t (id int PRIMARY KEY, grp text, v int);
INSERT INTO t VALUES (1, 'a', 5), (2, 'a', 7), (3, 'b', 1), (4, 'b', NULL), (5, 'c', 3);
WITH x AS (SELECT id, v FROM t WHERE v > 2) SELECT * FROM x ORDER BY id;
WITH x AS (SELECT 1 AS n), y AS (SELECT n + 1 AS m FROM x) SELECT * FROM x, y;
WITH x(a, b) AS (SELECT id, v FROM t) SELECT a FROM x WHERE b IS NULL;
WITH t AS (SELECT 42 AS id) SELECT * FROM t;
WITH x AS (SELECT grp, sum(v) AS s FROM t GROUP BY grp) SELECT grp FROM x WHERE s > (SELECT avg(s) FROM x) ORDER BY 1;
SELECT * FROM t WHERE id IN (WITH q AS (SELECT 2 AS k) SELECT k FROM q);
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n % 3 + 1 FROM r) SELECT * FROM r ORDER BY n;
WITH RECURSIVE fib(a, b) AS (SELECT 0, 1 UNION ALL SELECT b, a + b FROM fib WHERE b < 50) SELECT a FROM fib;
CREATE TABLE tree (id int PRIMARY KEY, parent int);
INSERT INTO tree VALUES (1, NULL), (2, 1), (3, 1), (4, 2), (5, 4), (6, 3);
WITH RECURSIVE sub(id, depth) AS (SELECT id, 0 FROM tree WHERE id = 2
    UNION ALL SELECT tree.id, sub.depth + 1 FROM tree JOIN sub ON tree.parent = sub.id)
SELECT * FROM sub ORDER BY id;
-- DISTINCT ON, ORDER BY variants, FETCH FIRST
SELECT DISTINCT ON (grp) grp, id, v FROM t ORDER BY grp, v DESC NULLS LAST;
SELECT DISTINCT ON (grp) grp, id FROM t ORDER BY grp, id DESC;
SELECT DISTINCT ON (1) grp, id FROM t ORDER BY 1, 2;
SELECT id FROM t ORDER BY v DESC NULLS FIRST FETCH FIRST 2 ROWS ONLY;
SELECT id FROM t ORDER BY id OFFSET 2 ROWS FETCH NEXT 1 ROW ONLY;
SELECT id FROM t ORDER BY id FETCH FIRST ROW ONLY;
SELECT grp AS g, count(*) FROM t GROUP BY g ORDER BY g;
SELECT grp, count(*) FROM t GROUP BY 1 ORDER BY 2 DESC, 1;
-- generate_series
SELECT * FROM generate_series(1, 4);
SELECT g FROM generate_series(10, 1, -3) AS g;
SELECT n * 2 FROM generate_series(1, 3) AS s(n) WHERE n <> 2;
SELECT count(*) FROM generate_series(1, 1000) a, generate_series(1, 10) b WHERE a = b * 100;
SELECT * FROM generate_series(1, 0);
SELECT generate_series FROM generate_series(5, 6);
-- errors
WITH x AS (SELECT 1), x AS (SELECT 2) SELECT * FROM x;
WITH x(a, b) AS (SELECT 1) SELECT * FROM x;
SELECT DISTINCT ON (grp) id FROM t ORDER BY id;
SELECT * FROM generate_series(1, 3, 0);
SELECT * FROM generate_series('a', 3);
SELECT * FROM nosuchfunc(1);
WITH RECURSIVE r(n) AS (SELECT 1 INTERSECT SELECT n + 1 FROM r) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n + 1 FROM r, r AS r2) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n + 1 FROM t WHERE id IN (SELECT n FROM r)) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT n FROM r UNION SELECT 1) SELECT * FROM r;
