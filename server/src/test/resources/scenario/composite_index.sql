-- Composite indexes: the leftmost-prefix rule, and index-only scans after VACUUM.
CREATE TABLE events (id int PRIMARY KEY, account int NOT NULL, kind text NOT NULL, at timestamp NOT NULL, payload text);
INSERT INTO events
SELECT g, g % 500, (ARRAY['click','view','buy','share'])[1 + g % 4], timestamp '2026-01-01' + g * interval '1 minute', repeat('x', 50)
FROM generate_series(1, 50000) g;
CREATE INDEX events_account_kind ON events (account, kind);
ANALYZE events;
-- the leading column is constrained: the index is used
EXPLAIN (COSTS OFF) SELECT * FROM events WHERE account = 42;
-- both columns: the index is used for both
EXPLAIN (COSTS OFF) SELECT * FROM events WHERE account = 42 AND kind = 'buy';
-- only the second column: the leftmost-prefix rule says no
EXPLAIN (COSTS OFF) SELECT * FROM events WHERE kind = 'buy';
-- every column the query reads is in the index: an index-only scan, after VACUUM no heap fetches
VACUUM events;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT account, kind FROM events WHERE account = 42;
SELECT count(*) FROM events WHERE account = 42;
