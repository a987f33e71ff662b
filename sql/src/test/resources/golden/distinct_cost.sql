-- DISTINCT hashed or sorted by cost, as PostgreSQL chooses: few distinct values hash (then sort
-- the groups for ORDER BY); many distinct values, wanted in order, sort and drop neighbours
CREATE TABLE dt (id int, v int, w text);
INSERT INTO dt SELECT g, g % 10, 'x' || g FROM generate_series(1, 20000) g;
ANALYZE dt;
EXPLAIN (COSTS OFF) SELECT DISTINCT v FROM dt;
EXPLAIN (COSTS OFF) SELECT DISTINCT v FROM dt ORDER BY v;
EXPLAIN (COSTS OFF) SELECT DISTINCT id, w FROM dt ORDER BY id;
EXPLAIN (COSTS OFF) SELECT DISTINCT id FROM dt ORDER BY id;
EXPLAIN (COSTS OFF) SELECT DISTINCT id, v FROM dt;
SELECT DISTINCT id, w FROM dt WHERE id < 4 ORDER BY id;
SET work_mem = '64kB';
EXPLAIN (COSTS OFF) SELECT DISTINCT id FROM dt ORDER BY id;
RESET work_mem;
