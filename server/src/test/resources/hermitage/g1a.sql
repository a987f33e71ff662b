-- G1a: Aborted Reads (dirty reads, cascaded aborts)
-- T1 writes a value and rolls back; T2 must never see that value.
anomaly if @t2_reads_before_abort shows 1|101
anomaly if @t2_reads_after_abort shows 1|101

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: update test set value = 101 where id = 1;
T2: select * from test order by id;  -- @t2_reads_before_abort
T1: rollback;
T2: select * from test order by id;  -- @t2_reads_after_abort
T2: commit;
teardown: drop table test;
