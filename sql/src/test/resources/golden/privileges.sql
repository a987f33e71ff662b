-- Privileges: GRANT / REVOKE on tables, views and schemas, enforced with 42501; owners; SET ROLE
CREATE ROLE owner1;
CREATE ROLE alice;
CREATE ROLE bob;
GRANT CREATE ON SCHEMA public TO owner1;
SET SESSION AUTHORIZATION owner1;
SELECT session_user, current_user;
CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t VALUES (1, 'a'), (2, 'b');
CREATE TABLE secret (id int, s text);
INSERT INTO secret VALUES (1, 'x');
CREATE VIEW tv AS SELECT t.id, t.v, s.s FROM t JOIN secret s USING (id);
GRANT SELECT ON t TO alice;
GRANT INSERT, UPDATE ON TABLE t TO alice WITH GRANT OPTION;
GRANT SELECT ON tv TO bob;
GRANT ALL ON secret TO PUBLIC;
REVOKE ALL ON secret FROM PUBLIC;
GRANT SELECT ON secret TO alice, bob;
RESET SESSION AUTHORIZATION;
SELECT has_table_privilege('alice', 't', 'SELECT') AS a_sel, has_table_privilege('alice', 't', 'DELETE') AS a_del,
       has_table_privilege('alice', 't', 'INSERT WITH GRANT OPTION') AS a_ins_opt,
       has_table_privilege('bob', 't', 'select') AS b_sel, has_table_privilege('bob', 'tv', 'select') AS b_view,
       has_schema_privilege('alice', 'public', 'USAGE') AS a_usage, has_schema_privilege('alice', 'public', 'CREATE') AS a_create;
-- alice reads and writes what she was granted, and nothing else
SET SESSION AUTHORIZATION alice;
SELECT current_user;
SELECT * FROM t ORDER BY id;
INSERT INTO t VALUES (3, 'c');
UPDATE t SET v = 'cc' WHERE id = 3;
DELETE FROM t WHERE id = 3;
DELETE FROM t;
TRUNCATE t;
SELECT * FROM tv;
COPY t TO STDOUT;
CREATE TABLE mine (x int);
DROP TABLE t;
ALTER TABLE t ADD COLUMN w int;
GRANT INSERT ON t TO bob;
GRANT SELECT ON t TO bob;
RESET SESSION AUTHORIZATION;
-- bob: the view works with its owner's rights; the table itself does not
SET SESSION AUTHORIZATION bob;
SELECT * FROM tv ORDER BY id;
SELECT * FROM t;
SELECT * FROM secret;
SELECT count(*) FROM (SELECT * FROM tv) x WHERE EXISTS (SELECT 1 FROM t);
INSERT INTO t VALUES (4, 'd');
UPDATE t SET v = 'x';
SELECT * FROM t FOR UPDATE;
RESET SESSION AUTHORIZATION;
-- UPDATE and DELETE need SELECT only when they read the table
CREATE ROLE writer;
GRANT UPDATE, DELETE ON t TO writer;
SET ROLE writer;
UPDATE t SET v = 'all';
UPDATE t SET v = 'one' WHERE id = 1;
UPDATE t SET v = v || '!';
DELETE FROM t WHERE id = 1;
UPDATE t SET v = 'r' RETURNING id;
RESET ROLE;
SELECT current_user = session_user AS back;
SELECT * FROM t ORDER BY id;
-- revoking, grant options and dependent grants
SET SESSION AUTHORIZATION alice;
GRANT INSERT ON t TO bob;
RESET SESSION AUTHORIZATION;
REVOKE GRANT OPTION FOR INSERT ON t FROM alice;
REVOKE GRANT OPTION FOR INSERT ON t FROM alice CASCADE;
SELECT has_table_privilege('bob', 't', 'INSERT') AS b_ins, has_table_privilege('alice', 't', 'INSERT WITH GRANT OPTION') AS a_ins_opt;
REVOKE UPDATE ON t FROM alice;
REVOKE ALL PRIVILEGES ON t FROM writer;
-- schemas: USAGE and CREATE
CREATE SCHEMA app;
ALTER SCHEMA app OWNER TO owner1;
CREATE TABLE app.items (id int);
GRANT SELECT ON ALL TABLES IN SCHEMA app TO alice;
SET ROLE alice;
SELECT * FROM app.items;
CREATE TABLE app.more (id int);
RESET ROLE;
GRANT USAGE ON SCHEMA app TO alice;
SET ROLE alice;
SELECT * FROM app.items;
CREATE TABLE app.more (id int);
RESET ROLE;
GRANT CREATE ON SCHEMA app TO alice;
SET ROLE alice;
CREATE TABLE app.more (id int);
INSERT INTO app.more VALUES (1);
SELECT * FROM app.more;
RESET ROLE;
SELECT has_schema_privilege('alice', 'app', 'CREATE') AS a_create, has_schema_privilege('bob', 'app', 'USAGE') AS b_usage;
GRANT SELECT ON SCHEMA app TO alice;
GRANT USAGE ON t TO alice;
GRANT SELECT ON nosuch TO alice;
GRANT SELECT ON t TO nosuch;
-- ownership
ALTER TABLE t OWNER TO bob;
SELECT has_table_privilege('owner1', 't', 'SELECT') AS o_sel, has_table_privilege('bob', 't', 'TRUNCATE') AS b_trunc;
SET ROLE bob;
DELETE FROM t WHERE id = 2;
RESET ROLE;
SET ROLE owner1;
SELECT * FROM t;
RESET ROLE;
DROP ROLE alice;
-- membership
GRANT bob TO alice;
SET ROLE alice;
SELECT * FROM t ORDER BY id;
SET ROLE owner1;
RESET ROLE;
SET SESSION AUTHORIZATION alice;
SET ROLE bob;
SELECT current_user, session_user;
SET ROLE owner1;
RESET SESSION AUTHORIZATION;
REVOKE bob FROM alice;
GRANT alice TO alice;
-- cleanup: a role that owns nothing and holds nothing can go
DROP TABLE t, secret CASCADE;
DROP TABLE app.items, app.more;
DROP SCHEMA app;
DROP ROLE alice;
REVOKE CREATE ON SCHEMA public FROM owner1;
DROP ROLE owner1, bob, writer;
