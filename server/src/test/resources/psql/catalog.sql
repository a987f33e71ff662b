-- psql's describe commands against the catalog (PsqlCatalogTest). The expected output is what
-- PostgreSQL 15 prints for the same script run by role shale in database shale.
CREATE TABLE dept (id integer PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE emp (
    id integer PRIMARY KEY,
    name varchar(40) NOT NULL,
    salary numeric(10,2) DEFAULT 0 CHECK (salary >= 0),
    dept_id integer REFERENCES dept (id),
    active boolean DEFAULT true,
    note text DEFAULT 'none',
    created timestamptz
);
CREATE INDEX emp_name_idx ON emp (name);
CREATE UNIQUE INDEX emp_dept_name ON emp (dept_id, name DESC);
CREATE VIEW rich AS SELECT id, name FROM emp WHERE salary > 1000;
CREATE SEQUENCE order_seq;
CREATE FUNCTION emp_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER emp_audit_trg BEFORE INSERT OR UPDATE OF salary, name ON emp FOR EACH ROW EXECUTE FUNCTION emp_audit();
CREATE TRIGGER emp_stmt_trg AFTER DELETE ON emp FOR EACH STATEMENT EXECUTE FUNCTION emp_audit('a', 'b');
CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql AS $$ SELECT a + b $$;
CREATE SCHEMA hr;
CREATE TABLE hr.staff (id bigint PRIMARY KEY, boss bigint REFERENCES hr.staff (id), tags text[], born date);
CREATE TABLE orders (id serial PRIMARY KEY, code bigint GENERATED ALWAYS AS IDENTITY, placed date DEFAULT current_date,
    total numeric DEFAULT 0.5, state text DEFAULT 'new' CHECK (state IN ('new', 'paid')), qty int CHECK (qty > 0 AND qty < 100));
\dt
\d
\dn
\di
\dv
\ds
\df
\d dept
\d emp
\d+ emp
\d rich
\d orders
\d orders_id_seq
\d order_seq
\d emp_pkey
\d+ emp_dept_name
\dt+
\di+
\df+
\sf add
\d hr.staff
\dt hr.*
\x
\dt
\x
-- the query psql 15 sends to complete a table name after "SELECT * FROM em<TAB>"
SELECT c.relname, NULL::pg_catalog.text FROM pg_catalog.pg_class c WHERE c.relkind IN ('r', 'S', 'v', 'm', 'f', 'p') AND (c.relname) LIKE 'em%' AND pg_catalog.pg_table_is_visible(c.oid) AND c.relnamespace <> (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'pg_catalog')
UNION ALL
SELECT NULL::pg_catalog.text, n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname LIKE 'em%' AND n.nspname NOT LIKE E'pg\\_%'
LIMIT 1000;
-- ... after "SELECT * FROM emp WHERE sal<TAB>"
SELECT a.attname, NULL::pg_catalog.text FROM pg_catalog.pg_attribute a, pg_catalog.pg_class c WHERE c.oid = a.attrelid and a.attnum > 0 and not a.attisdropped AND (a.attname) LIKE 'sal%' AND c.relname = 'emp' AND pg_catalog.pg_table_is_visible(c.oid)
LIMIT 1000;
-- ... after "\d de<TAB>" (psql sorts what it gets; here the rows are sorted for a stable transcript)
SELECT * FROM (
SELECT c.relname, NULL::pg_catalog.text FROM pg_catalog.pg_class c WHERE (c.relname) LIKE 'de%' AND pg_catalog.pg_table_is_visible(c.oid) AND c.relnamespace <> (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'pg_catalog')
UNION ALL
SELECT NULL::pg_catalog.text, n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname LIKE 'de%' AND n.nspname NOT LIKE E'pg\\_%'
LIMIT 1000) completions ORDER BY 1;
