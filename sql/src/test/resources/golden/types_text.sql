-- Character types, bytea, uuid, boolean input.
CREATE TABLE s (id int PRIMARY KEY, v varchar(5), c char(4), t text);
INSERT INTO s VALUES (1, 'abc', 'ab', 'x'), (2, 'abcde', 'abcd', 'y  '), (3, 'ab   ', 'a', '');
SELECT id, v, c, t, length(v), length(c), length(t), octet_length(c) FROM s ORDER BY id;
SELECT '[' || c || ']' AS bracketed, c = 'ab' AS eq, c::text = 'ab' AS eq_text FROM s ORDER BY id;
INSERT INTO s VALUES (4, 'abcdef', 'a', 'z');
INSERT INTO s VALUES (4, 'a', 'abcde', 'z');
SELECT 'abcdef'::varchar(3), 'abcdef'::char(2), 'a'::char(3) || 'b', 'abc'::character varying(2);
CREATE TABLE ck (k char(3) PRIMARY KEY, n int);
INSERT INTO ck VALUES ('b', 1), ('a', 2), ('ab', 3);
SELECT k, n, length(k) FROM ck ORDER BY k;
SELECT * FROM ck WHERE k = 'a  ';
INSERT INTO ck VALUES ('a ', 4);
SELECT '\x0102ff'::bytea, 'abc'::bytea, 'a\\b\001'::bytea, length('\xdeadbeef'::bytea);
SELECT '\xzz'::bytea;
CREATE TABLE u (id uuid PRIMARY KEY, n int);
INSERT INTO u VALUES ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 1), ('{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12}', 2),
  ('a0eebc999c0b4ef8bb6d6bb9bd380a10', 3), ('ffffffff-0000-0000-0000-000000000000', 4);
SELECT * FROM u ORDER BY id;
SELECT 'not-a-uuid'::uuid;
SELECT 't'::boolean, 'TRUE'::boolean, 'yes'::boolean, 'on'::boolean, '1'::boolean, 'f'::boolean, 'no'::boolean, 'off'::boolean, '0'::boolean;
SELECT 'maybe'::boolean;
SELECT true::text, 1 || 'a', 'a' || 1.5, 'x' || NULL, 'n=' || 42 || '!';
SELECT 'abc' LIKE 'a%', 'abc' LIKE 'a_c', 'abc' NOT LIKE '%d', 'ABC' ILIKE 'a%', 'a%c' LIKE 'a\%c', 'a%c' LIKE 'a#%c' ESCAPE '#', 'abc' LIKE 'b';
SELECT 'abc' ~ '^a', 'abc' ~* '^A', 'abc' !~ 'z', 'ABC' !~* 'b', 'foo123' ~ '[0-9]+$';
SELECT t FROM s WHERE t LIKE 'y%' ORDER BY t;
