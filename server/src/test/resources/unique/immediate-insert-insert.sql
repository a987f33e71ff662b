-- DEFERRABLE INITIALLY IMMEDIATE: the check at the end of the second INSERT waits for the first
-- inserter of the key, then fails when it commits.
setup: create table u (id int primary key, v int unique deferrable);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: insert into u values (1, 7);
T2: insert into u values (2, 7);
T1: commit;
T2: commit;
T1: select * from u order by id;
teardown: drop table u;
