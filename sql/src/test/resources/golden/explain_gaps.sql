-- EXPLAIN of plans PostgreSQL 15 also chooses: decorrelated subqueries as semi / anti joins,
-- parameterized index scans, IN lists as = ANY, stable functions left unfolded, ANALYZE of writes
CREATE TABLE users (id int PRIMARY KEY, email text, country text);
CREATE TABLE orders (id int PRIMARY KEY, user_id int, status text, amount numeric);
CREATE TABLE banned (user_id int, reason text);
CREATE TABLE profiles (user_id int, bio text);
CREATE INDEX profiles_user ON profiles (user_id);
INSERT INTO users SELECT g, 'u' || g || '@x', CASE WHEN g % 3 = 0 THEN 'DE' ELSE 'FR' END FROM generate_series(1, 1000) g;
INSERT INTO orders SELECT g, g % 1000 + 1, CASE WHEN g % 50 = 0 THEN 'pending' WHEN g % 51 = 0 THEN 'processing' ELSE 'done' END, g FROM generate_series(1, 5000) g;
INSERT INTO banned SELECT g * 7, 'spam' FROM generate_series(1, 100) g;
INSERT INTO profiles SELECT g, 'bio ' || g FROM generate_series(1, 1000) g;
ANALYZE users;
ANALYZE orders;
ANALYZE banned;
ANALYZE profiles;
-- EXISTS / NOT EXISTS / IN (SELECT ...) decorrelated into semi and anti joins
EXPLAIN (COSTS OFF) SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM banned b WHERE b.user_id = u.id);
EXPLAIN (COSTS OFF) SELECT * FROM users u WHERE NOT EXISTS (SELECT 1 FROM banned b WHERE b.user_id = u.id);
EXPLAIN (COSTS OFF) SELECT u.email FROM users u WHERE u.id IN (SELECT b.user_id FROM banned b WHERE b.reason = 'spam') AND u.country = 'DE';
EXPLAIN (COSTS OFF) SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM banned b WHERE b.user_id = u.id AND b.reason <> u.country);
EXPLAIN (COSTS OFF) SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM banned b WHERE b.user_id = o.user_id);
SELECT count(*) FROM users u WHERE NOT EXISTS (SELECT 1 FROM banned b WHERE b.user_id = u.id);
-- index nested loop: the inner index scan's parameter is the outer row's column
EXPLAIN (COSTS OFF) SELECT o.id, p.bio FROM orders o JOIN profiles p ON p.user_id = o.user_id WHERE o.id < 3;
EXPLAIN (COSTS OFF) SELECT u.email, p.bio FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.email = 'u5@x';
-- IN lists of constants print as PostgreSQL's = ANY (array), NOT IN as <> ALL
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE status IN ('pending', 'processing');
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE amount IN (1, 2.5, 3);
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE user_id NOT IN (1, 2, 3);
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE user_id IN (1);
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE user_id IN (1, id);
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE user_id = 5 OR status IN ('a b', 'x,y', '', 'q"', 'NULL');
EXPLAIN (COSTS OFF) SELECT * FROM orders WHERE id IN (1, 2, 3);
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE EXISTS (SELECT 1 FROM banned WHERE banned.user_id = users.id AND reason IN ('spam', 'abuse'));
SELECT count(*) FROM orders WHERE status IN ('pending', 'processing');
-- stable functions (the transaction's clock) are not folded when the plan is made
CREATE TABLE events (id int PRIMARY KEY, created_at timestamptz, day date);
INSERT INTO events SELECT g, now() - (g || ' hours')::interval, current_date - g FROM generate_series(1, 100) g;
EXPLAIN (COSTS OFF) SELECT * FROM events WHERE created_at > now() - interval '24 hours';
EXPLAIN (COSTS OFF) SELECT * FROM events WHERE day = current_date - 1 OR created_at < CURRENT_TIMESTAMP - interval '1 day';
EXPLAIN (COSTS OFF) SELECT id FROM events WHERE created_at <= statement_timestamp() AND day < CURRENT_DATE;
SELECT count(*) FROM events WHERE created_at > now() - interval '24 hours';
SELECT count(*) FROM events WHERE day >= current_date - 10;
-- EXPLAIN ANALYZE of UPDATE / DELETE: the statement runs once, its scan shows the rows it found
CREATE TABLE t (id int PRIMARY KEY, name text, v numeric);
CREATE INDEX t_name ON t (name);
INSERT INTO t SELECT g, 'n' || g, g * 1.5 FROM generate_series(1, 1000) g;
ANALYZE t;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) UPDATE t SET v = v + 1 WHERE v > 1400;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) UPDATE t SET v = 0 WHERE id = 7;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) DELETE FROM t WHERE name = 'n5';
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) DELETE FROM t WHERE id < 4 RETURNING id;
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) DELETE FROM t WHERE v > 1490;
SELECT count(*), sum(v) FROM t;
-- integer literals compared with bigint / smallint columns print as PostgreSQL's cross-type comparison;
-- a partial index's predicate prints as pg_get_indexdef deparses it
CREATE TABLE big (id bigint PRIMARY KEY, s smallint, status text, created_at timestamptz);
CREATE INDEX big_recent ON big (status, created_at DESC) WHERE status IN ('pending', 'processing');
CREATE INDEX big_s ON big (s) WHERE s > 3 AND status IS NOT NULL;
INSERT INTO big SELECT g, g % 10, CASE WHEN g % 7 = 0 THEN 'pending' ELSE 'done' END, now() - (g || ' minutes')::interval FROM generate_series(1, 2000) g;
ANALYZE big;
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'big' ORDER BY indexname;
EXPLAIN (COSTS OFF) SELECT * FROM big WHERE id = 42;
EXPLAIN (COSTS OFF) SELECT * FROM big WHERE id BETWEEN 100 AND 199 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM big WHERE s = 5;
EXPLAIN (COSTS OFF) SELECT * FROM big WHERE id > -3 OR s < id;
-- a primary-key lookup's Index Cond is the key equalities; other conditions are its Filter
CREATE TABLE t2 (a int, b int, c text, PRIMARY KEY (a, b));
INSERT INTO t2 SELECT g % 10, g, 'x' FROM generate_series(1, 500) g;
ANALYZE t2;
EXPLAIN (COSTS OFF) SELECT * FROM big WHERE id = 7 AND status = 'x';
EXPLAIN (COSTS OFF) SELECT * FROM t2 WHERE a = 1 AND b = 11 AND c = 'x';
EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY OFF) UPDATE t2 SET c = 'y' WHERE a = 1 AND b = 11 AND c = 'x';
