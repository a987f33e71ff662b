-- G-single-write-2: read skew on a write predicate, interleaved
-- T1 deletes row 2 while T2, which has already changed row 1, still has to write row 2. T2's
-- write of row 2 must wait for T1 to finish instead of overwriting its uncommitted delete.
anomaly if @t2_writes_row2 succeeded immediately

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: select * from test where id = 1;
T2: select * from test order by id;
T2: update test set value = 12 where id = 1;
T1: delete from test where value = 20;
T2: update test set value = 18 where id = 2;  -- @t2_writes_row2
T1: rollback;
T2: commit;
teardown: drop table test;
