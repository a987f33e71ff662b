-- PL/pgSQL language details: scopes, loops, SELECT INTO, FOUND, RAISE formats, errors and their CONTEXT lines.
CREATE TABLE t (id int PRIMARY KEY, v int);
INSERT INTO t VALUES (1, 10), (2, 20), (3, 30);
CREATE FUNCTION fact(n int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  r bigint := 1;
BEGIN
  FOR i IN 2..n LOOP
    r := r * i;
  END LOOP;
  RETURN r;
END;
$$;
SELECT fact(1), fact(5), fact(20);
CREATE FUNCTION shadow(x int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  y int := x * 2;
BEGIN
  DECLARE
    x int := 100;
  BEGIN
    y := y + x;
  END;
  RETURN x || ' ' || y;
END;
$$;
SELECT shadow(1);
CREATE FUNCTION loops() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  s text := '';
  i int := 0;
BEGIN
  LOOP
    i := i + 1;
    CONTINUE WHEN i % 2 = 0;
    EXIT WHEN i > 9;
    s := s || i;
  END LOOP;
  FOR k IN REVERSE 10..1 BY 3 LOOP
    s := s || ',' || k;
  END LOOP;
  <<outer>>
  FOR a IN 1..3 LOOP
    FOR b IN 1..3 LOOP
      EXIT outer WHEN a * b = 4;
      s := s || ' ' || a || b;
    END LOOP;
  END LOOP;
  RETURN s;
END;
$$;
SELECT loops();
CREATE FUNCTION lookup(k int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  val int;
  n int;
BEGIN
  SELECT v INTO val FROM t WHERE id = k;
  IF NOT FOUND THEN
    RETURN 'none';
  END IF;
  UPDATE t SET v = v WHERE id > k;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN val::text;
END;
$$;
CREATE FUNCTION lookup(k int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  val int;
BEGIN
  SELECT v INTO val FROM t WHERE id = k;
  IF NOT FOUND THEN
    RETURN 'none';
  END IF;
  UPDATE t SET v = v WHERE id > k;
  IF FOUND THEN
    RETURN val || ' and more';
  END IF;
  RETURN val::text;
END;
$$;
SELECT lookup(1), lookup(3), lookup(4);
CREATE FUNCTION strict_one(k int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  val int;
BEGIN
  SELECT v INTO STRICT val FROM t WHERE id >= k;
  RETURN val;
END;
$$;
SELECT strict_one(3);
SELECT strict_one(1);
SELECT strict_one(9);
CREATE FUNCTION no_dest() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  SELECT v FROM t;
  RETURN 1;
END;
$$;
SELECT no_dest();
CREATE FUNCTION fmt() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  n text;
BEGIN
  RAISE NOTICE 'value % and %% and %', 1, n;
  RAISE EXCEPTION 'null is %, 100%% sure, % %', n, 1.50, true;
END;
$$;
SELECT fmt();
CREATE FUNCTION typed() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  short varchar(3) := 'abc';
  k CONSTANT int := 7;
  nn int NOT NULL := 1;
  d numeric(5,2) := 1.005;
BEGIN
  RETURN short || k || nn || d;
END;
$$;
SELECT typed();
CREATE OR REPLACE FUNCTION typed() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  short varchar(3);
BEGIN
  short := 'abcd';
  RETURN short;
END;
$$;
SELECT typed();
CREATE OR REPLACE FUNCTION typed() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  nn int NOT NULL := NULL;
BEGIN
  RETURN nn;
END;
$$;
SELECT typed();
CREATE OR REPLACE FUNCTION typed() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
CREATE FUNCTION cond(x int) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  IF 10 / x > 1 THEN
    RETURN 'big';
  END IF;
  RETURN 'small';
END;
$$;
SELECT cond(2), cond(20);
SELECT cond(0);
CREATE FUNCTION ret_err(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN x / 0;
END;
$$;
SELECT ret_err(1);
CREATE FUNCTION no_ret(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  x := x + 1;
END;
$$;
SELECT no_ret(1);
CREATE FUNCTION outer_fn(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN ret_err(x) + 1;
END;
$$;
SELECT outer_fn(1);
CREATE FUNCTION bad_decl() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  z int := 1 / 0;
BEGIN
  RETURN z;
END;
$$;
SELECT bad_decl();
CREATE FUNCTION const_err() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  k CONSTANT int;
BEGIN
  RETURN k;
END;
$$;
CREATE FUNCTION sum_to(n int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT n * (n + 1) / 2 $$;
SELECT sum_to(10), sum_to(id) FROM t ORDER BY id;
DROP FUNCTION sum_to;
DROP FUNCTION fact(integer);
SELECT fact(3);
-- EXCEPTION blocks run in a subtransaction
CREATE TABLE u (k int PRIMARY KEY, note text);
CREATE FUNCTION put(key int, n text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  outcome text := 'inserted';
BEGIN
  BEGIN
    INSERT INTO u VALUES (key, n);
    INSERT INTO u VALUES (key + 1000, n || ' twin');
    IF n = 'boom' THEN
      RAISE EXCEPTION 'boom for %', key USING ERRCODE = 'P0099';
    END IF;
  EXCEPTION
    WHEN unique_violation THEN
      UPDATE u SET note = n WHERE k = key;
      outcome := 'updated: ' || SQLSTATE;
    WHEN division_by_zero OR SQLSTATE '22003' THEN
      outcome := 'math';
    WHEN others THEN
      outcome := 'other: ' || SQLERRM || ' (' || SQLSTATE || ')';
  END;
  RETURN outcome;
END;
$$;
SELECT put(1, 'a');
SELECT put(1, 'b');
SELECT put(2, 'boom');
SELECT k, note FROM u ORDER BY k;
CREATE FUNCTION guarded(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN 10 / x;
EXCEPTION
  WHEN data_exception THEN
    RETURN -1;
END;
$$;
SELECT guarded(2), guarded(0);
CREATE FUNCTION unhandled() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO u VALUES (50, 'kept?');
  PERFORM 1 / 0;
  RETURN 1;
EXCEPTION
  WHEN unique_violation THEN
    RETURN 0;
END;
$$;
SELECT unhandled();
SELECT count(*) FROM u WHERE k = 50;
CREATE FUNCTION bad_cond() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN 1;
EXCEPTION
  WHEN no_such_condition THEN
    RETURN 0;
END;
$$;
-- CASE statements
CREATE FUNCTION grade(score int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  g text;
BEGIN
  CASE
    WHEN score >= 90 THEN g := 'A';
    WHEN score >= 80 THEN g := 'B';
    ELSE g := 'C';
  END CASE;
  CASE score % 3
    WHEN 0 THEN g := g || ' fizz';
    WHEN 1, 2 THEN
      IF score > 100 THEN
        g := g || ' big';
      END IF;
  END CASE;
  CASE score WHEN 42 THEN RETURN 'answer'; END CASE;
  RETURN g;
END;
$$;
SELECT grade(95), grade(81), grade(42);
SELECT grade(7);
