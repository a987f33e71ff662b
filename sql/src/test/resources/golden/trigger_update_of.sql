-- UPDATE OF col triggers fire when the column is in the SET list (changed or not), row and statement level, as in PostgreSQL
CREATE TABLE acct (id int PRIMARY KEY, balance int, note text);
CREATE TABLE audit (n serial, msg text);
CREATE FUNCTION log_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    INSERT INTO audit (msg) VALUES (TG_NAME || ':' || OLD.id || ':' || coalesce(OLD.balance::text, 'null') || '->' || coalesce(NEW.balance::text, 'null'));
    RETURN NEW;
  END IF;
  INSERT INTO audit (msg) VALUES (TG_NAME || ':statement');
  RETURN NULL;
END $$;
CREATE TRIGGER t_bal AFTER UPDATE OF balance ON acct FOR EACH ROW EXECUTE FUNCTION log_upd();
CREATE TRIGGER t_bal_before BEFORE UPDATE OF balance, note ON acct FOR EACH ROW EXECUTE FUNCTION log_upd();
CREATE TRIGGER t_stmt AFTER UPDATE OF balance ON acct FOR EACH STATEMENT EXECUTE FUNCTION log_upd();
INSERT INTO acct VALUES (1, 10, 'a'), (2, 20, 'b');
UPDATE acct SET balance = balance WHERE id = 1;
UPDATE acct SET note = 'x' WHERE id = 1;
UPDATE acct SET note = note WHERE id = 2;
UPDATE acct SET balance = 5, note = 'y' WHERE id = 2;
UPDATE acct SET id = id WHERE id = 1;
UPDATE acct SET balance = balance WHERE id = 99;
UPDATE acct a SET balance = a.balance FROM (VALUES (2)) v(k) WHERE a.id = v.k;
INSERT INTO acct VALUES (1, 0, 'z') ON CONFLICT (id) DO UPDATE SET note = 'conflict';
INSERT INTO acct VALUES (1, 0, 'z') ON CONFLICT (id) DO UPDATE SET balance = acct.balance;
SELECT msg FROM audit ORDER BY n;
