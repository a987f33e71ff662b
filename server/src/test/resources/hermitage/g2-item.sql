-- G2-item: Item Anti-dependency Cycles (write skew on disjoint read)
-- Both transactions read rows 1 and 2, then each writes a different one. If both commit, each
-- read a state the other's write had already made stale.
anomaly if @t1_commits committed and @t2_commits committed

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: select * from test where id in (1, 2) order by id;
T2: select * from test where id in (1, 2) order by id;
T1: update test set value = 11 where id = 1;
T2: update test set value = 21 where id = 2;
T1: commit;  -- @t1_commits
T2: commit;  -- @t2_commits
teardown: drop table test;
