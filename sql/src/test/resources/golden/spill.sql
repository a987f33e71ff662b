-- work_mem: PostgreSQL's units and SHOW format; sorts, hash aggregates, hash joins, DISTINCT and
-- set operations that outgrow it spill to temporary files and return the same rows.
SHOW work_mem;
SHOW hash_mem_multiplier;
SET work_mem = '64kB';
SHOW work_mem;
SET work_mem = 2048;
SHOW work_mem;
SET work_mem = '1.5MB';
SHOW work_mem;
SET work_mem = '  128 kB ';
SHOW work_mem;
SET work_mem = '10kB';
SET work_mem = '100B';
SET work_mem = '4xB';
SET work_mem = 'lots';
SET work_mem = '3000000MB';
SET hash_mem_multiplier = 1.5;
SHOW hash_mem_multiplier;
SET hash_mem_multiplier = 0.5;
RESET hash_mem_multiplier;
SHOW log_temp_files;
SET log_temp_files = 0;
SHOW log_temp_files;
SET log_temp_files = '2MB';
SHOW log_temp_files;
SET log_temp_files = -2;
RESET log_temp_files;
RESET work_mem;
SHOW work_mem;
CREATE TABLE big (id int PRIMARY KEY, k int, grp int, note text);
INSERT INTO big SELECT g, CASE WHEN g % 50 = 0 THEN NULL ELSE g % 1000 END, g % 400, 'note ' || (g * 7 % 1000)
  FROM generate_series(1, 3000) g;
CREATE TABLE other (id int PRIMARY KEY, k int, label text);
INSERT INTO other SELECT g, CASE WHEN g % 40 = 0 THEN NULL ELSE (g * 13) % 1500 END, 'label ' || g
  FROM generate_series(1, 2000) g;
SET work_mem = '64kB';
-- external sort (ties broken by id so the order is total)
SELECT id, k, note FROM big ORDER BY note DESC, k NULLS FIRST, id OFFSET 1500 LIMIT 8;
SELECT count(*), sum(id) FROM (SELECT id FROM big ORDER BY note, id) s;
-- top-N
SELECT id, note FROM big ORDER BY note, id DESC LIMIT 5;
SELECT id FROM big ORDER BY k DESC NULLS LAST, id LIMIT 3 OFFSET 10;
-- hash aggregation with many groups
SELECT count(*), sum(c), sum(s), max(m) FROM (SELECT k, count(*) AS c, sum(id) AS s, max(note) AS m FROM big GROUP BY k) g;
SELECT grp, count(*), min(id), max(id), string_agg(note, ',' ORDER BY id) FROM big GROUP BY grp ORDER BY grp LIMIT 4;
SELECT k, count(DISTINCT note) FROM big GROUP BY k ORDER BY count(DISTINCT note) DESC, k LIMIT 3;
SELECT count(*) FROM (SELECT grp, k FROM big GROUP BY grp, k HAVING count(*) > 1) g;
-- hash joins of every kind, NULL keys included
SELECT count(*), sum(big.id), sum(other.id) FROM big JOIN other ON big.k = other.k;
SELECT count(*), count(other.id), sum(big.id) FROM big LEFT JOIN other ON big.k = other.k;
SELECT count(*), count(big.id), sum(other.id) FROM big RIGHT JOIN other ON big.k = other.k;
SELECT count(*), count(big.id), count(other.id) FROM big FULL JOIN other ON big.k = other.k;
SELECT count(*) FROM big LEFT JOIN other ON big.k = other.k AND big.id < other.id WHERE other.id IS NULL;
SELECT big.id, other.id FROM big JOIN other ON big.k = other.k ORDER BY big.id, other.id LIMIT 5;
-- DISTINCT, DISTINCT ON and set operations
SELECT count(*) FROM (SELECT DISTINCT k, note FROM big) d;
SELECT DISTINCT ON (grp) grp, id, note FROM big ORDER BY grp DESC, id LIMIT 3;
SELECT count(*) FROM (SELECT k, note FROM big UNION SELECT k, label FROM other) u;
SELECT count(*) FROM (SELECT k FROM big INTERSECT ALL SELECT k FROM other) i;
SELECT count(*) FROM (SELECT k FROM big EXCEPT SELECT k FROM other) e;
SELECT count(*) FROM (SELECT k FROM big EXCEPT ALL SELECT k FROM other) e;
RESET work_mem;
