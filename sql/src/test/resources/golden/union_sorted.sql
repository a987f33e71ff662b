-- UNION without hashing (enable_hashagg = off): Unique over a Sort of the appended members, as
-- PostgreSQL plans it; the rows then come out sorted on every column, NULLs last
CREATE TABLE s (a int, b text);
INSERT INTO s VALUES (1, 'a'), (NULL, 'b'), (1, 'a'), (2, NULL), (3, 'c');
CREATE TABLE r (x int, y text);
INSERT INTO r VALUES (3, 'c'), (1, 'b'), (NULL, 'b'), (2, NULL), (NULL, NULL);
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT a, b FROM s UNION SELECT x, y FROM r;
SELECT a, b FROM s UNION SELECT x, y FROM r;
EXPLAIN (COSTS OFF) SELECT a FROM s UNION SELECT x FROM r WHERE x > 1;
SELECT a FROM s UNION SELECT x FROM r WHERE x > 1;
-- an ORDER BY on the leading columns needs no second Sort; others do
EXPLAIN (COSTS OFF) SELECT a, b FROM s UNION SELECT x, y FROM r ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT a, b FROM s UNION SELECT x, y FROM r ORDER BY a, b;
EXPLAIN (COSTS OFF) SELECT a, b FROM s UNION SELECT x, y FROM r ORDER BY 2;
EXPLAIN (COSTS OFF) SELECT a, b FROM s UNION SELECT x, y FROM r ORDER BY 1 DESC;
SELECT a, b FROM s UNION SELECT x, y FROM r ORDER BY 2, 1;
SELECT a, b FROM s UNION SELECT x, y FROM r ORDER BY 1 DESC LIMIT 3;
SELECT a FROM s UNION SELECT x FROM r UNION SELECT 7 ORDER BY 1;
SELECT count(*) FROM (SELECT a, b FROM s UNION SELECT x, y FROM r) u;
-- UNION ALL is unchanged
EXPLAIN (COSTS OFF) SELECT a FROM s UNION ALL SELECT x FROM r;
RESET enable_hashagg;
EXPLAIN (COSTS OFF) SELECT a, b FROM s UNION SELECT x, y FROM r;
-- a second scan of the same table is named t_1, as PostgreSQL names it
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t SELECT g, g % 3 FROM generate_series(1, 10) g;
EXPLAIN (COSTS OFF) SELECT v FROM t UNION SELECT id FROM t WHERE v > 1;
EXPLAIN (COSTS OFF) SELECT v FROM t UNION ALL SELECT id FROM t;
EXPLAIN (COSTS OFF) SELECT id FROM t EXCEPT SELECT v FROM t;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT v FROM t UNION SELECT id FROM t WHERE v > 1;
SELECT v FROM t UNION SELECT id FROM t WHERE v > 1;
RESET enable_hashagg;
