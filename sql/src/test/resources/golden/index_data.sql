-- Secondary indexes hold entries: UNIQUE is enforced by the index itself
CREATE TABLE u (id int PRIMARY KEY, email text, score int, note text);
CREATE UNIQUE INDEX u_email ON u (email);
INSERT INTO u VALUES (1, 'a@x', 10, 'one'), (2, 'b@x', 20, 'two'), (3, NULL, 30, NULL), (4, NULL, 40, NULL);
INSERT INTO u VALUES (5, 'a@x', 50, 'dup');
INSERT INTO u VALUES (5, 'c@x', 50, 'c'), (6, 'c@x', 60, 'c again');
SELECT * FROM u ORDER BY id;
-- a unique index is checked row by row (a primary key at the end of the statement)
CREATE TABLE s (id int PRIMARY KEY, pos int);
CREATE UNIQUE INDEX s_pos ON s (pos);
INSERT INTO s SELECT g, g FROM generate_series(1, 5) g;
UPDATE s SET pos = pos + 1;
UPDATE s SET pos = 6 WHERE id = 1;
UPDATE s SET pos = 1 WHERE id = 5;
SELECT * FROM s ORDER BY pos;
-- deleting a row frees its key; its transaction can reuse it
BEGIN;
DELETE FROM u WHERE id = 1;
INSERT INTO u VALUES (7, 'a@x', 70, 'reused');
COMMIT;
SELECT id, email FROM u WHERE email = 'a@x';
-- the key survives a rolled-back delete
BEGIN;
DELETE FROM u WHERE id = 7;
ROLLBACK;
INSERT INTO u VALUES (8, 'a@x', 80, 'dup again');
-- savepoints undo entries with their rows
BEGIN;
SAVEPOINT sp;
INSERT INTO u VALUES (9, 'd@x', 90, 'gone');
ROLLBACK TO sp;
INSERT INTO u VALUES (10, 'd@x', 100, 'kept');
COMMIT;
SELECT id, email FROM u WHERE id >= 9 ORDER BY id;
-- expression, partial, descending and covering indexes
CREATE UNIQUE INDEX u_lower_email ON u (lower(email));
INSERT INTO u VALUES (11, 'A@X', 110, 'case');
CREATE INDEX u_score_desc ON u (score DESC NULLS LAST) INCLUDE (note);
CREATE UNIQUE INDEX u_note_partial ON u (note) WHERE score > 50;
INSERT INTO u VALUES (12, 'e@x', 120, 'kept');
INSERT INTO u VALUES (13, 'f@x', 20, 'kept');
UPDATE u SET score = 55 WHERE id = 13;
-- building a unique index over duplicates fails, and nothing is left behind
CREATE UNIQUE INDEX u_score_uq ON u (score / 100);
CREATE UNIQUE INDEX u_score_uq ON u (score);
SELECT count(*) FROM u;
-- TRUNCATE empties the indexes too
TRUNCATE u;
INSERT INTO u VALUES (1, 'a@x', 10, 'one');
INSERT INTO u VALUES (2, 'a@x', 10, 'one');
-- a rolled-back CREATE INDEX enforces nothing
BEGIN;
CREATE UNIQUE INDEX u_score_uq ON u (score);
ROLLBACK;
INSERT INTO u VALUES (2, 'b@x', 10, 'same score');
-- renaming a column keeps its index working
CREATE TABLE r (id int PRIMARY KEY, code text);
CREATE UNIQUE INDEX r_code ON r (code);
INSERT INTO r VALUES (1, '1'), (2, '01');
ALTER TABLE r RENAME COLUMN code TO c;
INSERT INTO r VALUES (3, '01');
SELECT * FROM r ORDER BY id;
-- arrays can be index keys
CREATE TABLE arr (id int PRIMARY KEY, tags int[]);
CREATE UNIQUE INDEX arr_tags ON arr (tags);
INSERT INTO arr VALUES (1, '{1,2}'), (2, '{1,2,3}'), (3, '{1,NULL}');
INSERT INTO arr VALUES (4, '{1,2}');
-- ON CONFLICT with a UNIQUE index as arbiter
CREATE TABLE acct (id serial PRIMARY KEY, email text NOT NULL, visits int DEFAULT 1, nick text);
CREATE UNIQUE INDEX acct_email ON acct (email);
CREATE UNIQUE INDEX acct_nick ON acct (nick);
INSERT INTO acct (email, nick) VALUES ('a@x', 'a') ON CONFLICT (email) DO UPDATE SET visits = acct.visits + 1 RETURNING id, email, visits;
INSERT INTO acct (email, nick) VALUES ('a@x', 'a') ON CONFLICT (email) DO UPDATE SET visits = acct.visits + 1 RETURNING id, email, visits;
INSERT INTO acct (email, nick) VALUES ('b@x', 'b'), ('a@x', 'a2') ON CONFLICT (email) DO UPDATE SET visits = acct.visits + 10, nick = EXCLUDED.nick RETURNING id, email, visits, nick;
INSERT INTO acct (email, nick) VALUES ('c@x', 'b') ON CONFLICT (email) DO NOTHING;
INSERT INTO acct (email, nick) VALUES ('c@x', 'b') ON CONFLICT DO NOTHING;
INSERT INTO acct (email, nick) VALUES ('a@x', 'z'), ('a@x', 'y') ON CONFLICT (email) DO UPDATE SET nick = EXCLUDED.nick;
INSERT INTO acct (email) VALUES ('d@x') ON CONFLICT (visits) DO NOTHING;
INSERT INTO acct (email) VALUES ('d@x') ON CONFLICT ON CONSTRAINT acct_pkey DO NOTHING;
SELECT * FROM acct ORDER BY id;
