-- PMP-write: Predicate-Many-Preceders on a write predicate (the example of PostgreSQL's manual)
-- T1 adds 10 to every row while T2 deletes the rows whose value is 20. Afterwards T2 must not
-- still see a row with value 20: its delete would then have acted on a state that never existed.
anomaly if @t2_reads shows 1|20

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: update test set value = value + 10;
T2: delete from test where value = 20;
T1: commit;
T2: select * from test where value = 20;  -- @t2_reads
T2: commit;
teardown: drop table test;
