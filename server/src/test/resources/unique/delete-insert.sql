-- A key deleted by an open transaction: the inserter's check waits for the deleter's outcome
-- (here: commit, so the insert succeeds).
setup: create table u (id int primary key, v int unique deferrable);
setup: insert into u values (1, 7);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: delete from u where id = 1;
T2: insert into u values (2, 7);
T1: commit;
T2: commit;
T1: select * from u order by id;
teardown: drop table u;
