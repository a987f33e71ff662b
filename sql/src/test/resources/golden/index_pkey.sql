-- the primary key is listed in pg_indexes and pg_index (indisprimary), as PostgreSQL lists t_pkey; pg_constraint.conindid points at it
CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE c2 (a int, b text, CONSTRAINT c2_key PRIMARY KEY (b, a));
CREATE TABLE c (id int, pid int REFERENCES p, pcode text REFERENCES p (code));
CREATE TABLE nokey (x int);
CREATE INDEX c_pid ON c (pid);
SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname;
SELECT k.conname, k.contype, i.indisprimary, i.indkey FROM pg_constraint k JOIN pg_index i ON i.indexrelid = k.conindid WHERE k.conrelid >= 16384 ORDER BY 1;
ALTER TABLE c2 RENAME COLUMN a TO aa;
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'c2';
ALTER TABLE c2 RENAME TO c3;
SELECT tablename, indexname FROM pg_indexes WHERE tablename = 'c3';
SELECT k.conname, i.indnatts, i.indnkeyatts, i.indisunique, i.indisprimary, i.indisvalid, i.indisready, i.indkey FROM pg_constraint k JOIN pg_index i ON i.indexrelid = k.conindid WHERE k.contype = 'p' AND k.conrelid >= 16384 ORDER BY 1;
