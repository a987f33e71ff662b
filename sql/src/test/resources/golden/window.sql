-- window functions (PostgreSQL 15 semantics)
CREATE TABLE emp (id int PRIMARY KEY, dept text, name text, salary int, bonus double precision);
INSERT INTO emp VALUES (1, 'eng', 'ann', 100, 1.5), (2, 'eng', 'bob', 120, NULL), (3, 'eng', 'cid', 120, 2.0),
    (4, 'ops', 'dan', 90, 0.5), (5, 'ops', 'eve', 95, 1.0), (6, 'hr', 'fay', 70, NULL), (7, 'eng', 'gus', 80, 3.0),
    (8, NULL, 'hal', 60, 1.0);
-- ranking
SELECT id, dept, salary, row_number() OVER (PARTITION BY dept ORDER BY salary DESC, id) AS rn,
    rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS rk,
    dense_rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS drk
FROM emp ORDER BY dept NULLS FIRST, rn;
SELECT id, salary, percent_rank() OVER (ORDER BY salary), cume_dist() OVER (ORDER BY salary) FROM emp ORDER BY salary, id;
SELECT id, ntile(3) OVER (ORDER BY id), ntile(5) OVER (ORDER BY id) AS n5, ntile(20) OVER (ORDER BY id) AS n20 FROM emp ORDER BY id;
SELECT id, row_number() OVER () FROM emp WHERE id < 0;
SELECT row_number() OVER (), count(*) OVER () FROM (SELECT 1) s;
-- lag / lead
SELECT id, lag(id) OVER w, lead(id) OVER w, lag(id, 2) OVER w, lead(id, 2, -1) OVER w, lag(name, 1, 'none') OVER w
FROM emp WINDOW w AS (ORDER BY id) ORDER BY id;
SELECT id, lag(id, -1) OVER (ORDER BY id), lead(id, 0) OVER (ORDER BY id), lag(id, NULL) OVER (ORDER BY id),
    lag(salary, 1, 0.5) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT dept, id, lag(salary) OVER (PARTITION BY dept ORDER BY id) FROM emp ORDER BY dept, id;
-- first / last / nth value with the default frame (peers included) and explicit frames
SELECT id, salary, first_value(id) OVER (ORDER BY salary), last_value(id) OVER (ORDER BY salary, id),
    nth_value(id, 2) OVER (ORDER BY salary, id) FROM emp ORDER BY salary, id;
SELECT id, last_value(name) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING),
    nth_value(name, 3) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
FROM emp ORDER BY id;
-- aggregates as window functions
SELECT id, dept, salary, sum(salary) OVER (PARTITION BY dept) AS dept_total, count(*) OVER () AS n,
    sum(salary) OVER (ORDER BY id) AS running, max(salary) OVER (PARTITION BY dept ORDER BY id) AS running_max,
    avg(bonus) OVER (PARTITION BY dept) AS avg_bonus, count(bonus) OVER (ORDER BY salary) AS cnt_peers
FROM emp ORDER BY id;
SELECT id, salary, sum(salary) OVER (ORDER BY salary) AS range_default,
    sum(salary) OVER (ORDER BY salary, id ROWS UNBOUNDED PRECEDING) AS rows_running FROM emp ORDER BY salary, id;
SELECT id, min(name) OVER (), bool_and(salary > 80) OVER (ORDER BY id), bool_or(salary > 110) OVER (ORDER BY id),
    string_agg(name, ',') OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, count(*) FILTER (WHERE salary >= 100) OVER (ORDER BY id), sum(salary) FILTER (WHERE dept = 'eng') OVER ()
FROM emp ORDER BY id;
-- ROWS frames
SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s3,
    sum(id) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING) AS prev2,
    sum(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) AS next3,
    count(*) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND CURRENT ROW) AS one,
    sum(id) OVER (ORDER BY id ROWS 2 PRECEDING) AS last3
FROM emp ORDER BY id;
-- RANGE frames with offsets
SELECT id, salary, sum(salary) OVER (ORDER BY salary RANGE BETWEEN 10 PRECEDING AND 10 FOLLOWING) AS near,
    count(*) OVER (ORDER BY salary RANGE BETWEEN CURRENT ROW AND 20 FOLLOWING) AS up20,
    count(*) OVER (ORDER BY salary DESC RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS desc5,
    first_value(id) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND 25 PRECEDING) AS far
