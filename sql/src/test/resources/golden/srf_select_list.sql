-- set-returning functions in the select list (ProjectSet), records, (expr).field
SELECT generate_series(1, 3) AS g;
SELECT generate_series(1, 3), generate_series(1, 2), unnest(ARRAY['a', 'b b']);
SELECT generate_series(1, 0), 5;
SELECT generate_series(1, 3) + 1 AS g ORDER BY g DESC;
CREATE TABLE srf_t (id int, tags text[]);
INSERT INTO srf_t VALUES (1, '{x,y}'), (2, '{}'), (3, '{z}'), (4, NULL);
SELECT id, unnest(tags) AS tag FROM srf_t ORDER BY id, tag;
SELECT id, generate_series(1, id) AS k FROM srf_t WHERE id < 3 ORDER BY id, k;
SELECT count(*), generate_series(1, count(*)::int) FROM srf_t;
SELECT information_schema._pg_expandarray(ARRAY[10, 20]);
SELECT information_schema._pg_expandarray(ARRAY['a b', '', NULL, 'q"r']);
SELECT (information_schema._pg_expandarray(ARRAY[10, 20])).x, (information_schema._pg_expandarray(ARRAY[10, 20])).n;
SELECT * FROM information_schema._pg_expandarray(ARRAY['a', 'b']);
SELECT (k).x, (k).n FROM (SELECT information_schema._pg_expandarray(ARRAY[7, 8]) AS k) s;
SELECT s.n FROM (SELECT (information_schema._pg_expandarray(ARRAY[5, 6, 7])).n AS n,
    information_schema._pg_expandarray(ARRAY[5, 6, 7]) AS keys) s WHERE (s.keys).x = 6;
-- errors
SELECT (1).x;
SELECT (s.k).y FROM (SELECT information_schema._pg_expandarray(ARRAY[7, 8]) AS k) s;
SELECT generate_series(1, 3) WHERE generate_series(1, 2) > 1;
SELECT * FROM generate_series(1, 3) g WHERE g = generate_series(1, 2);
SELECT 1 FROM generate_series(1, 2) g JOIN generate_series(1, 2) h ON generate_series(1, 2) = 1;
SELECT sum(generate_series(1, 3));
DROP TABLE srf_t;
-- int2vector (pg_index.indkey, indoption): expanded, subscripted from 0; integer bitwise operators
CREATE TABLE srf_i (a int, b int, c int);
CREATE INDEX srf_i_cb ON srf_i (c DESC, b);
SELECT i.indkey, i.indoption, i.indoption[0] & 1::smallint AS desc0, i.indoption[1] & 1::smallint AS desc1,
       (information_schema._pg_expandarray(i.indkey)).x AS attnum, (information_schema._pg_expandarray(i.indkey)).n AS pos
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'srf_i_cb';
SELECT 12 & 10 AS "and", 12 | 3 AS "or", 12 # 10 AS xor, 6::bigint & 3 AS big;
DROP TABLE srf_i;
EXPLAIN (COSTS OFF) SELECT generate_series(1, 3);
