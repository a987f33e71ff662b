-- Subqueries: scalar, IN, EXISTS, ANY/ALL, correlated at any depth
CREATE TABLE emp (id int PRIMARY KEY, dept int, salary int, name text);
CREATE TABLE dept (id int PRIMARY KEY, title text);
INSERT INTO emp VALUES (1, 1, 100, 'ann'), (2, 1, 200, 'bob'), (3, 2, 150, 'cid'), (4, NULL, 50, 'dee'), (5, 3, NULL, 'eve');
INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (4, 'empty');
SELECT (SELECT 1), ((SELECT 2) + 1) AS three, (((SELECT 4)));
SELECT (SELECT max(salary) FROM emp) AS top;
SELECT name FROM emp WHERE salary = (SELECT max(salary) FROM emp);
SELECT name, (SELECT title FROM dept WHERE dept.id = emp.dept) FROM emp ORDER BY id;
SELECT name FROM emp WHERE dept IN (SELECT id FROM dept) ORDER BY 1;
SELECT name FROM emp WHERE dept NOT IN (SELECT id FROM dept) ORDER BY 1;
SELECT id FROM dept WHERE id NOT IN (SELECT dept FROM emp) ORDER BY 1;
SELECT id FROM dept WHERE id NOT IN (SELECT dept FROM emp WHERE dept IS NOT NULL) ORDER BY 1;
SELECT 1 IN (SELECT NULL::int), 1 NOT IN (SELECT NULL::int), 1 IN (SELECT 1 WHERE false);
SELECT title FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.id) ORDER BY 1;
SELECT title FROM dept d WHERE NOT EXISTS (SELECT * FROM emp e WHERE e.dept = d.id) ORDER BY 1;
SELECT name FROM emp WHERE salary > ALL (SELECT salary FROM emp WHERE dept = 1) ORDER BY 1;
SELECT name FROM emp WHERE salary > ANY (SELECT salary FROM emp WHERE dept = 1) ORDER BY 1;
SELECT name FROM emp WHERE salary = SOME (SELECT salary FROM emp WHERE dept = 2) ORDER BY 1;
SELECT 5 > ALL (SELECT NULL::int), 5 > ALL (SELECT 1 WHERE false), 5 < ANY (SELECT 1 UNION SELECT NULL);
-- correlated: greater than the department average, two levels deep
SELECT name FROM emp e WHERE salary > (SELECT avg(salary) FROM emp f WHERE f.dept = e.dept) ORDER BY 1;
SELECT d.title FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.id
    AND EXISTS (SELECT 1 FROM emp f WHERE f.dept = d.id AND f.salary > e.salary)) ORDER BY 1;
SELECT name, (SELECT count(*) FROM emp f WHERE f.salary < e.salary) AS rank FROM emp e ORDER BY rank, name;
SELECT dept, (SELECT title FROM dept WHERE id = emp.dept) FROM emp GROUP BY dept ORDER BY dept;
SELECT dept, count(*) FROM emp GROUP BY dept HAVING count(*) > (SELECT count(*) FROM dept WHERE id > 3) ORDER BY 1;
SELECT name FROM emp ORDER BY (SELECT title FROM dept WHERE dept.id = emp.dept) NULLS FIRST, name;
SELECT * FROM (SELECT dept, max(salary) AS m FROM emp GROUP BY dept) s WHERE m > 100 ORDER BY dept;
SELECT EXISTS (SELECT 1 FROM emp WHERE salary > 1000);
DELETE FROM emp WHERE dept NOT IN (SELECT id FROM dept);
SELECT id FROM emp ORDER BY id;
UPDATE emp SET salary = salary + 1 WHERE id IN (SELECT id FROM emp WHERE dept = 1);
SELECT id, salary FROM emp ORDER BY id;
INSERT INTO dept VALUES ((SELECT max(id) + 10 FROM dept), 'new');
SELECT * FROM dept ORDER BY id;
WITH RECURSIVE chain(id, n) AS (SELECT 1, 1 UNION ALL SELECT c.id, c.n + 1 FROM chain c WHERE c.n < (SELECT count(*) FROM dept))
SELECT max(n) FROM chain;
BEGIN;
SELECT id FROM emp WHERE dept IN (SELECT id FROM dept WHERE title = 'eng') ORDER BY id FOR UPDATE;
COMMIT;
-- errors
SELECT (SELECT id FROM emp);
SELECT (SELECT id, name FROM emp WHERE id = 1);
SELECT 1 IN (SELECT id, name FROM emp);
SELECT name FROM emp WHERE name IN (SELECT id FROM emp);
SELECT (SELECT nosuch FROM dept);
SELECT (SELECT e.zz FROM dept) FROM emp e;
SELECT dept, (SELECT name FROM dept WHERE id = emp.dept) FROM emp GROUP BY dept;
