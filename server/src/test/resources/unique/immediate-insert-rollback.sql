-- DEFERRABLE INITIALLY IMMEDIATE: the second inserter waits for the first, which rolls back, so
-- the second goes on.
setup: create table u (id int primary key, v int unique deferrable);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: insert into u values (1, 7);
T2: insert into u values (2, 7);
T1: rollback;
T2: commit;
T1: select * from u order by id;
teardown: drop table u;
