-- every row version carries xmin (its creating transaction) and xmax (0 while live and unlocked)
CREATE TABLE v (id int PRIMARY KEY, n int);
INSERT INTO v VALUES (1, 10), (2, 20);
SELECT xmin, xmax, * FROM v;
-- an update makes a new version stamped by the updating transaction
UPDATE v SET n = n + 1 WHERE id = 1;
SELECT xmin, xmax, id, n FROM v ORDER BY id;
-- system columns are not part of *, and can be qualified and filtered on
SELECT v.xmin::text::bigint > 0 AS has_xmin, count(*) FROM v GROUP BY 1;
SELECT id FROM v WHERE xmax = 0 ORDER BY id;
-- txid_current() assigns the transaction an id; the _if_assigned form is NULL before that
SELECT txid_current_if_assigned() IS NULL AS none_yet;
SELECT txid_current() = txid_current() AS same_within_statement;
-- one query string is one transaction: both rows or neither (one line is one query string here; psql -f would split it)
INSERT INTO v VALUES (3, 30); INSERT INTO v VALUES (1, 99);
SELECT id, n FROM v ORDER BY id;
INSERT INTO v VALUES (3, 30); UPDATE v SET n = 0 WHERE id = 3;
SELECT id, n FROM v ORDER BY id;
-- a point lookup by primary key and a scan see the same versions
SELECT n FROM v WHERE id = 1;
SELECT n FROM v WHERE id + 0 = 1;
DELETE FROM v WHERE id = 2;
SELECT id FROM v WHERE id = 2;
SELECT count(*) FROM v;
