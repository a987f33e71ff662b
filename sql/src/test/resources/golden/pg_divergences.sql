-- Known, deliberate differences from PostgreSQL 15 (pg-compare.sh shows them as diffs).
-- 1. Rows of a table with a primary key come back in key order when there is no ORDER BY;
--    PostgreSQL returns heap order (insertion order until rows move).
CREATE TABLE d (id int PRIMARY KEY, v text);
INSERT INTO d VALUES (3, 'c'), (1, 'a'), (2, 'b');
SELECT * FROM d;
-- 2. Primary-key uniqueness is checked at the end of the statement, so shifting keys works;
--    PostgreSQL checks row by row and fails here.
UPDATE d SET id = id + 1;
SELECT * FROM d;
-- 3. There is no numeric type yet: decimal literals are double precision.
SELECT 100.0, 0.1 + 0.2, 7 / 2.0, 2.5::int, avg(1), sum(9223372036854775807);
SELECT 1e400;
-- 4. numeric, char(n), date/time and other types are reported as not supported.
CREATE TABLE bad (a numeric);
-- 5. No NOTICE channel yet: IF [NOT] EXISTS skips silently.
CREATE TABLE IF NOT EXISTS d (id int);
-- 6. smallint is stored as integer (no int2 range check) and real as double precision.
CREATE TABLE narrow (s smallint, r real);
INSERT INTO narrow VALUES (40000, 0.1);
SELECT * FROM narrow;
-- 7. Unsupported statements and clauses raise 0A000 instead of running.
CREATE INDEX i ON d (v);
SELECT * FROM d, LATERAL (SELECT 1) x;
SELECT 'a' LIKE 'b';
-- COMMIT and ROLLBACK outside a block are harmless; PostgreSQL also sends
-- WARNING 25P01 "there is no transaction in progress" (no notice channel yet)
COMMIT;
ROLLBACK;
