-- syntax errors carry the position of the offending token
SELECT * FORM t;
SELEC 1;
SELECT 1 +;
SELECT 1);
SELECT 123abc;
CREATE TABLE;
CREATE TABLE t (a int, b);
INSERT INTO t VALUES;
SELECT * FROM t WHERE;
DELETE t;
UPDATE t a = 1;
SELECT 1,
  2,
  3 4 5;
SELECT a FROM b WHERE c = 'it''s' AND d = ;
SELECT 1 @ 2;
SELECT #1;
