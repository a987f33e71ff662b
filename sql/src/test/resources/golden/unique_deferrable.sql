-- UNIQUE and PRIMARY KEY timing, as in PostgreSQL: not DEFERRABLE = row by row,
-- DEFERRABLE = end of statement, INITIALLY DEFERRED / SET CONSTRAINTS ... DEFERRED = COMMIT
CREATE TABLE t (id int PRIMARY KEY);
INSERT INTO t VALUES (1), (2), (3);
UPDATE t SET id = id + 1;
UPDATE t SET id = id - 1;
SELECT * FROM t ORDER BY id;
UPDATE t SET id = id + 10;
SELECT * FROM t ORDER BY id;
CREATE TABLE n (v int UNIQUE);
INSERT INTO n VALUES (1), (2), (3);
UPDATE n SET v = v + 1;
-- DEFERRABLE (INITIALLY IMMEDIATE): checked at the end of each statement
CREATE TABLE u (v int UNIQUE DEFERRABLE);
INSERT INTO u VALUES (1), (2), (3);
UPDATE u SET v = v + 1;
SELECT * FROM u ORDER BY v;
UPDATE u SET v = 5 - v;
SELECT * FROM u ORDER BY v;
INSERT INTO u VALUES (2);
INSERT INTO u VALUES (7), (7);
UPDATE u SET v = 1;
INSERT INTO u VALUES (NULL), (NULL);
SELECT count(*) FROM u WHERE v IS NULL;
SELECT * FROM u WHERE v = 3;
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO u VALUES (2);
SELECT * FROM u WHERE v IS NOT NULL ORDER BY v;
COMMIT;
SELECT * FROM u WHERE v IS NOT NULL ORDER BY v;
BEGIN;
SET CONSTRAINTS u_v_key DEFERRED;
INSERT INTO u VALUES (2);
UPDATE u SET v = 10 WHERE v = 4;
SET CONSTRAINTS u_v_key IMMEDIATE;
ROLLBACK;
-- INITIALLY DEFERRED: checked at COMMIT
CREATE TABLE d (id int PRIMARY KEY, v int, CONSTRAINT d_v UNIQUE (v) DEFERRABLE INITIALLY DEFERRED);
INSERT INTO d VALUES (1, 1), (2, 2);
BEGIN;
UPDATE d SET v = 2 WHERE id = 1;
UPDATE d SET v = 1 WHERE id = 2;
COMMIT;
SELECT * FROM d ORDER BY id;
BEGIN;
UPDATE d SET v = 2 WHERE id = 1;
SELECT * FROM d ORDER BY id;
COMMIT;
SELECT * FROM d ORDER BY id;
-- SET CONSTRAINTS ... IMMEDIATE runs the pending checks now
BEGIN;
UPDATE d SET v = 1 WHERE id = 2;
SET CONSTRAINTS d_v IMMEDIATE;
ROLLBACK;
BEGIN;
SET CONSTRAINTS d_v IMMEDIATE;
UPDATE d SET v = 1 WHERE id = 2;
ROLLBACK;
BEGIN;
UPDATE d SET v = 1 WHERE id = 2;
UPDATE d SET v = 2 WHERE id = 1;
SET CONSTRAINTS ALL IMMEDIATE;
COMMIT;
SELECT * FROM d ORDER BY id;
-- savepoints: a rolled-back duplicate is no longer checked
BEGIN;
SAVEPOINT s;
INSERT INTO d VALUES (3, 1);
ROLLBACK TO SAVEPOINT s;
INSERT INTO d VALUES (4, 4);
COMMIT;
SELECT * FROM d ORDER BY id;
-- ... and a check that passed after the savepoint runs again once it is rolled back
BEGIN;
INSERT INTO d VALUES (5, 4);
SAVEPOINT s;
DELETE FROM d WHERE id = 5;
SET CONSTRAINTS d_v IMMEDIATE;
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT * FROM d ORDER BY id;
-- ... and a check that failed inside the savepoint is still pending
BEGIN;
INSERT INTO d VALUES (5, 4);
SAVEPOINT s;
SET CONSTRAINTS d_v IMMEDIATE;
ROLLBACK TO SAVEPOINT s;
DELETE FROM d WHERE id = 5;
COMMIT;
SELECT * FROM d ORDER BY id;
-- several columns, and a key that moves between rows within one transaction
CREATE TABLE m (id int, a int, b text, UNIQUE (a, b) DEFERRABLE INITIALLY DEFERRED);
INSERT INTO m VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'x');
BEGIN;
INSERT INTO m VALUES (4, 1, 'x');
SELECT count(*) FROM m WHERE a = 1 AND b = 'x';
DELETE FROM m WHERE b = 'y';
UPDATE m SET b = 'y' WHERE id = 1;
COMMIT;
BEGIN;
INSERT INTO m VALUES (5, 2, 'x');
COMMIT;
SELECT * FROM m ORDER BY a, b;
-- ALTER TABLE ADD ... DEFERRABLE checks the existing rows at once
CREATE TABLE a (v int);
INSERT INTO a VALUES (1), (1), (2);
ALTER TABLE a ADD CONSTRAINT a_v UNIQUE (v) DEFERRABLE;
DELETE FROM a WHERE v = 1;
ALTER TABLE a ADD CONSTRAINT a_v UNIQUE (v) DEFERRABLE INITIALLY DEFERRED;
BEGIN;
INSERT INTO a VALUES (2);
COMMIT;
-- DEFERRABLE PRIMARY KEY: checked at the end of the statement
CREATE TABLE p (id int PRIMARY KEY DEFERRABLE, n text);
INSERT INTO p VALUES (1, 'a'), (2, 'b'), (3, 'c');
UPDATE p SET id = id + 1;
SELECT * FROM p ORDER BY id;
UPDATE p SET id = 2;
INSERT INTO p VALUES (2, 'x');
-- ON CONFLICT cannot use a deferrable arbiter
INSERT INTO d VALUES (9, 1) ON CONFLICT DO NOTHING;
INSERT INTO d VALUES (9, 1) ON CONFLICT (v) DO NOTHING;
INSERT INTO d VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
INSERT INTO p VALUES (2, 'x') ON CONFLICT (id) DO NOTHING;
-- SET CONSTRAINTS on a constraint that is not deferrable
BEGIN;
SET CONSTRAINTS t_pkey DEFERRED;
ROLLBACK;
-- catalog
SELECT conname, contype, condeferrable, condeferred FROM pg_constraint
 WHERE connamespace = 2200 AND contype IN ('p', 'u') ORDER BY conname;
