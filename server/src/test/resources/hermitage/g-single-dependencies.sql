-- G-single-dependencies: read skew through predicate dependencies
-- T1 reads the rows whose value is a multiple of 5 before T2 changes 10 into 12 and commits.
-- T1's later predicate read must not find T2's 12.
anomaly if @t1_reads_again shows 1|12

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: select * from test where value % 5 = 0 order by id;
T2: update test set value = 12 where value = 10;
T2: commit;
T1: select * from test where value % 3 = 0;  -- @t1_reads_again
T1: commit;
teardown: drop table test;
