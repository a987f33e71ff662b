-- COPY ... TO STDOUT (COPY FROM STDIN is tested through the wire: sql CopyTest, server CopyProtocolTest)
CREATE TABLE c (id int PRIMARY KEY, name text, score double precision, ok boolean);
INSERT INTO c VALUES (1, 'plain', 1.5, true), (2, NULL, 2, NULL), (3, 'tab	here
new\line', NULL, false),
  (4, 'q"u,o''te', -0.25, true), (5, '', 1e20, false), (6, '\.', 0, NULL);
COPY c TO STDOUT;
COPY c (name, id) TO STDOUT;
COPY c TO STDOUT WITH (FORMAT csv, HEADER);
COPY c TO STDOUT WITH (FORMAT csv, NULL 'NULL', QUOTE '''', FORCE_QUOTE (name, score));
COPY c TO STDOUT (FORMAT csv, FORCE_QUOTE *, DELIMITER ';', ESCAPE '\');
COPY c TO STDOUT (DELIMITER '|', NULL '', HEADER);
COPY c (name) TO STDOUT CSV;
COPY (SELECT id, name FROM c WHERE id > 3 ORDER BY id DESC) TO STDOUT WITH CSV HEADER;
COPY (SELECT 1 AS one, 'two' AS two) TO STDOUT;
COPY (SELECT * FROM c WHERE false) TO STDOUT (HEADER);
COPY c TO STDOUT WITH CSV HEADER DELIMITER '|' NULL 'none';
COPY c TO STDOUT WITH DELIMITER ',';
-- errors (COPY to or from a server file is tested in the server's CopyProtocolTest: PostgreSQL allows it to superusers)
COPY nosuch TO STDOUT;
COPY c (nosuch) TO STDOUT;
COPY c (id, id) TO STDOUT;
COPY c TO STDOUT (FORMAT xml);
COPY c TO STDOUT (DELIMITER 'ab');
COPY c TO STDOUT (DELIMITER 'a');
COPY c TO STDOUT (QUOTE '"');
COPY c TO STDOUT (FORMAT csv, DELIMITER ',', QUOTE ',');
COPY c TO STDOUT (FORMAT csv, FORCE_NOT_NULL (id));
COPY c TO STDOUT (FORMAT csv, FORCE_QUOTE (nosuch));
COPY c (id) TO STDOUT (FORMAT csv, FORCE_QUOTE (name));
COPY c TO STDOUT (HEADER match);
COPY c TO STDOUT (HEADER maybe);
COPY c TO STDOUT (DELIMITER ',', DELIMITER ';');
COPY c TO STDOUT (BOGUS 1);
COPY c TO STDOUT (NULL 'a,b', DELIMITER ',');
COPY (SELECT 1) FROM STDIN;
COPY c FROM STDOUT (FORCE_QUOTE (id), FORMAT csv);
