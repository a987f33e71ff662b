-- aggregate extensions: DISTINCT, FILTER, ORDER BY inside the call, bool_and/bool_or/every, string_agg, stddev/variance
CREATE TABLE items (id int PRIMARY KEY, grp text, name text, qty int, ok boolean, w double precision);
SELECT bool_and(ok), bool_or(ok), every(ok), string_agg(name, ','), count(DISTINCT qty) FROM items;
INSERT INTO items VALUES (1, 'a', 'pear', 3, true, 1.5), (2, 'a', 'fig', 1, true, 2.5), (3, 'b', 'kiwi', 3, false, NULL),
    (4, 'b', NULL, 2, NULL, 4.0), (5, 'a', 'apple', 1, true, 0.5), (6, 'c', 'date', NULL, false, 1.0), (7, 'b', 'lime', 2, true, 3.0);
-- FILTER
SELECT count(*) FILTER (WHERE qty > 1) AS big, count(*) FILTER (WHERE ok) AS oks, sum(qty) FILTER (WHERE grp = 'a') AS a_qty,
    max(name) FILTER (WHERE qty IS NULL) AS no_qty, count(*) FILTER (WHERE false) AS none FROM items;
SELECT grp, count(*), count(*) FILTER (WHERE ok), sum(qty) FILTER (WHERE id % 2 = 1) FROM items GROUP BY grp ORDER BY grp;
SELECT grp FROM items GROUP BY grp HAVING count(*) FILTER (WHERE ok) >= 2 ORDER BY grp;
-- DISTINCT
SELECT count(DISTINCT qty), sum(DISTINCT qty), count(DISTINCT grp), string_agg(DISTINCT grp, '|' ORDER BY grp) FROM items;
SELECT grp, count(DISTINCT qty) FILTER (WHERE ok) FROM items GROUP BY grp ORDER BY grp;
SELECT count(DISTINCT w), avg(DISTINCT w), min(DISTINCT name) FROM items;
-- ORDER BY inside the call
SELECT string_agg(name, ', ' ORDER BY name) AS asc_names, string_agg(name, ', ' ORDER BY name DESC) AS desc_names,
    string_agg(name, '' ORDER BY qty NULLS FIRST, id DESC) AS by_qty FROM items;
SELECT grp, string_agg(name, '-' ORDER BY id) FILTER (WHERE name <> 'kiwi') FROM items GROUP BY grp ORDER BY grp;
SELECT string_agg(name, NULL ORDER BY id), string_agg(NULL, ','), string_agg('x', ',') FROM items;
SELECT string_agg(name || ':' || qty, ';' ORDER BY qty DESC NULLS LAST, name) FROM items WHERE qty IS NOT NULL;
-- bool_and / bool_or / every
SELECT grp, bool_and(ok), bool_or(ok), every(qty > 1), bool_and(ok) FILTER (WHERE id < 3) FROM items GROUP BY grp ORDER BY grp;
SELECT bool_or(qty > 100), bool_and(true), every('t') FROM items;
-- stddev / variance over double precision
SELECT stddev(w), stddev_samp(w), stddev_pop(w), variance(w), var_samp(w), var_pop(w) FROM items;
SELECT stddev(w), var_pop(w) FROM items WHERE id = 1;
-- in expressions, ORDER BY and subqueries
SELECT grp, count(*) FILTER (WHERE ok) * 10 + count(*) AS score FROM items GROUP BY grp ORDER BY count(*) FILTER (WHERE ok) DESC, grp;
SELECT (SELECT string_agg(name, ',' ORDER BY name) FROM items i WHERE i.grp = g.grp) AS names, g.grp
FROM (SELECT DISTINCT grp FROM items) g ORDER BY g.grp;
-- errors
SELECT count(*) FILTER (WHERE count(*) > 1) FROM items;
SELECT count(*) FILTER (WHERE qty) FROM items;
SELECT string_agg(DISTINCT name, ',' ORDER BY id) FROM items;
SELECT lower(name) FILTER (WHERE ok) FROM items;
SELECT lower(name ORDER BY name) FROM items;
SELECT bool_and(qty) FROM items;
SELECT string_agg(qty, ',') FROM items;
SELECT string_agg(name) FROM items;
SELECT sum(qty) FILTER (WHERE ok) FROM items WHERE count(*) FILTER (WHERE ok) > 0;
