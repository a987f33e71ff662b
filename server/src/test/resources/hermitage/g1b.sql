-- G1b: Intermediate Reads (dirty reads)
-- T1 writes 101 and then 11 into row 1 before it commits; T2 must never see the intermediate 101.
anomaly if @t2_reads_intermediate shows 1|101

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: update test set value = 101 where id = 1;
T2: select * from test order by id;  -- @t2_reads_intermediate
T1: update test set value = 11 where id = 1;
T1: commit;
T2: select * from test order by id;
T2: commit;
teardown: drop table test;
