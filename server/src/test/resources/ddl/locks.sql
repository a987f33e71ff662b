-- DDL on a table waits for open transactions that wrote it (like PostgreSQL's
-- ACCESS EXCLUSIVE lock against ROW EXCLUSIVE), and writers wait for uncommitted DROP / TRUNCATE.
anomaly if @alter succeeded immediately
anomaly if @insert_into_dropped succeeded immediately

setup: create table t (id int primary key, v int);
setup: insert into t values (1, 10);
T1: begin;
T1: update t set v = 11 where id = 1;
T2: alter table t add column w int;  -- @alter
T1: commit;
T2: select * from t;
T1: begin;
T1: truncate t;
T2: insert into t values (2, 20);
T1: rollback;
T2: select * from t order by id;
T1: begin;
T1: drop table t;
T2: insert into t values (3, 30);  -- @insert_into_dropped
T1: commit;
T2: select * from t;
