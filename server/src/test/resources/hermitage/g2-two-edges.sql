-- G2-two-edges: Anti-Dependency Cycles with two anti-dependency edges (Fekete et al.)
-- T1 reads both rows; T2 changes row 2 and commits; T3 then sees T2's change; finally T1 writes
-- row 1. If T1 commits, T1 precedes T2 (it missed T2's write), T2 precedes T3, and T3 precedes
-- T1 (it missed T1's write): a cycle, though T3 only read.
anomaly if @t1_commits committed

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T1: select * from test order by id;
T2: begin isolation level {level};
T2: update test set value = value + 5 where id = 2;
T2: commit;
T3: begin isolation level {level};
T3: select * from test order by id;
T3: commit;
T1: update test set value = 0 where id = 1;
T1: commit;  -- @t1_commits
teardown: drop table test;
