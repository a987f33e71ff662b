-- INSERT: column lists, defaults, literal coercion, assignment casts
CREATE TABLE t (id int PRIMARY KEY, b text, c bigint, d double precision, e boolean);
INSERT INTO t VALUES (1, 'x', 10, 1.5, true);
INSERT INTO t (id) VALUES (2);
INSERT INTO t (e, id) VALUES ('yes', 3), ('off', 4), (NULL, 5);
INSERT INTO t VALUES (6, 'y', 20), (7, 'z');
INSERT INTO t (id, b, c, d) VALUES ('8', 42, '9000000000', '1e3');
INSERT INTO t (id, c, d) VALUES (9, 2.4, 7);
INSERT INTO t (id, c) VALUES (10, 3.5);
INSERT INTO t (id, b) VALUES (11, true);
INSERT INTO t (id, b) VALUES (12, DEFAULT);
SELECT * FROM t;
-- errors
INSERT INTO t (id) VALUES ('abc');
INSERT INTO t (id, e) VALUES (20, 'maybe');
INSERT INTO t (id, e) VALUES (20, 1);
INSERT INTO t (id, c) VALUES (20, true);
INSERT INTO t (id) VALUES (2147483648);
INSERT INTO t (id) VALUES ('2147483648');
INSERT INTO t (id, c) VALUES (20, '9223372036854775808');
INSERT INTO t VALUES (20, 'a', 1, 1, true, 99);
INSERT INTO t (id, b, c) VALUES (20, 'x');
INSERT INTO t (id, zz) VALUES (20, 1);
INSERT INTO t (id, id) VALUES (20, 20);
INSERT INTO t VALUES (20, 'a'), (21);
INSERT INTO nosuch VALUES (1);
INSERT INTO t (id) VALUES (NULL);
INSERT INTO t (b) VALUES ('no id');
-- statement atomicity: the duplicate in the third row writes nothing
INSERT INTO t (id) VALUES (30), (31), (1);
INSERT INTO t (id) VALUES (32), (32);
SELECT id FROM t WHERE id >= 30;
-- varchar length
CREATE TABLE v (s varchar(3));
INSERT INTO v VALUES ('abc'), ('ab  '), ('a');
INSERT INTO v VALUES ('abcd');
SELECT s, length(s) FROM v;
SELECT 'abcdef'::varchar(2);
