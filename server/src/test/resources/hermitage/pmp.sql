-- PMP: Predicate-Many-Preceders
-- T1 reads a predicate twice; a matching row that T2 inserts and commits in between must not
-- appear in T1's second read.
anomaly if @t1_reads_again shows 3|30

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: select * from test where value = 30;
T2: insert into test (id, value) values (3, 30);
T2: commit;
T1: select * from test where value % 3 = 0;  -- @t1_reads_again
T1: commit;
teardown: drop table test;
