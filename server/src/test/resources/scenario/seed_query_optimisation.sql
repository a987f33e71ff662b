-- The seed's query-optimisation chapter, run through psql against ShaleDB.
-- Timings, costs and estimated row counts are masked in the transcript (they vary from run to run);
-- SeedScenarioTest checks separately that the execution time drops once the index exists.
CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, name text NOT NULL, country text, created_at timestamptz NOT NULL);
CREATE TABLE orders (id int PRIMARY KEY, user_id int NOT NULL, status text NOT NULL, total numeric(10,2) NOT NULL, created_at timestamptz NOT NULL);
INSERT INTO users
SELECT g, 'user' || g || '@example.com', 'User ' || g, (ARRAY['DE','FR','US','JP','BR'])[1 + g % 5], now() - (g % 730) * interval '1 day'
FROM generate_series(1, 20000) g;
-- 200,000 orders over 90 days; status skewed: 2% pending, 3% processing, 15% shipped, 75% delivered, 5% cancelled
INSERT INTO orders
SELECT g, 1 + (g * 7919) % 20000,
       CASE WHEN g % 100 < 2 THEN 'pending' WHEN g % 100 < 5 THEN 'processing' WHEN g % 100 < 20 THEN 'shipped'
            WHEN g % 100 < 95 THEN 'delivered' ELSE 'cancelled' END,
       (g % 1000) + 0.99,
       now() - ((g * 37) % 2160) * interval '1 hour' - interval '30 minutes'
FROM generate_series(1, 200000) g;
ANALYZE users;
ANALYZE orders;
SELECT status, count(*) FROM orders GROUP BY status ORDER BY count(*) DESC;
-- the slow query: no index helps, so the whole orders table is read
EXPLAIN ANALYZE
SELECT o.id, o.status, o.created_at, u.email
FROM orders o JOIN users u ON u.id = o.user_id
WHERE o.status = 'pending' AND o.created_at > now() - interval '24 hours'
ORDER BY o.created_at DESC;
-- the fix: a partial composite index, built without blocking writers
CREATE INDEX CONCURRENTLY idx_orders_status_date ON orders (status, created_at DESC)
WHERE status IN ('pending', 'processing');
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'orders' ORDER BY 1;
SELECT count(*) AS invalid_indexes FROM pg_index WHERE NOT indisvalid;
-- the same query now reads only the matching index entries
EXPLAIN ANALYZE
SELECT o.id, o.status, o.created_at, u.email
FROM orders o JOIN users u ON u.id = o.user_id
WHERE o.status = 'pending' AND o.created_at > now() - interval '24 hours'
ORDER BY o.created_at DESC;
SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id
WHERE o.status = 'pending' AND o.created_at > now() - interval '24 hours';
