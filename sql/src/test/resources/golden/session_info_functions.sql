-- functions tools call to learn about the session and the server; the same answers as PostgreSQL 15
-- except version(), which names ShaleDB after PostgreSQL's "PostgreSQL 15.0" prefix
SELECT version() LIKE 'PostgreSQL 15.0 (ShaleDB%) on %, 64-bit' AS version_form,
       substring(version() from 'PostgreSQL ([0-9]+\.[0-9]+)') AS parsed_version;
SELECT pg_typeof(pg_backend_pid()) AS pid_type, pg_backend_pid() = pg_backend_pid() AS stable_pid;
SELECT current_schema, current_schema() AS called, pg_typeof(current_schema()) AS type;
CREATE SCHEMA app;
SET search_path = app, public;
SELECT current_schema();
SET search_path = nosuch, public;
SELECT current_schema();
RESET search_path;
SELECT pg_typeof(1) AS int, pg_typeof(1.5) AS num, pg_typeof('x'::text) AS text, pg_typeof('x') AS lit,
       pg_typeof(now()) AS ts, pg_typeof(NULL::int[]) AS arr, pg_typeof(1::bigint + 1) AS sum;
CREATE TABLE t (a varchar(10), b numeric(5, 2), c boolean);
SELECT pg_typeof(a) AS a, pg_typeof(b) AS b, pg_typeof(c) AS c, pg_typeof(pg_typeof(c)) AS meta FROM (VALUES (NULL)) v(x) LEFT JOIN t ON false;
SELECT pg_typeof(a)::text = 'character varying' AS as_text FROM (SELECT 'x'::varchar AS a) s;
SELECT current_database() = current_catalog AS db, current_user = session_user AS same_user;
