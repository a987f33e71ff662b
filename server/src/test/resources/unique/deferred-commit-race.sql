-- Both sessions hold an uncommitted duplicate of a deferred unique key; the second commits while
-- the first is still open: exactly one of them commits.
setup: create table u (id int primary key, v int unique deferrable initially deferred);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: insert into u values (1, 7);
T2: insert into u values (2, 7);
T2: commit;
T1: commit;
T1: select count(*) from u where v = 7;
teardown: drop table u;
