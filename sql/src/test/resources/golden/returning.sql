-- RETURNING on INSERT, UPDATE and DELETE
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price double precision);
INSERT INTO items VALUES (1, 'apple', 1.5) RETURNING *;
INSERT INTO items VALUES (2, 'pear', 2), (3, 'plum', NULL) RETURNING id, upper(name) AS shout, price * 2;
INSERT INTO items (id, name) VALUES (4, 'fig') RETURNING price IS NULL AS no_price, items.name;
INSERT INTO items AS i VALUES (5, 'kiwi', 0.5) RETURNING i.id, i.*;
UPDATE items SET price = price + 1 WHERE price IS NOT NULL RETURNING id, price;
UPDATE items SET name = name || '!' WHERE id = 99 RETURNING *;
UPDATE items SET id = id + 10 WHERE id = 5 RETURNING id AS new_id, name;
DELETE FROM items WHERE id IN (3, 4) RETURNING *;
DELETE FROM items WHERE false RETURNING id;
SELECT * FROM items ORDER BY id;
-- a failing statement returns nothing
INSERT INTO items VALUES (6, 'lime', 1), (1, 'dup', 1) RETURNING id;
UPDATE items SET price = 1 / 0 RETURNING id;
-- errors in the list
INSERT INTO items VALUES (7, 'x', 1) RETURNING nosuch;
INSERT INTO items VALUES (7, 'x', 1) RETURNING other.id;
UPDATE items SET price = 1 RETURNING count(*);
DELETE FROM items RETURNING id + 'a';
SELECT * FROM items ORDER BY id;
-- in a multi-statement query and a transaction
BEGIN;
INSERT INTO items VALUES (8, 'date', 3) RETURNING id; DELETE FROM items WHERE id = 8 RETURNING name;
ROLLBACK;
SELECT count(*) FROM items;
