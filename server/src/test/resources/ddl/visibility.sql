-- Uncommitted DDL is private to its transaction; others see it all at once after COMMIT.
-- A writer of a table waits for uncommitted DDL on it, then works on the new definition.
anomaly if @early_n shows 1
anomaly if @early_t shows 1|10|5

setup: create table t (id int primary key, v int);
setup: insert into t values (1, 10);
T1: begin;
T1: create table n (a int);
T1: insert into n values (1);
T1: select * from n;
T2: select * from n;  -- @early_n
T1: alter table t add column w int default 5;
T1: select * from t;
T2: select * from t;  -- @early_t
T2: insert into t values (2, 20);
T1: commit;
T2: select * from t order by id;
T2: select * from n;
teardown: drop table n;
teardown: drop table t;
