-- ANALYZE and pg_stats: on tables no bigger than the sample (300 x default_statistics_target
-- rows) the statistics are exact, so they match PostgreSQL 15 value for value
CREATE TABLE s (id int PRIMARY KEY, k int, t text, f double precision, b boolean, d date, n numeric, ts timestamp);
INSERT INTO s SELECT g, g % 7, CASE WHEN g % 5 = 0 THEN NULL ELSE 'v' || (g % 3) END, g * 1.5, g % 4 = 0,
    DATE '2024-01-01' + g, (g / 8)::numeric, TIMESTAMP '2024-03-01 12:00' + g * INTERVAL '1 hour'
  FROM generate_series(1, 40) g;
SELECT count(*) FROM pg_stats WHERE tablename = 's';
ANALYZE s;
SELECT attname, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs, correlation
  FROM pg_stats WHERE tablename = 's' ORDER BY attname;
SELECT attname, histogram_bounds FROM pg_stats WHERE tablename = 's' AND histogram_bounds IS NOT NULL ORDER BY attname;
SELECT schemaname, inherited, most_common_elems, most_common_elem_freqs, elem_count_histogram
  FROM pg_stats WHERE tablename = 's' AND attname = 'k';
-- a smaller target: fewer MCVs and histogram buckets
SET default_statistics_target = 10;
SHOW default_statistics_target;
-- skewed data: a few very common values, a long tail of rare ones, NULLs
CREATE TABLE z (v int, w text, x int);
INSERT INTO z SELECT 1000 / g, CASE WHEN g % 10 = 0 THEN NULL ELSE chr(97 + (g * g) % 26) || (g % 13) END, g % 300
  FROM generate_series(1, 2000) g;
ANALYZE z;
SELECT attname, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs, histogram_bounds, correlation
  FROM pg_stats WHERE tablename = 'z' ORDER BY attname;
-- an all-NULL column, an empty table
CREATE TABLE e (a int, b text);
INSERT INTO e VALUES (NULL, NULL), (NULL, NULL);
CREATE TABLE empty (a int);
ANALYZE e, empty;
SELECT tablename, attname, null_frac, avg_width, n_distinct, most_common_vals FROM pg_stats
  WHERE tablename IN ('e', 'empty') ORDER BY tablename, attname;
-- some columns only: the others keep what they had
UPDATE z SET x = 7;
ANALYZE z (x);
SELECT attname, n_distinct, most_common_vals FROM pg_stats WHERE tablename = 'z' ORDER BY attname;
-- ANALYZE is transactional: rolled back with its block
BEGIN;
UPDATE z SET v = 1;
ANALYZE z;
SELECT n_distinct, most_common_vals FROM pg_stats WHERE tablename = 'z' AND attname = 'v';
ROLLBACK;
SELECT n_distinct, most_common_vals FROM pg_stats WHERE tablename = 'z' AND attname = 'v';
-- pg_stat_user_tables after ANALYZE
SELECT relname, n_live_tup, n_mod_since_analyze, analyze_count, last_analyze IS NOT NULL AS analyzed
  FROM pg_stat_user_tables ORDER BY relname;
-- errors
ANALYZE nosuch;
ANALYZE s (nosuch);
ANALYZE s (k, k);
ANALYZE (foo) s;
ANALYZE (verbose maybe) s;
SET default_statistics_target = 0;
SET default_statistics_target = 10001;
BEGIN READ ONLY;
ANALYZE s;
ROLLBACK;
-- the other spellings
ANALYSE s (id);
ANALYZE (VERBOSE false, SKIP_LOCKED) s;
-- every table
ANALYZE;
-- DROP TABLE drops its statistics
DROP TABLE e;
SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = 'public' ORDER BY tablename;
-- per-column statistics targets; statistics follow renamed columns
ALTER TABLE z ALTER COLUMN v SET STATISTICS 3;
ALTER TABLE z ALTER COLUMN w SET STATISTICS 0;
ANALYZE z;
SELECT attname, most_common_vals, histogram_bounds FROM pg_stats WHERE tablename = 'z' ORDER BY attname;
ALTER TABLE z ALTER COLUMN v SET STATISTICS -2;
ALTER TABLE z ALTER COLUMN nosuch SET STATISTICS 5;
ALTER TABLE z ALTER v SET STATISTICS -1;
ALTER TABLE z RENAME COLUMN v TO vv;
ANALYZE z (vv);
SELECT attname, most_common_vals FROM pg_stats WHERE tablename = 'z' ORDER BY attname;
ALTER TABLE z DROP COLUMN vv;
SELECT attname FROM pg_stats WHERE tablename = 'z' ORDER BY attname;
