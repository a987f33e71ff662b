-- When the concurrent inserter rolls back there is no conflict: the waiting upsert inserts.
setup: create table kv (k int primary key, v int);
T1: begin isolation level {level};
T2: begin isolation level {level};
T1: insert into kv values (1, 10);
T2: insert into kv values (1, 5) on conflict (k) do update set v = 99 returning *;
T1: rollback;
T2: commit;
T2: select * from kv;
teardown: drop table kv;
