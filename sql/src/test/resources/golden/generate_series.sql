-- generate_series over integers and over timestamps with an interval step (timestamptz steps in the session's zone).
SET TimeZone = 'Europe/Berlin';
SELECT * FROM generate_series('2024-01-01'::timestamp, '2024-01-03', '12 hours');
SELECT g FROM generate_series(timestamptz '2024-03-30 12:00', timestamptz '2024-04-01 12:00', interval '1 day') AS g;
SELECT count(*) FROM generate_series(date '2024-01-01', date '2024-12-31', interval '1 month');
SELECT * FROM generate_series('2024-01-03'::timestamp, '2024-01-01', '-1 day');
SELECT * FROM generate_series('2024-01-01'::timestamp, '2024-01-03', '0 days');
SELECT * FROM generate_series(now() - interval '2 hours', now(), interval '1 hour') LIMIT 0;
SELECT * FROM generate_series(1, 10, 3);
SELECT * FROM generate_series(5, 1, -2) AS g(n);
SELECT * FROM generate_series(1, 3, 0);
