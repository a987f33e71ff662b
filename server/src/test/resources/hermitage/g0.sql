-- G0: Write Cycles (dirty writes)
-- T1 and T2 both write rows 1 and 2. T2's write of row 1 must wait until T1 has finished, and
-- the rows must end up both as T1 left them or both as T2 left them, never mixed.
anomaly if @t2_overwrites succeeded immediately
anomaly if @final shows 1|12 2|21
anomaly if @final shows 1|11 2|22

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: update test set value = 11 where id = 1;
T2: update test set value = 12 where id = 1;  -- @t2_overwrites
T1: update test set value = 21 where id = 2;
T1: commit;
T1: select * from test order by id;
T2: update test set value = 22 where id = 2;
T2: commit;
T1: select * from test order by id;  -- @final
teardown: drop table test;
