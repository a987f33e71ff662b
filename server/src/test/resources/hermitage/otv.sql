-- OTV: Observed Transaction Vanishes
-- T3 sees row 1 as T1 committed it. T2 then overwrites T1's rows; while T2 is still open, T3 must
-- not see T2's write of row 2, or T1's write would vanish from under T3.
anomaly if @t3_reads_row2 shows 2|18

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T3: begin isolation level {level};
T1: update test set value = 11 where id = 1;
T1: update test set value = 19 where id = 2;
T2: update test set value = 12 where id = 1;
T1: commit;
T3: select * from test where id = 1;
T2: update test set value = 18 where id = 2;
T3: select * from test where id = 2;  -- @t3_reads_row2
T2: commit;
T3: select * from test where id = 2;
T3: select * from test where id = 1;
T3: commit;
teardown: drop table test;