SELECT constraint_name, is_deferrable, initially_deferred FROM information_schema.table_constraints
 WHERE table_name IN ('t', 'u', 'd', 'm', 'p', 'a') AND constraint_type <> 'CHECK' ORDER BY constraint_name;
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conname IN ('d_v', 'u_v_key', 'p_pkey', 'm_a_b_key') ORDER BY 1;
-- a foreign key cannot reference a DEFERRABLE key
CREATE TABLE ref (v int REFERENCES u (v));
CREATE TABLE ref2 (id int REFERENCES p);
CREATE TABLE ref3 (id int REFERENCES p (id));
CREATE TABLE ref4 (v int REFERENCES n (v));
-- many rows in one statement: the first key PostgreSQL flags is reported
INSERT INTO u SELECT g FROM generate_series(100, 199) g;
INSERT INTO u SELECT g % 50 + 300 FROM generate_series(1, 100) g;
INSERT INTO u VALUES (400), (401), (401), (400);
INSERT INTO u VALUES (100), (402), (402);
UPDATE u SET v = v + 1 WHERE v >= 100;
SELECT count(*), min(v), max(v) FROM u WHERE v >= 100;
REINDEX TABLE u;
INSERT INTO u VALUES (101);
BEGIN;
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO u VALUES (102);
REINDEX TABLE u;
ROLLBACK;
SELECT c.relname, i.indisunique, i.indimmediate FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE c.relname IN ('t_pkey', 'n_v_key', 'u_v_key', 'd_v', 'p_pkey', 'm_a_b_key') ORDER BY 1;
