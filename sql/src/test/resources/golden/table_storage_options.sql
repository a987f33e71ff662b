-- CREATE [UNLOGGED] TABLE ... WITH (storage parameters) TABLESPACE: what pgbench -i emits; accepted, checked, without effect
CREATE TABLE tellers (tid int NOT NULL, bid int, tbalance int, filler char(84)) WITH (fillfactor=100);
CREATE UNLOGGED TABLE history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22));
CREATE TABLE accounts (aid int NOT NULL, abalance int) WITH (fillfactor = 90, autovacuum_enabled = false) TABLESPACE pg_default;
CREATE TABLE flags (a int) WITH (autovacuum_enabled, parallel_workers = 2);
INSERT INTO tellers VALUES (1, 1, 0, ''), (2, 1, 0, '');
INSERT INTO history (tid, delta) VALUES (1, 5);
SELECT tid, tbalance FROM tellers ORDER BY tid;
SELECT tid, delta FROM history;
-- checked like PostgreSQL checks them
CREATE TABLE bad (a int) WITH (fillfactor=5);
CREATE TABLE bad (a int) WITH (fillfactor=101);
CREATE TABLE bad (a int) WITH (nosuch=1);
CREATE TABLE bad (a int) TABLESPACE nosuch;
CREATE TABLE bad (a int) WITH (fillfactor=);
SELECT * FROM bad;
-- the index of a PRIMARY KEY or UNIQUE constraint (pgbench -i --index-tablespace)
ALTER TABLE tellers ADD PRIMARY KEY (tid) USING INDEX TABLESPACE pg_default;
CREATE TABLE branches (bid int, code int, PRIMARY KEY (bid) WITH (fillfactor = 90), UNIQUE (code) WITH (deduplicate_items = off) USING INDEX TABLESPACE "pg_default");
INSERT INTO branches VALUES (1, 1), (2, 1);
ALTER TABLE tellers ADD UNIQUE (bid, tid) WITH (nosuch = 1);
ALTER TABLE tellers ADD UNIQUE (bid, tid) USING INDEX TABLESPACE nosuch;
INSERT INTO tellers VALUES (1, 1, 0, '');
