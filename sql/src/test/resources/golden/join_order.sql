-- Join order and join methods (io.shaledb.sql.exec.join): the benchmark's shop on a small scale,
-- after ANALYZE. The join orders and methods are PostgreSQL 15's; its plans differ where ShaleDB
-- lacks a node: a Bitmap Heap Scan of orders by user_id (here an Index Scan), index-only scans
-- feeding a merge join (here explicit Sorts: these tables have no indexes), Memoize.
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name text NOT NULL, country text NOT NULL);
CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL, category text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer NOT NULL, status text NOT NULL, amount numeric(10,2) NOT NULL,
    created_at timestamptz NOT NULL);
CREATE TABLE order_items (id bigint PRIMARY KEY, order_id bigint NOT NULL, product_id integer NOT NULL, qty integer NOT NULL);
INSERT INTO users SELECT g, 'user' || g || '@example.com', 'name ' || g, 'c' || (g % 7) FROM generate_series(1, 1000) g;
INSERT INTO products SELECT g, 'product ' || g, 'cat' || (g % 10) FROM generate_series(1, 100) g;
INSERT INTO orders SELECT g, 1 + (g * 37) % 1000, CASE WHEN g % 10 = 0 THEN 'pending' ELSE 'delivered' END, (g % 500) / 4.0,
    timestamptz '2024-01-01 00:00:00+00' + (g % 90) * interval '1 day' + (g % 86400) * interval '1 second'
    FROM generate_series(1, 3000) g;
INSERT INTO order_items SELECT g, 1 + (g * 7) % 3000, 1 + (g * 13) % 100, 1 + g % 4 FROM generate_series(1, 7500) g;
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE INDEX order_items_order_id_idx ON order_items (order_id);
ANALYZE;
-- one user's orders and their items: index nested loops all the way down
EXPLAIN (COSTS OFF) SELECT o.id, o.created_at, oi.product_id, oi.qty FROM users u JOIN orders o ON o.user_id = u.id
    JOIN order_items oi ON oi.order_id = o.id WHERE u.email = 'user42@example.com' ORDER BY o.id, oi.product_id;
SELECT o.id, oi.product_id, oi.qty FROM users u JOIN orders o ON o.user_id = u.id
    JOIN order_items oi ON oi.order_id = o.id WHERE u.email = 'user42@example.com' ORDER BY o.id, oi.product_id;
-- the same tables listed the other way round: the order comes from the costs, not the FROM clause
EXPLAIN (COSTS OFF) SELECT o.id, oi.product_id FROM order_items oi, orders o, users u
    WHERE oi.order_id = o.id AND o.user_id = u.id AND u.email = 'user42@example.com';
-- one day of orders with their items and products, per category
EXPLAIN (COSTS OFF) SELECT p.category, count(*) AS items, sum(oi.qty) AS qty FROM orders o
    JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id
    WHERE o.created_at >= '2024-02-01 00:00:00+00' AND o.created_at < timestamptz '2024-02-01 00:00:00+00' + interval '1 day'
    GROUP BY p.category ORDER BY p.category;
SELECT p.category, count(*) AS items, sum(oi.qty) AS qty FROM orders o
    JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id
    WHERE o.created_at >= '2024-02-01 00:00:00+00' AND o.created_at < timestamptz '2024-02-01 00:00:00+00' + interval '1 day'
    GROUP BY p.category ORDER BY p.category;
-- all orders per country: a hash join building on the smaller side (users)
EXPLAIN (COSTS OFF) SELECT u.country, count(*) AS orders, sum(o.amount) AS total FROM users u JOIN orders o ON o.user_id = u.id
    GROUP BY u.country ORDER BY u.country;
EXPLAIN (COSTS OFF) SELECT u.country, count(*) AS orders, sum(o.amount) AS total FROM orders o JOIN users u ON o.user_id = u.id
    GROUP BY u.country ORDER BY u.country;
SELECT u.country, count(*) AS orders, sum(o.amount) AS total FROM users u JOIN orders o ON o.user_id = u.id
    GROUP BY u.country ORDER BY u.country;
-- each method on its own (enable_* settings), on tables without indexes
CREATE TABLE l (a int, b int);
CREATE TABLE r (a int, c int);
INSERT INTO l SELECT g % 50, g FROM generate_series(1, 500) g;
INSERT INTO l VALUES (NULL, 0);
INSERT INTO r SELECT g % 70, g FROM generate_series(1, 700) g;
INSERT INTO r VALUES (NULL, 0);
ANALYZE l;
ANALYZE r;
EXPLAIN (COSTS OFF) SELECT count(*), sum(l.b + r.c) FROM l JOIN r ON l.a = r.a;
SELECT count(*), sum(l.b + r.c) FROM l JOIN r ON l.a = r.a;
SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT count(*), sum(l.b + r.c) FROM l JOIN r ON l.a = r.a;
SELECT count(*), sum(l.b + r.c) FROM l JOIN r ON l.a = r.a;
EXPLAIN (COSTS OFF) SELECT count(*) FROM l JOIN r ON l.a = r.a AND l.b < r.c;
SELECT count(*) FROM l JOIN r ON l.a = r.a AND l.b < r.c;
SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT count(*), sum(l.b + r.c) FROM l JOIN r ON l.a = r.a;
SELECT count(*), sum(l.b + r.c) FROM l JOIN r ON l.a = r.a;
RESET enable_hashjoin;
RESET enable_mergejoin;
SET join_collapse_limit = 1;
EXPLAIN (COSTS OFF) SELECT o.id, oi.product_id FROM order_items oi JOIN orders o ON oi.order_id = o.id
    JOIN users u ON o.user_id = u.id WHERE u.email = 'user42@example.com';
RESET join_collapse_limit;
SHOW enable_nestloop;
SHOW join_collapse_limit;
