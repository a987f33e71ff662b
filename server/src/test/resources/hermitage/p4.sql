-- P4: Lost Update
-- Both transactions read row 1 and then write it. If both commit, T1's update is lost.
anomaly if @t1_commits committed and @t2_commits committed

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: select * from test where id = 1;
T2: select * from test where id = 1;
T1: update test set value = 11 where id = 1;
T2: update test set value = 11 where id = 1;
T1: commit;  -- @t1_commits
T2: commit;  -- @t2_commits
teardown: drop table test;
