-- UPDATE t [AS a] SET ... FROM other, ... WHERE ...
CREATE TABLE stock (sku int PRIMARY KEY, qty int NOT NULL, price numeric(8,2), note text);
INSERT INTO stock VALUES (1, 10, 2.50, NULL), (2, 0, 3.00, NULL), (3, 5, 1.25, NULL), (4, 7, 9.99, NULL);
CREATE TABLE delivery (sku int, amount int, supplier text);
INSERT INTO delivery VALUES (1, 5, 'acme'), (3, 2, 'bolt'), (3, 4, 'bolt'), (9, 1, 'ghost');
CREATE TABLE supplier (name text PRIMARY KEY, markup numeric);
INSERT INTO supplier VALUES ('acme', 1.10), ('bolt', 1.5);
-- a join condition in WHERE; a target row joined to several rows is updated once
UPDATE stock SET qty = stock.qty + d.amount FROM delivery d WHERE d.sku = stock.sku AND d.sku = 1;
UPDATE stock SET note = 'delivered' FROM delivery WHERE delivery.sku = stock.sku;
SELECT * FROM stock ORDER BY sku;
-- an alias for the target, several FROM items, RETURNING with FROM columns
UPDATE stock AS s SET price = s.price * p.markup FROM delivery d, supplier p
  WHERE d.sku = s.sku AND p.name = d.supplier AND d.amount = 5 RETURNING s.sku, s.price, p.name, d.amount;
UPDATE stock s SET qty = 0 FROM (SELECT DISTINCT sku FROM delivery WHERE supplier = 'bolt') b WHERE b.sku = s.sku RETURNING *;
-- joins and subqueries in FROM, WHERE and SET
UPDATE stock SET note = x.supplier || '/' || (SELECT count(*) FROM delivery WHERE delivery.sku = stock.sku)
  FROM delivery x JOIN supplier ON supplier.name = x.supplier WHERE x.sku = stock.sku AND x.amount < 5 RETURNING stock.sku, note;
UPDATE stock SET qty = 99 FROM supplier WHERE supplier.markup > 100;
UPDATE stock SET qty = qty + 1 FROM supplier WHERE stock.sku = 2 AND EXISTS (SELECT 1 FROM delivery WHERE supplier = supplier.name AND sku = 3) RETURNING stock.*;
-- a FROM item that is not joined: every target row matches (each once)
UPDATE stock SET note = NULL FROM supplier;
-- changing the key from a join
UPDATE stock SET sku = stock.sku + 10 FROM delivery d WHERE d.sku = stock.sku AND d.supplier = 'acme' RETURNING stock.sku;
SELECT * FROM stock ORDER BY sku;
-- the target may appear again under another name
UPDATE stock SET qty = other.qty FROM stock other WHERE other.sku = 11 AND stock.sku = 4 RETURNING stock.sku, stock.qty;
-- errors
UPDATE stock SET qty = 1 FROM stock WHERE stock.sku = 1;
UPDATE stock AS s SET qty = 1 FROM stock s;
UPDATE stock SET qty = nosuch FROM delivery;
UPDATE stock SET qty = d.nosuch FROM delivery d;
UPDATE stock SET qty = sku FROM delivery;
UPDATE stock SET qty = amount FROM delivery, delivery d2 WHERE delivery.sku = d2.sku;
UPDATE stock SET qty = d.amount FROM nosuch d;
UPDATE stock SET qty = 1 FROM (SELECT * FROM delivery WHERE delivery.sku = stock.sku) q;
UPDATE stock s SET qty = 1 FROM delivery WHERE stock.sku = 1;
UPDATE stock SET qty = d.supplier FROM delivery d WHERE d.sku = stock.sku;
UPDATE stock SET qty = NULL FROM delivery d WHERE d.sku = stock.sku;
UPDATE stock SET qty = count(*) FROM delivery d;
UPDATE stock SET qty = 1 FROM delivery d WHERE d.amount;
SELECT * FROM stock ORDER BY sku;
-- multiple-column SET items: (a, b) = (x, y) | ROW(x, y) | (SELECT ...)
CREATE TABLE m (a int, b text, c int);
INSERT INTO m VALUES (1, 'x', 10), (2, 'y', 20);
CREATE TABLE n (a int, b text);
INSERT INTO n VALUES (1, 'one'), (2, 'two');
UPDATE m SET (b, c) = ('z', c + 1) WHERE a = 1 RETURNING *;
UPDATE m SET (b, c) = (SELECT b, a * 100 FROM n WHERE n.a = m.a) WHERE a = 2 RETURNING *;
UPDATE m SET (b, c) = ROW('w', 5), a = a WHERE a = 2 RETURNING *;
UPDATE m SET (b, c) = ('z', DEFAULT) WHERE a = 1 RETURNING *;
UPDATE m SET (b, c) = (SELECT 'q', 1) FROM n WHERE n.a = m.a AND n.a = 1 RETURNING m.*, n.b;
UPDATE m SET (b, c) = (SELECT b, a FROM n WHERE false) WHERE a = 2 RETURNING *;
SELECT * FROM m ORDER BY a;
UPDATE m SET (b) = ('solo');
UPDATE m SET (b, c) = ('z');
UPDATE m SET (b, c) = ('z', 1, 2);
UPDATE m SET (b, c) = (SELECT b FROM n WHERE n.a = m.a);
UPDATE m SET (b, c) = (SELECT b, a, a FROM n WHERE n.a = m.a);
UPDATE m SET (b, c) = (SELECT b, a FROM n);
UPDATE m SET (b, b) = ('a', 'b');
UPDATE m SET (b, c) = (1, 'x');
