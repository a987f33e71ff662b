-- G1c: Circular Information Flow (dirty reads)
-- Each transaction reads the row the other has written but not yet committed. If both see the
-- other's write, each transaction comes before the other.
anomaly if @t1_reads_t2 shows 2|22 and @t2_reads_t1 shows 1|11

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: update test set value = 11 where id = 1;
T2: update test set value = 22 where id = 2;
T1: select * from test where id = 2;  -- @t1_reads_t2
T2: select * from test where id = 1;  -- @t2_reads_t1
T1: commit;
T2: commit;
teardown: drop table test;
