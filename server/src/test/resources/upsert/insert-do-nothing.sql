-- DO NOTHING waits for a concurrent insert of its key: after the commit the row conflicts (READ
-- COMMITTED skips it; REPEATABLE READ and SERIALIZABLE cannot see it and fail).
setup: create table kv (k int primary key, v int);
T1: begin isolation level {level};
T2: begin isolation level {level};
T2: select count(*) from kv;
T1: insert into kv values (1, 10);
T2: insert into kv values (1, 5), (2, 6) on conflict do nothing;
T1: commit;
T2: select * from kv order by k;
T2: commit;
teardown: drop table kv;
