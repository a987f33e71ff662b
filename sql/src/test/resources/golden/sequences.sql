-- CREATE SEQUENCE, nextval / currval / setval / lastval, SERIAL, DEFAULT nextval(...)
CREATE SEQUENCE s;
SELECT nextval('s');
SELECT nextval('s'), nextval('s');
SELECT currval('s');
SELECT lastval();
CREATE SEQUENCE s;
CREATE SEQUENCE IF NOT EXISTS s;
SELECT nextval('nosuch');
CREATE SEQUENCE fresh;
SELECT currval('fresh');
-- options
CREATE SEQUENCE down INCREMENT BY -2 START WITH 10 MINVALUE 5 MAXVALUE 100;
SELECT nextval('down'), nextval('down'), nextval('down');
SELECT nextval('down');
CREATE SEQUENCE cyc START 2 MINVALUE 1 MAXVALUE 3 CYCLE CACHE 5;
SELECT nextval('cyc'), nextval('cyc'), nextval('cyc'), nextval('cyc');
CREATE SEQUENCE small AS smallint START 32766;
SELECT nextval('small'), nextval('small');
SELECT nextval('small');
CREATE SEQUENCE bad INCREMENT 0;
CREATE SEQUENCE bad MINVALUE 10 MAXVALUE 5;
CREATE SEQUENCE bad START 0;
CREATE SEQUENCE bad START 200 MAXVALUE 100;
CREATE SEQUENCE bad CACHE 0;
CREATE SEQUENCE bad AS smallint MAXVALUE 100000;
CREATE SEQUENCE bad AS text;
-- setval
SELECT setval('s', 100);
SELECT nextval('s');
SELECT setval('s', 50, false);
SELECT nextval('s');
SELECT setval('s', 0);
-- sequences are not rolled back
BEGIN;
SELECT nextval('s');
ROLLBACK;
SELECT nextval('s');
-- but creating and dropping one is transactional
BEGIN;
CREATE SEQUENCE t_seq;
SELECT nextval('t_seq');
ROLLBACK;
SELECT nextval('t_seq');
BEGIN;
DROP SEQUENCE s;
ROLLBACK;
SELECT currval('s');
-- one namespace with tables
CREATE TABLE s (a int);
DROP TABLE s;
DROP SEQUENCE nosuch;
DROP SEQUENCE IF EXISTS nosuch;
-- DEFAULT nextval: evaluated per row
CREATE SEQUENCE ids START 10 INCREMENT 10;
CREATE TABLE things (id bigint PRIMARY KEY DEFAULT nextval('ids'), name text);
INSERT INTO things (name) VALUES ('a'), ('b');
INSERT INTO things VALUES (DEFAULT, 'c');
SELECT * FROM things ORDER BY id;
-- SERIAL: an owned sequence, dropped with its table
CREATE TABLE ser (id serial PRIMARY KEY, big bigserial, name text);
INSERT INTO ser (name) VALUES ('x'), ('y');
INSERT INTO ser (id, name) VALUES (100, 'explicit');
INSERT INTO ser (name) VALUES ('z');
SELECT * FROM ser ORDER BY id;
SELECT currval('ser_id_seq'), currval('ser_big_seq');
INSERT INTO ser (id, big, name) VALUES (NULL, 1, 'null id');
TRUNCATE ser RESTART IDENTITY;
INSERT INTO ser (name) VALUES ('after restart');
SELECT * FROM ser;
DROP TABLE ser;
SELECT nextval('ser_id_seq');
CREATE TABLE ser_id_seq (a int);
CREATE TABLE ser (id serial);
INSERT INTO ser DEFAULT VALUES;
SELECT nextval('ser_id_seq1');
DROP SEQUENCE s, down, cyc;
SELECT lastval();
