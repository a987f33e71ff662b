-- G-single-write-1: read skew on a write predicate
-- T1 reads row 1 before T2 changes both rows and commits; then T1 deletes by a predicate on
-- row 2. If the delete goes through at all, T1 acts on row 2 as T2 left it (deleting nothing)
-- or overwrites T2's committed change, after having read row 1 as it was before T2.
anomaly if @t1_deletes succeeded

setup: create table test (id int primary key, value int);
setup: insert into test (id, value) values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: select * from test where id = 1;
T2: select * from test order by id;
T2: update test set value = 12 where id = 1;
T2: update test set value = 18 where id = 2;
T2: commit;
T1: delete from test where value = 20;  -- @t1_deletes
T1: rollback;
teardown: drop table test;
