-- the SQL of psql's and pgjdbc's catalog queries: OPERATOR(), COLLATE, E'' and U&'' strings,
-- ARRAY(subquery), regex operators and functions, SIMILAR TO, oid/regclass/regtype/name/"char"
CREATE TABLE t (a int PRIMARY KEY, b text);
CREATE TABLE "Mixed" (x int);
CREATE INDEX t_b ON t (b);
INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, NULL);
-- E'' escape strings
SELECT E'a\tb' = 'a' || chr(9) || 'b' AS tab, E'x\\y' AS backslash, E'it\'s' AS quote, E'\x41\101\u00e9' AS codes, e'\q' AS other,
       E'\U0001F600' = chr(128512) AS astral;
SELECT length(E'line1\nline2') AS len, E'\xc3\xa9' AS bytes, E'\x4' || 'z' = chr(4) || 'z' AS short_hex;
SELECT E'\u00';
SELECT E'\xff';
SELECT E'\000';
SELECT E'\ud83d\ude00' = chr(128512) AS pair;
SELECT E'\ud800';
SELECT U&'d\0061t\+000061' AS u1, U&'d!0061t' UESCAPE '!' AS u2;
SELECT U&'\00';
-- OPERATOR(schema.op)
SELECT 1 OPERATOR(pg_catalog.+) 2 AS plus, OPERATOR(pg_catalog.-) 5 AS neg, 3 OPERATOR(pg_catalog.=) 3 AS eq,
       'abc' OPERATOR(pg_catalog.~) '^a' AS re, 'abc' OPERATOR(pg_catalog.!~) 'z' AS nre, 2 OPERATOR(pg_catalog.<>) 3 AS ne;
SELECT b FROM t WHERE b OPERATOR(pg_catalog.~) '^(one)$' COLLATE pg_catalog.default;
SELECT 1 OPERATOR(foo.+) 2;
SELECT 1 OPERATOR(pg_catalog.abc) 2;
-- COLLATE
SELECT 'b' COLLATE "C" AS x, 'a' COLLATE "C" < 'b' AS lt, b COLLATE "POSIX" FROM t ORDER BY b COLLATE "C";
SELECT 1 COLLATE "C";
SELECT 'a' COLLATE "xx";
SELECT 'a' COLLATE public.foo;
-- ARRAY(subquery)
SELECT ARRAY(SELECT a FROM t ORDER BY a) AS ids, ARRAY(SELECT b FROM t WHERE b IS NOT NULL ORDER BY b DESC) AS names,
       ARRAY(SELECT 1 WHERE false) AS empty, ARRAY(SELECT NULL::int) AS nulls;
SELECT a, ARRAY(SELECT x.a FROM t x WHERE x.a > t.a ORDER BY 1) AS later FROM t ORDER BY a;
SELECT array_to_string(ARRAY(SELECT b FROM t ORDER BY a), E'\n') AS joined, ARRAY(SELECT 'a') || 'b'::text AS text_array;
SELECT ARRAY(SELECT 1, 2);
SELECT 2 = ANY(ARRAY(SELECT a FROM t)) AS any_match, array_length(ARRAY(SELECT a FROM t), 1) AS n;
-- regular expressions
SELECT 'abc' ~ 'B' AS cs, 'abc' ~* 'B' AS ci, 'abc' !~ 'B' AS ncs, 'abc' !~* 'B' AS nci;
SELECT 'pg_catalog.pg_class' ~ '^(pg_catalog.*)$' AS psql1, 'public.t' ~ '^(.*\.t)$' AS psql2, 'a
b' ~ 'a.b' AS dot_newline, E'a\n' ~ 'a$' AS dollar;
SELECT 'foo bar' ~ '\mbar' AS word_start, 'foobar' ~ '\mbar' AS not_word, 'x1' ~ '[[:digit:]]' AS posix, 'a b' ~ 'a\yb' AS y;
SELECT regexp_replace('Hello World', 'o', '0', 'g') AS g, regexp_replace('abc', '(b)', '[\1]') AS grp;
SELECT regexp_match('foobarbequebaz', 'ba.') AS m1, regexp_match('foobarbequebaz', '(bar)(beque)') AS m2,
       regexp_match('abc', 'z') AS none, regexp_match('ABC', 'b', 'i') AS ci;
