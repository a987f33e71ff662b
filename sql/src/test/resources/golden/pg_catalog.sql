-- pg_catalog relations, information_schema and the catalog functions psql calls (compared with PostgreSQL 15 by pg-compare.sh)
CREATE TABLE dept (id integer PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE emp (id integer PRIMARY KEY, name varchar(40) NOT NULL, salary numeric(10,2) DEFAULT 0 CHECK (salary >= 0),
                  dept_id integer REFERENCES dept (id) ON DELETE SET NULL, active boolean DEFAULT true, note text DEFAULT 'none',
                  created timestamptz(3), code char(4), tags text[]);
CREATE INDEX emp_name_idx ON emp (name);
CREATE UNIQUE INDEX emp_dept_name ON emp (dept_id, name DESC NULLS LAST);
CREATE VIEW rich AS SELECT id, name FROM emp WHERE salary > 1000;
CREATE SEQUENCE order_seq INCREMENT BY 5 MAXVALUE 1000 CACHE 2;
CREATE FUNCTION emp_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER emp_audit_trg BEFORE INSERT OR UPDATE OF salary, name ON emp FOR EACH ROW EXECUTE FUNCTION emp_audit();
CREATE TRIGGER emp_stmt_trg AFTER DELETE ON emp FOR EACH STATEMENT EXECUTE FUNCTION emp_audit('a', 'b');
CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql AS $$ SELECT a + b $$;
CREATE SCHEMA hr;
CREATE TABLE hr.staff (id bigint PRIMARY KEY, boss bigint REFERENCES hr.staff (id), born date);
SELECT c.relname, c.relkind, c.relnatts, c.relchecks, c.relhasindex, c.relhastriggers, c.relpersistence, c.relreplident,
       am.amname, n.nspname, c.relowner = n.nspowner AS owner_is_schema_owner
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_am am ON am.oid = c.relam
 WHERE n.nspname IN ('public', 'hr') ORDER BY 1;
SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.atttypid, a.atttypmod, a.attnum, a.attlen, a.attnotnull, a.atthasdef,
       a.attstorage, a.attalign, a.attbyval, a.attcollation, a.attndims
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'emp' AND a.attnum > 0 ORDER BY a.attnum;
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname IN ('emp_dept_name', 'rich', 'order_seq') ORDER BY 1, a.attnum;
SELECT c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid), pg_get_expr(d.adbin, d.adrelid, true)
  FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
 ORDER BY 1, 2;
SELECT oid, typname, typlen, typbyval, typtype, typcategory, typispreferred, typelem, typarray, typinput, typoutput, typalign,
       typstorage, typcollation
  FROM pg_type WHERE oid IN (16, 18, 19, 20, 23, 25, 26, 1007, 1043, 1184, 1700, 2205, 3802) ORDER BY oid;
SELECT format_type(1043, 44), format_type(1043, -1), format_type(1042, -1), format_type(1042, NULL), format_type(1042, 8),
       format_type(1700, 655366), format_type(1184, 3), format_type(1114, NULL), format_type(1009, -1), format_type(18, -1),
       format_type(123456, -1);
SELECT pg_size_pretty(0::bigint), pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(10485760::bigint),
       pg_size_pretty(123456789012::bigint);
SELECT c.relname, t.relname AS table, pg_get_indexdef(i.indexrelid), pg_get_indexdef(i.indexrelid, 2, true), i.indnatts,
       i.indisunique, i.indisprimary, i.indkey, i.indoption
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
 WHERE t.relnamespace = 2200 ORDER BY 1;
SELECT conname, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) FROM pg_constraint
 WHERE conrelid = (SELECT oid FROM pg_class WHERE relname = 'emp') ORDER BY 1;
SELECT tgname, tgtype, tgenabled, tgnargs, tgattr, pg_get_triggerdef(oid), pg_get_triggerdef(oid, true)
  FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1;
SELECT proname, pronargs, pronargdefaults, prorettype, proargtypes, proargnames, prokind, provolatile,
       pg_get_function_arguments(oid), pg_get_function_identity_arguments(oid), pg_get_function_result(oid)
  FROM pg_proc WHERE pronamespace = 2200 ORDER BY 1;
SELECT count(*) > 0 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'pg_catalog' AND p.proname = 'lower';
SELECT nspname FROM pg_namespace ORDER BY 1;
SELECT format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmax, s.seqmin, s.seqcache, s.seqcycle
  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relname = 'order_seq';
SELECT schemaname, tablename, tablespace, hasindexes, hasrules, hastriggers, rowsecurity FROM pg_tables
 WHERE schemaname IN ('public', 'hr') ORDER BY 2;
SELECT schemaname, viewname FROM pg_views WHERE schemaname = 'public';
SELECT c.relname, pg_table_is_visible(c.oid) FROM pg_class c WHERE c.relname IN ('emp', 'emp_pkey', 'staff', 'pg_class') ORDER BY 1;
SELECT pg_function_is_visible(oid), proname FROM pg_proc WHERE proname = 'add';
SELECT pg_type_is_visible(23), pg_encoding_to_char(6), obj_description(1259, 'pg_class'), col_description(1259, 1);
SELECT amname, amtype FROM pg_am WHERE amname IN ('heap', 'btree', 'hash') ORDER BY 1;
SELECT pg_encoding_to_char(encoding), datallowconn, datconnlimit FROM pg_database WHERE NOT datistemplate LIMIT 1;
SELECT count(*) FROM pg_inherits;
SELECT count(*) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid WHERE c.relname = 'emp';
SELECT name, vartype IS NOT NULL FROM pg_settings WHERE name = 'work_mem';
SELECT table_schema, table_name, table_type, is_insertable_into = 'YES' OR table_type = 'VIEW' FROM information_schema.tables
 WHERE table_schema IN ('public', 'hr') ORDER BY 2;
SELECT column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length, character_octet_length,
       numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision, udt_name, is_identity, is_updatable
  FROM information_schema.columns WHERE table_name = 'emp' ORDER BY 2;
SELECT table_name, column_name, data_type, character_maximum_length FROM information_schema.columns WHERE table_name = 'rich' ORDER BY ordinal_position;
SELECT constraint_name, table_name, column_name, ordinal_position, position_in_unique_constraint
  FROM information_schema.key_column_usage WHERE table_schema IN ('public', 'hr') ORDER BY 1, 4;
SELECT constraint_name, unique_constraint_schema, unique_constraint_name, match_option, update_rule, delete_rule
  FROM information_schema.referential_constraints ORDER BY 1;
SELECT schema_name FROM information_schema.schemata ORDER BY 1;
SELECT table_name, check_option FROM information_schema.views WHERE table_schema = 'public';
SELECT pg_get_userbyid(12345), format_type(NULL, NULL), pg_table_is_visible(0), pg_get_indexdef(0), pg_get_triggerdef(0);
SELECT 'emp_pkey'::regclass = i.indexrelid AS pkey_index, 'emp'::regclass = i.indrelid AS table
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = 'emp' AND i.indisprimary;
SELECT c.oid::regclass, 'pg_catalog.pg_class'::regclass::oid FROM pg_class c WHERE c.relname IN ('emp', 'staff', 'emp_pkey') ORDER BY 1;
SELECT t.typname, t.typinput, t.typoutput FROM pg_type t WHERE t.typinput = 'pg_catalog.array_in'::regproc AND t.typelem = 23;
