-- Differences the differential test (server/src/test/java/io/shaledb/server/diff) found between
-- ShaleDB and PostgreSQL 15, one case per class, each now answered as PostgreSQL answers it.
SET TimeZone = 'Europe/Berlin';
CREATE TABLE dt (k integer PRIMARY KEY, c char(3), ts timestamp, u uuid, b boolean, i integer);
INSERT INTO dt VALUES (1, 'b c', '2024-10-27 02:30:00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', true, 0),
  (2, 'a', '2024-03-31 02:30:00', NULL, NULL, 5), (3, 'ab', NULL, NULL, false, NULL);
-- LIKE and ILIKE on char(n) match the padded value; a regular expression sees it without padding
SELECT k, c LIKE '_ _', c LIKE 'a', c LIKE 'a__', c ILIKE 'AB_', c NOT LIKE 'a', c ~ 'a$' FROM dt ORDER BY k;
-- a local time the clocks pass twice takes the offset in force after the change
SELECT ts::timestamptz FROM dt ORDER BY k;
SELECT '2024-10-27 02:30:00'::timestamptz, timestamptz '2024-10-26 02:30:00+02' + interval '1 day';
-- PostgreSQL 15 has no min or max of uuid or boolean
SELECT max(u) FROM dt;
SELECT min(b) FROM dt;
-- IS [NOT] TRUE | FALSE | UNKNOWN
SELECT k, b IS TRUE, b IS NOT TRUE, b IS FALSE, b IS NOT FALSE, b IS UNKNOWN, b IS NOT UNKNOWN FROM dt ORDER BY k;
SELECT NOT b IS TRUE, b IS TRUE IS FALSE FROM dt ORDER BY k;
SELECT i IS TRUE FROM dt;
-- IS binds looser than a comparison: one may follow IS NULL and compares its result
SELECT k, b AND b IS NOT NULL <> true, i IS NULL = false FROM dt ORDER BY k;
-- an ORDER BY subquery is the select item it repeats (DISTINCT, DISTINCT ON)
SELECT DISTINCT (SELECT count(*) FROM dt d WHERE d.k < dt.k) FROM dt ORDER BY (SELECT count(*) FROM dt d WHERE d.k < dt.k);
SELECT DISTINCT ON ((SELECT count(*) FROM dt d WHERE d.k > dt.k)) k FROM dt
  ORDER BY (SELECT count(*) FROM dt d WHERE d.k > dt.k), k DESC;
-- LIMIT 0 evaluates nothing, not even a failing sort key
SELECT i / 0 FROM dt ORDER BY i / 0 LIMIT 0;
-- an untyped literal compared with an interval is read as an interval, whether or not a row needs it
SELECT count(*) FROM dt WHERE false AND ts - timestamp '2024-01-01 00:00' <= '1 day';
-- a regular expression on char(n) sees the padding too
SELECT c ~ 'a  $', c ~ '^b c$' FROM dt ORDER BY k;
-- a float product with a zero operand is zero, not an underflow; a product of two tiny numbers underflows
SELECT 2 * 0.0::float8, 0.0::float8 * 2, 3 * 0::real, 0::float8 / 5;
SELECT 1e-300::float8 * 1e-300::float8;
