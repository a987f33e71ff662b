-- per-table storage engines (this database has only the memory engine) and the shale_tables view
CREATE TABLE plain (id int PRIMARY KEY, v text);
CREATE TABLE chosen (a int, b text, PRIMARY KEY (b, a)) USING memory;
CREATE TABLE keyless (x double precision);
CREATE TABLE nowhere (id int) USING rocks;
SELECT * FROM shale_tables ORDER BY table_name;
SELECT table_name FROM shale_tables WHERE engine = 'memory' AND primary_key IS NULL;
SELECT count(*) FROM shale_tables;
-- a user table of the same name shadows the view
CREATE TABLE shale_tables (mine int);
SELECT * FROM shale_tables;
DROP TABLE shale_tables;
SELECT table_name, column_count FROM shale_tables ORDER BY 1 LIMIT 1;
