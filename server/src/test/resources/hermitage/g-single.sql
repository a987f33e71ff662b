-- G-single: Single Anti-dependency Cycles (read skew)
-- T1 reads row 1 before T2 changes both rows and commits. T1's later read of row 2 must not
-- show T2's value: T1 would have seen row 1 before T2 and row 2 after it.
anomaly if @t1_reads_row2 shows 2|18

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: select * from test where id = 1;
T2: select * from test where id = 1;
T2: select * from test where id = 2;
T2: update test set value = 12 where id = 1;
T2: update test set value = 18 where id = 2;
T2: commit;
T1: select * from test where id = 2;  -- @t1_reads_row2
T1: commit;
teardown: drop table test;
