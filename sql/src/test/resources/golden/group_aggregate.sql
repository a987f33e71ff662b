-- Hash vs sorted grouping (HashAggregate vs GroupAggregate over a Sort), in PostgreSQL 15's layout
CREATE TABLE g (id int PRIMARY KEY, k int, name text, v numeric(10,2));
INSERT INTO g SELECT i, i % 7, 'n' || (i % 13), i * 1.5 FROM generate_series(1, 1000) i;
INSERT INTO g VALUES (1001, NULL, NULL, NULL), (1002, NULL, 'n1', 2.50);
EXPLAIN (COSTS OFF) SELECT k, count(*) FROM g GROUP BY k;
-- aggregates with DISTINCT or ORDER BY are never hashed
EXPLAIN (COSTS OFF) SELECT k, count(DISTINCT name) FROM g GROUP BY k;
SELECT k, count(DISTINCT name) FROM g GROUP BY k;
EXPLAIN (COSTS OFF) SELECT k, string_agg(name, ',' ORDER BY name) FROM g WHERE id < 30 GROUP BY k;
SELECT k, string_agg(name, ',' ORDER BY name) FROM g WHERE id < 30 GROUP BY k;
SET enable_hashagg = off;
SHOW enable_hashagg;
EXPLAIN (COSTS OFF) SELECT k, count(*) FROM g GROUP BY k;
SELECT k, count(*), sum(v) FROM g GROUP BY k;
-- an ORDER BY on the group keys is delivered by the sort below the grouping
EXPLAIN (COSTS OFF) SELECT k, count(*) FROM g GROUP BY k ORDER BY k;
EXPLAIN (COSTS OFF) SELECT k, count(*) FROM g GROUP BY k ORDER BY k DESC;
SELECT k, count(*) FROM g GROUP BY k ORDER BY k DESC;
SELECT k, count(*) FROM g GROUP BY k ORDER BY k NULLS FIRST;
-- the GROUP BY is reordered to match the ORDER BY
EXPLAIN (COSTS OFF) SELECT k, name, count(*) FROM g GROUP BY k, name ORDER BY name;
SELECT k, name, count(*) FROM g WHERE id < 40 GROUP BY k, name ORDER BY name, k;
-- an ORDER BY on something else keeps its own Sort above
EXPLAIN (COSTS OFF) SELECT k, count(*) FROM g GROUP BY k ORDER BY 2;
EXPLAIN (COSTS OFF) SELECT k % 3, sum(v) FROM g WHERE id > 10 GROUP BY k % 3 HAVING sum(v) > 0;
SELECT k % 3, sum(v) FROM g WHERE id > 10 GROUP BY k % 3 HAVING sum(v) > 0 ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT id, count(*) FROM g GROUP BY id;
EXPLAIN (COSTS OFF) SELECT count(*) FROM g;
SELECT k, count(*) FROM g WHERE false GROUP BY k;
EXPLAIN (COSTS OFF) SELECT k, sum(v) FROM g GROUP BY k, k + 1;
-- DISTINCT without hashing: Unique over a Sort on every output column, ORDER BY keys first
EXPLAIN (COSTS OFF) SELECT DISTINCT k FROM g;
SELECT DISTINCT k FROM g;
EXPLAIN (COSTS OFF) SELECT DISTINCT k, name FROM g ORDER BY name DESC;
SELECT DISTINCT k, name FROM g WHERE id < 20 ORDER BY name DESC;
SELECT DISTINCT k, name FROM g WHERE id < 20 ORDER BY name DESC, k NULLS FIRST LIMIT 3;
RESET enable_hashagg;
SHOW enable_hashagg;
EXPLAIN (COSTS OFF) SELECT k, count(*) FROM g GROUP BY k ORDER BY k;
