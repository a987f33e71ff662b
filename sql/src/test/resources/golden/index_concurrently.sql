-- CREATE INDEX CONCURRENTLY builds while writers run (see ConcurrentIndexBuildTest for the
-- concurrent part); a failed build leaves an INVALID index that pg_indexes lists and DROP INDEX removes
CREATE TABLE u (id int PRIMARY KEY, email text, name text, score int);
INSERT INTO u SELECT g, 'user' || g || '@example.com', 'N' || g, g * 7 FROM generate_series(1, 60) g;
INSERT INTO u VALUES (61, 'user7@example.com', 'again', 0);
CREATE INDEX CONCURRENTLY u_name ON u (name);
CREATE INDEX CONCURRENTLY ON u (score DESC, name) INCLUDE (email);
CREATE INDEX CONCURRENTLY ON u (lower(email));
CREATE INDEX CONCURRENTLY u_hi ON u (score NULLS FIRST) WHERE score > 100;
CREATE INDEX CONCURRENTLY IF NOT EXISTS u_name ON u (email);
CREATE INDEX CONCURRENTLY u_name ON u (email);
CREATE INDEX CONCURRENTLY nope ON u (nosuch);
CREATE INDEX CONCURRENTLY nope ON nosuch (a);
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'u' AND indexname <> 'u_pkey' ORDER BY indexname;
-- a unique build over duplicates fails; the index stays behind, INVALID
CREATE UNIQUE INDEX CONCURRENTLY u_email ON u (email);
SELECT indexname, indexdef FROM pg_indexes WHERE indexname = 'u_email';
CREATE UNIQUE INDEX CONCURRENTLY u_email ON u (email);
DROP INDEX u_email;
SELECT count(*) FROM pg_indexes WHERE indexname = 'u_email';
-- without the duplicates it builds
DELETE FROM u WHERE id > 60;
CREATE UNIQUE INDEX CONCURRENTLY u_email ON u (email);
INSERT INTO u VALUES (100, 'user1@example.com', 'dup', 1);
DROP INDEX CONCURRENTLY IF EXISTS u_email, u_hi;
DROP INDEX CONCURRENTLY IF EXISTS u_email;
SELECT indexname FROM pg_indexes WHERE tablename = 'u' AND indexname <> 'u_pkey' ORDER BY indexname;
-- not inside a transaction block
BEGIN;
CREATE INDEX CONCURRENTLY u_x ON u (name);
ROLLBACK;
-- no build is running now
SELECT count(*) FROM pg_stat_progress_create_index;
-- REINDEX, plainly or CONCURRENTLY (through a copy called name_ccnew that a failure leaves behind)
CREATE TABLE r (id int PRIMARY KEY, email text);
INSERT INTO r SELECT g, 'e' || g FROM generate_series(1, 10) g;
INSERT INTO r VALUES (11, 'e3');
CREATE UNIQUE INDEX CONCURRENTLY r_email ON r (email);
REINDEX INDEX r_email;
REINDEX INDEX CONCURRENTLY r_email;
SELECT indexname FROM pg_indexes WHERE tablename = 'r' AND indexname <> 'r_pkey' ORDER BY 1;
DELETE FROM r WHERE id = 11;
REINDEX INDEX CONCURRENTLY r_email;
INSERT INTO r VALUES (11, 'e3');
DROP INDEX r_email_ccnew;
CREATE INDEX r_lower ON r (lower(email)) WHERE id > 2;
REINDEX INDEX r_email;
REINDEX TABLE r;
REINDEX TABLE CONCURRENTLY r;
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'r' AND indexname <> 'r_pkey' ORDER BY 1;
INSERT INTO r VALUES (12, 'e4');
REINDEX INDEX nosuch;
REINDEX INDEX r;
REINDEX TABLE r_email;
BEGIN;
REINDEX INDEX CONCURRENTLY r_email;
ROLLBACK;
