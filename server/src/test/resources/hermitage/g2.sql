-- G2: Anti-Dependency Cycles (write skew on predicate read)
-- Both transactions read the rows whose value is a multiple of 3 (none), then each inserts one.
-- If both commit, each read missed the row the other inserted.
anomaly if @t1_commits committed and @t2_commits committed

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: select * from test where value % 3 = 0;
T2: select * from test where value % 3 = 0;
T1: insert into test (id, value) values (3, 30);
T2: insert into test (id, value) values (4, 42);
T1: commit;  -- @t1_commits
T2: commit;  -- @t2_commits
T1: select * from test where value % 3 = 0 order by id;
teardown: drop table test;
