-- Known, deliberate differences from PostgreSQL 15 (pg-compare.sh shows them as diffs).
-- 1. Rows of a table with a primary key come back in key order when there is no ORDER BY;
--    PostgreSQL returns heap order (insertion order until rows move).
CREATE TABLE d (id int PRIMARY KEY, v text);
INSERT INTO d VALUES (3, 'c'), (1, 'a'), (2, 'b');
SELECT * FROM d;
-- 2. A DEFERRABLE INITIALLY DEFERRED (or SET CONSTRAINTS ... DEFERRED) primary key is checked at
--    the end of each statement, not at COMMIT: rows are stored under their primary key, so two
--    rows cannot hold one key even for a while. PostgreSQL lets this transaction swap two keys.
--    (DEFERRABLE UNIQUE constraints do wait for COMMIT; see unique_deferrable.sql.)
CREATE TABLE dp (id int PRIMARY KEY DEFERRABLE INITIALLY DEFERRED, n text);
INSERT INTO dp VALUES (1, 'a'), (2, 'b');
BEGIN;
UPDATE dp SET id = 2 WHERE n = 'a';
UPDATE dp SET id = 1 WHERE n = 'b';
COMMIT;
SELECT * FROM dp ORDER BY id;
-- 3. json and other types are reported as not supported.
CREATE TABLE bad (a json);
-- 4. A numeric primary-key column without a scale keeps its value but not trailing zeros
--    (1.50 reads back as 1.5): keys are normalized so that 1.5 and 1.50 are one key.
CREATE TABLE nk (k numeric PRIMARY KEY);
INSERT INTO nk VALUES (1.50);
SELECT * FROM nk;
-- 5. No NOTICE channel yet: IF [NOT] EXISTS skips silently.
CREATE TABLE IF NOT EXISTS d (id int);
-- 7. Unsupported statements and clauses raise 0A000 instead of running.
CREATE INDEX i ON d (v);
SELECT * FROM d, LATERAL (SELECT 1) x;
-- COMMIT and ROLLBACK outside a block are harmless; PostgreSQL also sends
-- WARNING 25P01 "there is no transaction in progress" (no notice channel yet)
COMMIT;
ROLLBACK;
