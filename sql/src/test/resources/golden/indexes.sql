-- CREATE / DROP INDEX store the definition (index data is issue 7); UNIQUE indexes are enforced
CREATE TABLE t (id int PRIMARY KEY, a int, b text);
INSERT INTO t VALUES (1, 10, 'x'), (2, 20, 'y'), (3, 20, NULL);
CREATE INDEX ON t (a);
CREATE INDEX ON t (a);
CREATE INDEX t_b ON t USING btree (b DESC NULLS LAST, a);
CREATE INDEX IF NOT EXISTS t_b ON t (a);
CREATE INDEX t_b ON t (a);
CREATE INDEX bad ON nosuch (a);
CREATE INDEX bad ON t (nosuch);
CREATE UNIQUE INDEX t_a_uq ON t (a);
CREATE UNIQUE INDEX t_b_uq ON t (b);
INSERT INTO t VALUES (4, 40, 'x');
INSERT INTO t VALUES (4, 40, NULL), (5, 50, NULL);
INSERT INTO t VALUES (6, 60, 'z'), (7, 70, 'z');
UPDATE t SET b = 'y' WHERE id = 1;
UPDATE t SET b = b || '!' WHERE b IS NOT NULL;
SELECT * FROM t ORDER BY id;
-- partial unique index: only rows matching WHERE conflict
CREATE TABLE p (id int PRIMARY KEY, k int, active boolean);
CREATE UNIQUE INDEX p_active_k ON p (k) WHERE active;
INSERT INTO p VALUES (1, 1, true), (2, 1, false), (3, 1, false);
INSERT INTO p VALUES (4, 1, true);
-- multi-column unique index
CREATE TABLE m (a int, b int);
CREATE UNIQUE INDEX ON m (a, b);
INSERT INTO m VALUES (1, 1), (1, 2), (2, 1);
INSERT INTO m VALUES (1, 2);
-- renaming a column follows into the index; dropping it drops the index
ALTER TABLE m RENAME COLUMN b TO bb;
INSERT INTO m VALUES (2, 1);
ALTER TABLE m DROP COLUMN bb;
INSERT INTO m VALUES (1);
SELECT * FROM m ORDER BY a;
-- DROP INDEX, transactional like all DDL
BEGIN;
DROP INDEX t_b_uq;
INSERT INTO t VALUES (8, 80, 'x!');
ROLLBACK;
INSERT INTO t VALUES (8, 80, 'x!');
DROP INDEX t_b_uq, t_a_idx1;
INSERT INTO t VALUES (8, 80, 'x!');
DROP INDEX nosuch;
DROP INDEX IF EXISTS nosuch;
DROP INDEX t;
-- dropping the table drops its indexes
DROP TABLE t;
CREATE INDEX t_b ON p (k);
