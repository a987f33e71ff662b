-- CREATE TABLE and DROP TABLE
CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL, score double precision, ok boolean);
INSERT INTO t VALUES (1, 'one', 1.5, true);
SELECT * FROM t;
CREATE TABLE t (a int);
CREATE TABLE IF NOT EXISTS t (a int);
CREATE TABLE "Mixed Case" ("Col" integer, col integer);
INSERT INTO "Mixed Case" VALUES (1, 2);
SELECT "Col", col FROM "Mixed Case";
CREATE TABLE types (a int, b integer, c int4, d bigint, e int8, f smallint, g text, h varchar, i varchar(5),
                    j boolean, k bool, l double precision, m float8, n real);
INSERT INTO types VALUES (1, 2, 3, 4, 5, 6, 'g', 'h', 'i', true, false, 1.25, 2.5, 3.75);
SELECT * FROM types;
-- composite primary keys
CREATE TABLE pairs (a int, b text, v int, PRIMARY KEY (a, b));
INSERT INTO pairs VALUES (2, 'x', 1), (1, 'y', 2), (1, 'x', 3);
SELECT * FROM pairs ORDER BY a, b;
INSERT INTO pairs VALUES (1, 'x', 4);
-- a table without primary key keeps insertion order and allows duplicates
CREATE TABLE heap (a int, b text);
INSERT INTO heap VALUES (3, 'c'), (1, 'a'), (3, 'c');
SELECT * FROM heap;
-- definition errors
CREATE TABLE bad (a int, a text);
CREATE TABLE bad (a int PRIMARY KEY, b int PRIMARY KEY);
CREATE TABLE bad (a int PRIMARY KEY, b int, PRIMARY KEY (b));
CREATE TABLE bad (a int, PRIMARY KEY (zz));
CREATE TABLE bad (a int, PRIMARY KEY (a, a));
CREATE TABLE bad (a nosuchtype);
CREATE TABLE bad (a int,);
-- DROP
DROP TABLE heap;
SELECT * FROM heap;
DROP TABLE heap;
DROP TABLE IF EXISTS heap;
DROP TABLE IF EXISTS heap, pairs;
SELECT * FROM pairs;
DROP TABLE t, nosuch;
SELECT count(*) FROM t;
DROP TABLE t, types, "Mixed Case";
CREATE TABLE t (id int PRIMARY KEY);
SELECT * FROM t;
CREATE TABLE empty ();
INSERT INTO empty VALUES ();
SELECT * FROM empty;
