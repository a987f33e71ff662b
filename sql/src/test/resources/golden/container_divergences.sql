-- Where arrays and jsonb knowingly differ from PostgreSQL 15 (pg-compare.sh shows these diffs).
-- 1. jsonb input errors: PostgreSQL adds a CONTEXT line ("JSON data, line 1: ...") that ShaleDB
--    does not send (errors carry no CONTEXT field yet); the ERROR and DETAIL lines are identical.
SELECT '{"a": }'::jsonb;
SELECT '{"a" 1}'::jsonb;
SELECT '[1, 2'::jsonb;
SELECT '{"a": tru}'::jsonb;
SELECT '{1: 2}'::jsonb;
SELECT '[1, 2] x'::jsonb;
SELECT '"\x"'::jsonb;
SELECT ''::jsonb;
SELECT '01'::jsonb;
SELECT '{"a": 1,}'::jsonb;
SELECT '"\u0000"'::jsonb;
-- 2. Arrays and jsonb cannot be primary-key columns yet (PostgreSQL allows it): 0A000.
CREATE TABLE arr_pk (a int[] PRIMARY KEY);
CREATE TABLE json_pk (id int, j jsonb, PRIMARY KEY (id, j));
-- 3. unnest in the select list (once FROM only) now works: see srf_select_list.sql.
SELECT unnest(ARRAY[1, 2]);