SELECT regexp_match('abc', 'b', 'g');
SELECT * FROM regexp_matches('foo bar baz', 'ba(.)', 'g') AS m;
SELECT 'abc' ~ '(';
-- SIMILAR TO
SELECT 'abc' SIMILAR TO 'a%' AS s1, 'abc' SIMILAR TO 'b%' AS s2, 'a_c' NOT SIMILAR TO 'a#_c' ESCAPE '#' AS s3,
       'abc' SIMILAR TO '(a|b)c' AS s4, 'bc' SIMILAR TO '(a|b)c' AS s5, 'a.c' SIMILAR TO 'a.c' AS s6, 'abc' SIMILAR TO 'a.c' AS s7;
-- generate_series and generate_subscripts in FROM
SELECT * FROM pg_catalog.generate_series(1, 3) pos(n);
SELECT s FROM generate_subscripts(ARRAY['a','b','c'], 1) AS s;
SELECT s FROM generate_subscripts(ARRAY['a','b','c'], 1, true) AS s;
SELECT count(*) FROM generate_subscripts(ARRAY[1], 2) AS s;
-- oid and the reg* types
SELECT 'pg_class'::regclass AS rc, 'pg_class'::regclass::oid AS rc_oid, 'pg_catalog.pg_type'::regclass::oid AS type_oid;
SELECT 't'::regclass AS t, 'T'::regclass AS folded, '"Mixed"'::regclass AS quoted, 't_b'::regclass AS index;
SELECT 't'::regclass = 't'::regclass::oid AS same, 't'::regclass::oid > 16383 AS user_oid, 0::regclass AS zero;
SELECT 'nosuch'::regclass;
SELECT 'integer'::regtype AS i, 'int4'::regtype AS i4, 'pg_catalog.int8'::regtype AS i8, 'text[]'::regtype AS arr,
       'character varying'::regtype AS vc, '"char"'::regtype AS ch, 'bool'::regtype::oid AS bool_oid;
SELECT 23::regtype AS by_oid, 1043::oid::regtype AS via_oid, 999999::regtype AS unknown_oid;
SELECT 'nosuch'::regtype;
SELECT 42::oid AS o, '4294967295'::oid AS max_oid, '-1'::oid AS wrapped, (-1)::oid AS int_wrapped, 7::oid = 7 AS eq;
SELECT 'abc'::oid;
SELECT '4294967296'::oid;
SELECT 'abc'::name AS n, 'rel'::"char" AS c, ''::"char" AS empty_char, 'abc'::name = 'abc' AS name_eq, 'r'::"char" = 'r' AS char_eq;
SELECT 'r'::"char"::int AS code, 120::"char" AS from_int, 'x'::pg_catalog.name AS qualified;
SELECT length(repeat('x', 100)::name) AS truncated;
CREATE TABLE sys (o oid, n name, c "char", r regclass);
INSERT INTO sys VALUES (1259, 'pg_class', 'r', 'pg_class'), (16384, 'x', 'i', 't');
SELECT * FROM sys ORDER BY o;
SELECT o::regclass, n, c FROM sys WHERE c = 'r' AND o = 'pg_class'::regclass;
DROP TABLE sys;
-- WITH ORDINALITY
SELECT * FROM generate_series(10, 12) WITH ORDINALITY AS g(v, n);
SELECT * FROM unnest(ARRAY['a', 'b']) WITH ORDINALITY;
-- session information
SELECT current_database() = current_catalog AS same_db, current_schemas(false) AS path, current_schemas(true) AS with_implicit;