FROM emp ORDER BY salary, id;
SELECT id, bonus, count(*) OVER (ORDER BY bonus RANGE BETWEEN 0.5 PRECEDING AND 0.5 FOLLOWING) FROM emp ORDER BY bonus, id;
SELECT id, bonus, sum(id) OVER (ORDER BY bonus NULLS FIRST RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM emp ORDER BY bonus NULLS FIRST, id;
SELECT id, bonus, count(*) OVER (ORDER BY bonus NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS a,
    count(*) OVER (ORDER BY bonus RANGE BETWEEN 2 FOLLOWING AND UNBOUNDED FOLLOWING) AS b,
    count(*) OVER (ORDER BY bonus DESC RANGE BETWEEN 2 FOLLOWING AND UNBOUNDED FOLLOWING) AS c,
    count(*) OVER (ORDER BY bonus DESC NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS d,
    count(*) OVER (ORDER BY bonus RANGE BETWEEN 1 PRECEDING AND 0.5 FOLLOWING) AS e
FROM emp ORDER BY bonus, id;
-- GROUPS frames and EXCLUDE
SELECT id, salary, sum(id) OVER (ORDER BY salary GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS g,
    max(name) OVER (ORDER BY salary GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS g2
FROM emp ORDER BY salary, id;
SELECT id, salary,
    sum(id) OVER (ORDER BY salary ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) AS ex_cur,
    sum(id) OVER (ORDER BY salary ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP) AS ex_group,
    sum(id) OVER (ORDER BY salary ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES) AS ex_ties,
    sum(id) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE NO OTHERS) AS ex_none,
    first_value(id) OVER (ORDER BY salary, id ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING EXCLUDE CURRENT ROW) AS fv
FROM emp ORDER BY salary, id;
-- named windows and inheritance
SELECT id, rank() OVER w, sum(salary) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), count(*) OVER p
FROM emp WINDOW p AS (PARTITION BY dept), w AS (p ORDER BY salary) ORDER BY id;
SELECT id, sum(salary) OVER (p ORDER BY id) FROM emp WINDOW p AS (PARTITION BY dept) ORDER BY id;
SELECT id FROM emp WINDOW unused AS (ORDER BY id) ORDER BY id LIMIT 2;
-- windows over grouped queries
SELECT dept, sum(salary) AS total, rank() OVER (ORDER BY sum(salary) DESC), sum(sum(salary)) OVER () AS grand,
    sum(count(*)) OVER (ORDER BY sum(salary) DESC) AS running_count
FROM emp GROUP BY dept ORDER BY total DESC;
SELECT dept, count(*), lag(dept) OVER (ORDER BY dept) FROM emp WHERE dept IS NOT NULL GROUP BY dept HAVING count(*) > 1 ORDER BY dept;
SELECT sum(count(*)) OVER () FROM emp;
-- in expressions, ORDER BY, DISTINCT and subqueries
SELECT id, salary::float8 - avg(salary::float8) OVER (PARTITION BY dept) AS diff FROM emp WHERE dept = 'ops' ORDER BY id;
SELECT id, name FROM emp ORDER BY row_number() OVER (ORDER BY name DESC) LIMIT 3;
SELECT DISTINCT dept, count(*) OVER (PARTITION BY dept) FROM emp ORDER BY 1;
SELECT * FROM (SELECT id, dept, row_number() OVER (PARTITION BY dept ORDER BY salary DESC, id) AS rn FROM emp) t
WHERE rn = 1 ORDER BY id;
SELECT e.id, (SELECT count(*) FROM emp x WHERE x.salary > e.salary) AS higher, rank() OVER (ORDER BY e.salary DESC)
FROM emp e ORDER BY e.id;
SELECT a.id, b.id, row_number() OVER (PARTITION BY a.id ORDER BY b.id) FROM emp a JOIN emp b ON b.id <= a.id
WHERE a.id <= 3 ORDER BY 1, 2;
-- errors
SELECT id FROM emp WHERE rank() OVER () > 1;
SELECT id FROM emp GROUP BY rank() OVER ();
SELECT count(*) FROM emp HAVING rank() OVER () > 1;
SELECT * FROM emp a JOIN emp b ON rank() OVER () > 1;
SELECT sum(rank() OVER ()) FROM emp;
SELECT rank() OVER (ORDER BY rank() OVER ()) FROM emp;
SELECT sum(sum(id) OVER ()) OVER () FROM emp;
SELECT lower(name) OVER () FROM emp;
SELECT rank() FROM emp;
SELECT rank(id) OVER () FROM emp;
SELECT row_number(id) OVER () FROM emp;
SELECT rank() FILTER (WHERE id > 1) OVER () FROM emp;
SELECT count(DISTINCT id) OVER () FROM emp;
SELECT string_agg(name, ',' ORDER BY name) OVER () FROM emp;
SELECT rank() OVER w FROM emp;
SELECT rank() OVER (w) FROM emp WINDOW x AS ();
SELECT rank() OVER w FROM emp WINDOW w AS (), w AS ();
SELECT rank() OVER (w PARTITION BY id) FROM emp WINDOW w AS ();
SELECT rank() OVER (w ORDER BY id) FROM emp WINDOW w AS (ORDER BY salary);
SELECT rank() OVER (w) FROM emp WINDOW w AS (ROWS UNBOUNDED PRECEDING);
SELECT rank() OVER (w ORDER BY id) FROM emp WINDOW w AS (ROWS UNBOUNDED PRECEDING);
SELECT rank() OVER w FROM emp WINDOW w AS (PARTITION BY rank() OVER ());
SELECT sum(id) OVER (ROWS UNBOUNDED FOLLOWING) FROM emp;
SELECT sum(id) OVER (ROWS 1 FOLLOWING) FROM emp;
SELECT sum(id) OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM emp;
SELECT sum(id) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM emp;
SELECT sum(id) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM emp;
SELECT sum(id) OVER (ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM emp;
SELECT sum(id) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM emp;
SELECT sum(id) OVER (ORDER BY id, salary RANGE 1 PRECEDING) FROM emp;
SELECT sum(id) OVER (ORDER BY name RANGE 1 PRECEDING) FROM emp;
SELECT sum(id) OVER (GROUPS 1 PRECEDING) FROM emp;
SELECT sum(id) OVER (ROWS id PRECEDING) FROM emp;
SELECT dept, rank() OVER (ORDER BY salary) FROM emp GROUP BY dept;
SELECT ntile(0) OVER () FROM emp;
SELECT nth_value(id, 0) OVER () FROM emp;
SELECT sum(id) OVER (ROWS -1 PRECEDING) FROM emp;
SELECT sum(id) OVER (ROWS BETWEEN CURRENT ROW AND -1 FOLLOWING) FROM emp;
SELECT sum(id) OVER (ROWS NULL PRECEDING) FROM emp;
SELECT sum(id) OVER (ORDER BY id RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM emp;
SELECT ntile(NULL) OVER () FROM emp WHERE id = 1;
SELECT count(*) OVER () FROM emp FOR UPDATE;
SELECT id, rank() OVER (ORDER BY id) FROM emp WHERE id = 1 FOR SHARE;
-- numeric and other types (sum/avg of integers are numeric)
SELECT id, avg(salary) OVER (PARTITION BY dept) AS avg_dept, sum(salary::bigint) OVER (ORDER BY id) AS running,
    100.0 / count(*) OVER () AS pct FROM emp ORDER BY id;
SELECT dept, count(*) * 100.0 / sum(count(*)) OVER () AS pct FROM emp GROUP BY dept ORDER BY dept;
CREATE TABLE m (k smallint, n numeric(6,2), r real, d date);
INSERT INTO m VALUES (1, 1.50, 0.5, '2024-01-01'), (2, 2.25, 1.5, '2024-01-03'), (4, NULL, 2.5, '2024-01-02'), (5, 10.00, NULL, NULL);
SELECT k, n, sum(n) OVER (ORDER BY k RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING), avg(r) OVER (ORDER BY k),
    max(d) OVER (ORDER BY k ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), lag(d) OVER (ORDER BY d) FROM m ORDER BY k;
SELECT k, count(*) OVER (ORDER BY n RANGE BETWEEN 0.75 PRECEDING AND CURRENT ROW) FROM m ORDER BY k;
SELECT k, sum(k) OVER (ORDER BY k RANGE BETWEEN 1.5 PRECEDING AND CURRENT ROW) FROM m;
SELECT k, sum(k) OVER (ORDER BY d RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM m;
SELECT id FROM emp WINDOW w AS (ORDER BY nosuch);
SELECT id FROM emp WINDOW a AS (b ORDER BY id), b AS (PARTITION BY dept);
SELECT id, count(*) OVER b FROM emp WINDOW a AS (PARTITION BY dept), b AS (a ORDER BY id) ORDER BY id LIMIT 3;
SELECT dept FROM emp GROUP BY dept WINDOW w AS (ORDER BY salary);
