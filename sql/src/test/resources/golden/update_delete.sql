-- UPDATE and DELETE
CREATE TABLE acct (id int PRIMARY KEY, owner text NOT NULL, balance bigint);
INSERT INTO acct VALUES (1, 'ann', 100), (2, 'bob', 50), (3, 'cid', NULL), (4, 'dee', 0);
UPDATE acct SET balance = balance + 10 WHERE id = 1;
UPDATE acct SET balance = balance * 2;
SELECT * FROM acct ORDER BY id;
UPDATE acct SET owner = upper(owner), balance = 0 WHERE balance IS NULL;
UPDATE acct SET balance = DEFAULT WHERE id = 4;
UPDATE acct a SET balance = a.balance - 1 WHERE a.owner = 'bob';
UPDATE acct SET balance = 1 WHERE false;
SELECT * FROM acct ORDER BY id;
-- changing primary keys
UPDATE acct SET id = id + 10 WHERE id > 3;
SELECT * FROM acct ORDER BY id;
UPDATE acct SET id = 2 WHERE id = 14;
UPDATE acct SET id = 10 WHERE id > 3;
SELECT * FROM acct ORDER BY id;
-- errors write nothing
UPDATE acct SET owner = NULL WHERE id = 2;
UPDATE acct SET balance = balance / 0;
UPDATE acct SET nosuch = 1;
UPDATE acct SET balance = 'x';
UPDATE acct SET balance = true;
UPDATE acct SET id = 1, id = 2;
UPDATE nosuch SET a = 1;
UPDATE acct SET balance = 1 WHERE balance;
SELECT * FROM acct ORDER BY id;
DELETE FROM acct WHERE id = 2;
DELETE FROM acct WHERE owner = 'nobody';
SELECT * FROM acct ORDER BY id;
DELETE FROM acct a WHERE a.balance > 1000;
DELETE FROM acct;
SELECT * FROM acct ORDER BY id;
DELETE FROM nosuch;
DELETE FROM acct WHERE nosuch = 1;
-- tables without primary key
CREATE TABLE log (msg text, n int);
INSERT INTO log VALUES ('a', 1), ('b', 2), ('a', 3);
UPDATE log SET n = n * 100 WHERE msg = 'a';
DELETE FROM log WHERE n = 2;
INSERT INTO log VALUES ('c', 4);
SELECT * FROM log ORDER BY msg, n;
