-- PL/pgSQL functions and triggers: typical uses, firing order, errors with their CONTEXT lines.
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2), updated_at timestamptz);
-- an updated_at trigger
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER items_touch BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
BEGIN;
INSERT INTO items VALUES (1, 'apple', 1.50), (2, 'pear', 2.25);
SELECT id, name, price, updated_at = now() AS touched FROM items ORDER BY id;
COMMIT;
UPDATE items SET price = price + 1 WHERE id = 2;
SELECT id, price, updated_at > '2000-01-01' AS touched FROM items ORDER BY id;
-- a validation trigger
CREATE OR REPLACE FUNCTION check_price() RETURNS trigger AS $body$
DECLARE
  max_price numeric := 100;
BEGIN
  IF NEW.price IS NULL THEN
    RAISE EXCEPTION 'price of % must not be null', NEW.name USING HINT = 'Give every item a price.';
  ELSIF NEW.price > max_price THEN
    RAISE EXCEPTION 'price % is above %', NEW.price, max_price USING ERRCODE = 'check_violation', DETAIL = 'item ' || NEW.id;
  ELSIF NEW.price < 0 THEN
    RAISE EXCEPTION USING MESSAGE = 'negative price', ERRCODE = '22003';
  END IF;
  RETURN NEW;
END;
$body$ LANGUAGE plpgsql;
CREATE TRIGGER items_check BEFORE INSERT OR UPDATE OF price ON items FOR EACH ROW EXECUTE PROCEDURE check_price();
INSERT INTO items (id, name) VALUES (3, 'plum');
INSERT INTO items VALUES (3, 'plum', 1000);
INSERT INTO items VALUES (3, 'plum', -1);
UPDATE items SET price = 500;
SELECT id, name, price FROM items ORDER BY id;
-- an audit trigger
CREATE TABLE audit (seq serial, op text, tbl text, old_row jsonb, new_row jsonb, note text);
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO audit (op, tbl, old_row, note) VALUES (TG_OP, TG_TABLE_NAME, to_jsonb(OLD), TG_WHEN || ' ' || TG_LEVEL);
    RETURN OLD;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO audit (op, tbl, old_row, new_row, note) VALUES (TG_OP, TG_TABLE_NAME, to_jsonb(OLD), to_jsonb(NEW), TG_NAME);
  ELSE
    INSERT INTO audit (op, tbl, new_row, note) VALUES (TG_OP, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, to_jsonb(NEW), TG_ARGV[0]);
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER items_audit AFTER INSERT OR UPDATE OR DELETE ON items FOR EACH ROW EXECUTE FUNCTION audit_row('first arg', 2);
INSERT INTO items VALUES (3, 'plum', 3);
UPDATE items SET name = 'Plum' WHERE id = 3;
DELETE FROM items WHERE id = 1;
SELECT seq, op, tbl, old_row ->> 'name' AS old_name, new_row ->> 'name' AS new_name, new_row ->> 'price' AS new_price, note
FROM audit ORDER BY seq;
-- BEFORE triggers that skip rows; statement triggers; firing order by name
CREATE TABLE log (n serial, msg text);
CREATE TABLE t (id int PRIMARY KEY, v int);
CREATE FUNCTION note() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  msg text;
BEGIN
  msg := TG_NAME || ' ' || TG_WHEN || ' ' || TG_LEVEL || ' ' || TG_OP;
  IF TG_LEVEL = 'ROW' THEN
    IF TG_OP = 'DELETE' THEN
      msg := msg || ' old=' || OLD.id;
    ELSE
      msg := msg || ' new=' || NEW.id;
    END IF;
  END IF;
  INSERT INTO log (msg) VALUES (msg);
  IF TG_OP <> 'DELETE' AND TG_LEVEL = 'ROW' AND NEW.v < 0 THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER b2 BEFORE INSERT OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION note();
