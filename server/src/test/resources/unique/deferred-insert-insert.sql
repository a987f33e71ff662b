-- Two sessions insert the same key into a DEFERRABLE INITIALLY DEFERRED unique constraint: neither
-- waits at INSERT; the first to commit wins, the second fails at COMMIT and rolls back.
setup: create table u (id int primary key, v int unique deferrable initially deferred);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: insert into u values (1, 7);
T2: insert into u values (2, 7);
T1: commit;
T2: commit;
T1: select * from u order by id;
teardown: drop table u;
