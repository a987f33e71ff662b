-- CHECK, UNIQUE, PRIMARY KEY and FOREIGN KEY constraints (compared with PostgreSQL 15 by pg-compare.sh)
CREATE TABLE p (id int PRIMARY KEY, name text UNIQUE);
CREATE TABLE c (id int, p_id int REFERENCES p, x int CHECK (x > 0), y int,
                CONSTRAINT yy CHECK (y < x AND y > 0), UNIQUE (id, y));
CREATE TABLE c2 (a int, b int, FOREIGN KEY (a, b) REFERENCES c (id, y) ON DELETE CASCADE ON UPDATE SET NULL
                 DEFERRABLE INITIALLY DEFERRED);
SELECT conname, contype, conkey, confkey, confupdtype, confdeltype, confmatchtype, condeferrable, condeferred,
       convalidated, pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace = 2200 ORDER BY conname;
SELECT constraint_name, table_name, constraint_type, is_deferrable, initially_deferred
  FROM information_schema.table_constraints
 WHERE constraint_schema = 'public' AND constraint_type <> 'CHECK' ORDER BY constraint_name;
-- CHECK: FALSE fails, NULL passes; NOT NULL first
INSERT INTO c VALUES (1, 5, 1, 0);
INSERT INTO c VALUES (1, NULL, -1, 0);
INSERT INTO c VALUES (1, NULL, 3, NULL);
UPDATE c SET x = -5;
UPDATE c SET y = 2 WHERE id = 1;
SELECT * FROM c;
CREATE TABLE nn (a int NOT NULL CHECK (a > 0), b text);
INSERT INTO nn VALUES (NULL, 'x');
INSERT INTO nn (b) VALUES ('y');
INSERT INTO nn VALUES (0, 'z');
-- UNIQUE constraint
INSERT INTO c VALUES (1, NULL, 3, 1);
INSERT INTO c VALUES (1, NULL, 3, 1);
INSERT INTO p VALUES (1, 'a'), (2, 'b');
INSERT INTO p VALUES (3, 'a');
-- FOREIGN KEY, referencing side
INSERT INTO c VALUES (2, 1, 3, 2);
INSERT INTO c VALUES (3, 7, 3, 2);
UPDATE c SET p_id = 9 WHERE id = 2;
UPDATE c SET p_id = 2 WHERE id = 2;
SELECT * FROM c ORDER BY id, y;
-- referenced side: NO ACTION
DELETE FROM p WHERE id = 2;
UPDATE p SET id = 20 WHERE id = 2;
UPDATE p SET name = 'bb' WHERE id = 2;
DELETE FROM p WHERE id = 1;
SELECT * FROM p ORDER BY id;
-- DDL dependencies
DROP TABLE p;
TRUNCATE p;
ALTER TABLE p DROP CONSTRAINT p_pkey;
ALTER TABLE c DROP CONSTRAINT nope;
ALTER TABLE c DROP CONSTRAINT IF EXISTS nope;
ALTER TABLE c DROP CONSTRAINT c_id_y_key;
ALTER TABLE c ADD CONSTRAINT yy CHECK (x > 2);
-- ALTER TABLE ADD / VALIDATE / RENAME / DROP CONSTRAINT
ALTER TABLE c ADD CONSTRAINT big CHECK (x > 5);
ALTER TABLE c ADD CONSTRAINT big CHECK (x > 5) NOT VALID;
INSERT INTO c VALUES (4, NULL, 4, 1);
ALTER TABLE c VALIDATE CONSTRAINT big;
UPDATE c SET x = 6;
ALTER TABLE c VALIDATE CONSTRAINT big;
ALTER TABLE c RENAME CONSTRAINT big TO bigger;
SELECT conname, convalidated, pg_get_constraintdef(oid) FROM pg_constraint WHERE conname LIKE 'big%';
ALTER TABLE c DROP CONSTRAINT bigger;
BEGIN;
ALTER TABLE c ADD CONSTRAINT small CHECK (x < 100);
INSERT INTO c VALUES (5, NULL, 500, 1);
ROLLBACK;
BEGIN;
ALTER TABLE c ADD CONSTRAINT small CHECK (x < 100);
ROLLBACK;
INSERT INTO c VALUES (5, NULL, 500, 1);
SELECT count(*) FROM pg_constraint WHERE conname = 'small';
-- generated names
CREATE TABLE t3 (a int CHECK (a > 0) CHECK (a > 1), b int CHECK (b > 0) NO INHERIT, CHECK (a + b > 0), CHECK (true),
                 UNIQUE (a), UNIQUE (a, b), CONSTRAINT named UNIQUE (b));
SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint
 WHERE conrelid IN (SELECT conrelid FROM pg_constraint WHERE conname = 'named') ORDER BY conname;
DROP INDEX t3_a_key;
DROP TABLE t3;
-- ON DELETE / ON UPDATE actions
CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE kid_cascade (id int PRIMARY KEY, pid int REFERENCES parent ON DELETE CASCADE ON UPDATE CASCADE);
CREATE TABLE kid_null (id int PRIMARY KEY, pid int REFERENCES parent ON DELETE SET NULL ON UPDATE SET NULL);
CREATE TABLE kid_default (id int PRIMARY KEY, pid int DEFAULT 0 REFERENCES parent ON DELETE SET DEFAULT);
CREATE TABLE kid_restrict (id int PRIMARY KEY, code text REFERENCES parent (code) ON DELETE RESTRICT ON UPDATE RESTRICT);
INSERT INTO parent VALUES (0, 'zero'), (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO kid_cascade VALUES (10, 1), (11, 1), (12, 2);
INSERT INTO kid_null VALUES (20, 1), (21, 2);
INSERT INTO kid_default VALUES (30, 2), (31, 3);
INSERT INTO kid_restrict VALUES (40, 'three');
UPDATE parent SET id = 100 WHERE id = 1;
SELECT * FROM kid_cascade ORDER BY id;
SELECT * FROM kid_null ORDER BY id;
DELETE FROM parent WHERE id = 100;
SELECT * FROM kid_cascade ORDER BY id;
DELETE FROM parent WHERE id = 2;
SELECT * FROM kid_cascade ORDER BY id;
SELECT * FROM kid_null ORDER BY id;
SELECT * FROM kid_default ORDER BY id;
DELETE FROM parent WHERE id = 3;
UPDATE parent SET code = 'THREE' WHERE id = 3;
SELECT * FROM kid_default ORDER BY id;
DELETE FROM parent WHERE id = 0;
DELETE FROM kid_default;
DELETE FROM parent WHERE id = 0;
SELECT * FROM parent ORDER BY id;
-- self-referencing, multi-level cascade
CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree ON DELETE CASCADE);
INSERT INTO tree VALUES (2, 1), (1, NULL);
INSERT INTO tree VALUES (3, 2), (4, 3), (5, 1), (6, NULL);
INSERT INTO tree VALUES (7, 70);
DELETE FROM tree WHERE id = 2;
SELECT * FROM tree ORDER BY id;
CREATE TABLE a1 (id int PRIMARY KEY);
CREATE TABLE a2 (id int PRIMARY KEY, a1 int REFERENCES a1 ON DELETE CASCADE);
CREATE TABLE a3 (id int PRIMARY KEY, a2 int REFERENCES a2 ON DELETE CASCADE);
CREATE TABLE a4 (id int PRIMARY KEY, a3 int REFERENCES a3);
INSERT INTO a1 VALUES (1), (2);
INSERT INTO a2 VALUES (1, 1), (2, 2);
INSERT INTO a3 VALUES (1, 1), (2, 2);
INSERT INTO a4 VALUES (1, 1);
DELETE FROM a1 WHERE id = 1;
DELETE FROM a1 WHERE id = 2;
SELECT (SELECT count(*) FROM a2) AS a2, (SELECT count(*) FROM a3) AS a3;
-- MATCH FULL, multi-column keys
CREATE TABLE mp (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE mf (a int, b int, FOREIGN KEY (a, b) REFERENCES mp MATCH FULL);
CREATE TABLE ms (a int, b int, FOREIGN KEY (a, b) REFERENCES mp);
INSERT INTO mp VALUES (1, 1);
INSERT INTO mf VALUES (1, NULL);
INSERT INTO mf VALUES (NULL, NULL), (1, 1);
INSERT INTO ms VALUES (1, NULL), (2, 2);
-- errors creating foreign keys
CREATE TABLE bad1 (x int REFERENCES p (name));
CREATE TABLE bad2 (x int REFERENCES c (x));
CREATE TABLE bad3 (x int REFERENCES nosuch);
CREATE TABLE bad4 (x int, y int, FOREIGN KEY (x, y) REFERENCES p (id));
CREATE TABLE bad5 (x int REFERENCES nn);
CREATE TABLE bad6 (x int CHECK (x + 1));
CREATE TABLE bad7 (x int CHECK (z > 0));
-- ADD FOREIGN KEY validates existing rows; NOT VALID skips
CREATE TABLE late (id int, pid int);
INSERT INTO late VALUES (1, 2), (2, 99);
ALTER TABLE late ADD CONSTRAINT late_fk FOREIGN KEY (pid) REFERENCES p;
ALTER TABLE late ADD CONSTRAINT late_fk FOREIGN KEY (pid) REFERENCES p NOT VALID;
ALTER TABLE late VALIDATE CONSTRAINT late_fk;
DELETE FROM late WHERE pid = 99;
ALTER TABLE late VALIDATE CONSTRAINT late_fk;
ALTER TABLE late ADD UNIQUE (id);
INSERT INTO late VALUES (1, 2);
ALTER TABLE late ADD PRIMARY KEY (pid);
INSERT INTO late VALUES (5, 2);
SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conname LIKE 'late%' ORDER BY conname;
-- deferred checks
BEGIN;
INSERT INTO c2 VALUES (100, 100);
INSERT INTO c VALUES (100, NULL, 200, 100);
COMMIT;
BEGIN;
INSERT INTO c2 VALUES (101, 101);
COMMIT;
BEGIN;
SET CONSTRAINTS ALL IMMEDIATE;
INSERT INTO c2 VALUES (101, 101);
ROLLBACK;
BEGIN;
SET CONSTRAINTS c_p_id_fkey DEFERRED;
ROLLBACK;
BEGIN;
SET CONSTRAINTS c2_a_b_fkey IMMEDIATE;
INSERT INTO c2 VALUES (102, 102);
ROLLBACK;
-- DROP ... CASCADE removes the foreign keys
DROP TABLE parent;
DROP TABLE kid_null, kid_default, kid_restrict;
DROP TABLE parent CASCADE;
SELECT conname FROM pg_constraint WHERE conname LIKE 'kid%' ORDER BY conname;
TRUNCATE p CASCADE;
SELECT count(*) FROM c;
ALTER TABLE p DROP CONSTRAINT p_name_key;
-- an index on the referencing column serves the lookups; integer referencing bigint
CREATE TABLE bp (id bigint PRIMARY KEY, code varchar(5) UNIQUE);
CREATE TABLE bc (id int, bp_id int REFERENCES bp ON DELETE CASCADE ON UPDATE CASCADE, code text REFERENCES bp (code) ON UPDATE CASCADE);
CREATE INDEX bc_bp_id_idx ON bc (bp_id);
INSERT INTO bp VALUES (1, 'a'), (2, 'b');
INSERT INTO bc VALUES (1, 1, 'a'), (2, 1, NULL), (3, 2, 'b');
INSERT INTO bc VALUES (4, 3, NULL);
INSERT INTO bc VALUES (4, NULL, 'c');
UPDATE bp SET id = 10, code = 'aa' WHERE id = 1;
SELECT * FROM bc ORDER BY id;
DELETE FROM bp WHERE id = 2;
SELECT * FROM bc ORDER BY id;
