-- one line = one query string; the whole string is parsed before anything runs
CREATE TABLE m (id int PRIMARY KEY); INSERT INTO m VALUES (1), (2); SELECT count(*) FROM m;
-- a syntax error anywhere runs nothing
INSERT INTO m VALUES (3); SELEC 1;
SELECT * FROM m;
-- a run-time error stops the rest and rolls back the whole string (one implicit transaction, as in PostgreSQL)
INSERT INTO m VALUES (4); INSERT INTO m VALUES (1); INSERT INTO m VALUES (5);
SELECT * FROM m;
-- empty statements and comments are skipped
;;; SELECT 1; ; /* block */ SELECT 2; -- trailing
SELECT /* inline /* nested */ comment */ 3 -- and a line comment
;