CREATE TRIGGER b1 BEFORE INSERT OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION note();
CREATE TRIGGER a1 AFTER INSERT OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION note();
CREATE TRIGGER s1 BEFORE INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION note();
CREATE TRIGGER s2 AFTER INSERT ON t EXECUTE FUNCTION note();
CREATE TRIGGER w1 AFTER INSERT ON t FOR EACH ROW WHEN (NEW.v > 10) EXECUTE FUNCTION note();
INSERT INTO t VALUES (1, 5), (2, -1), (3, 20) RETURNING *;
SELECT * FROM t ORDER BY id;
SELECT n, msg FROM log ORDER BY n;
DELETE FROM log;
ALTER TABLE t DISABLE TRIGGER b1;
DELETE FROM t WHERE id = 1;
SELECT msg FROM log ORDER BY n;
ALTER TABLE t ENABLE TRIGGER ALL;
DROP TRIGGER w1 ON t;
DROP TRIGGER w1 ON t;
DROP TRIGGER IF EXISTS w1 ON t;
-- functions called from SQL
CREATE FUNCTION add_one(a int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN a + 1; END $$;
CREATE FUNCTION greet(who text, punct text DEFAULT '!') RETURNS text AS $$ SELECT 'hello ' || who || punct $$ LANGUAGE sql;
SELECT add_one(41), greet('world'), greet('you', '?'), add_one(add_one(1)::smallint);
SELECT id, add_one(id) AS next, greet(name) FROM items ORDER BY id;
CREATE FUNCTION price_of(item int) RETURNS numeric LANGUAGE plpgsql STABLE AS $$
DECLARE
  p numeric;
BEGIN
  SELECT price INTO p FROM items WHERE id = item;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no item %', item USING ERRCODE = 'no_data_found';
  END IF;
  RETURN p * 2;
END;
$$;
SELECT price_of(2), price_of(3);
SELECT price_of(99);
SELECT add_one('x');
SELECT nosuch_fn(1);
-- loops, SELECT INTO, FOUND, PERFORM
CREATE TABLE counters (name text PRIMARY KEY, n int);
CREATE FUNCTION count_up() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total int := 0;
  current_n int;
  i int;
BEGIN
  FOR i IN 1..NEW.v LOOP
    total := total + i;
  END LOOP;
  WHILE total > 100 LOOP
    total := total - 100;
  END LOOP;
  SELECT n INTO current_n FROM counters WHERE name = 'total';
  IF NOT FOUND THEN
    INSERT INTO counters VALUES ('total', total);
  ELSE
    UPDATE counters SET n = current_n + total WHERE name = 'total';
  END IF;
  PERFORM 1 FROM counters WHERE name = 'missing';
  IF NOT FOUND THEN
    NEW.v := total;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TABLE nums (id int PRIMARY KEY, v int);
CREATE TRIGGER nums_count BEFORE INSERT ON nums FOR EACH ROW EXECUTE FUNCTION count_up();
INSERT INTO nums VALUES (1, 4), (2, 20);
SELECT * FROM nums ORDER BY id;
SELECT * FROM counters;
-- errors inside functions carry CONTEXT lines
CREATE FUNCTION bad_sql() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO counters VALUES ('total', 1);
  RETURN NEW;
END;
$$;
CREATE TRIGGER nums_bad AFTER UPDATE ON nums FOR EACH ROW EXECUTE FUNCTION bad_sql();
UPDATE nums SET v = 1 WHERE id = 1;
CREATE FUNCTION bad_assign() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  x int;
BEGIN
  x := 1 / 0;
  RETURN NEW;
END;
$$;
CREATE TRIGGER nums_bad2 BEFORE DELETE ON nums FOR EACH ROW EXECUTE FUNCTION bad_assign();
DELETE FROM nums;
CREATE FUNCTION no_return() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NULL;
END;
$$;
CREATE TRIGGER nums_bad3 BEFORE INSERT ON nums FOR EACH ROW EXECUTE FUNCTION no_return();
INSERT INTO nums VALUES (9, 9);
SELECT * FROM nums ORDER BY id;
-- syntax errors are reported by CREATE FUNCTION
CREATE FUNCTION broken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  foo bar;
END $$;
CREATE FUNCTION broken() RETURNS trigger AS $$
BEGIN
  x := 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION broken() RETURNS trigger AS $$
BEGIN
  IF true THEN
    RETURN NEW;
  END;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION broken() RETURNS trigger AS $$
BEGIN
  RAISE NOTICE 'a % b %', 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION broken() RETURNS trigger AS $$
BEGIN
  RETURN NEW;
END;
$$ LANGUAGE plperl;
CREATE FUNCTION broken(a int) RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;
-- DDL rules
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER x BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION nosuch();
CREATE TRIGGER x BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION add_one();
CREATE TRIGGER x BEFORE UPDATE ON nosuch FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER x BEFORE UPDATE OF nosuch ON items FOR EACH ROW EXECUTE FUNCTION touch();
DROP FUNCTION touch();
DROP FUNCTION nosuch();
DROP FUNCTION IF EXISTS nosuch(int);
DROP FUNCTION nosuch;
DROP FUNCTION add_one(int);
DROP FUNCTION touch CASCADE;
UPDATE items SET price = 7 WHERE id = 2;
SELECT id, price, updated_at IS NOT NULL AS has_ts FROM items ORDER BY id;
-- CREATE FUNCTION and CREATE TRIGGER roll back with their transaction
BEGIN;
CREATE FUNCTION temp_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.v := 42; RETURN NEW; END $$;
CREATE TRIGGER temp_tr BEFORE INSERT ON nums FOR EACH ROW EXECUTE FUNCTION temp_fn();
ROLLBACK;
DROP TRIGGER nums_bad3 ON nums;
INSERT INTO nums VALUES (10, 1);
SELECT * FROM nums WHERE id = 10;
DROP FUNCTION temp_fn();
-- a table's triggers go with it
DROP TABLE t;
DROP FUNCTION note();
-- functions live in schemas
CREATE SCHEMA app;
CREATE FUNCTION app.twice(x int) RETURNS int LANGUAGE sql AS $$ SELECT x * 2 $$;
SELECT app.twice(21);
SELECT twice(21);
DROP SCHEMA app;
DROP SCHEMA app CASCADE;
SELECT app.twice(21);
