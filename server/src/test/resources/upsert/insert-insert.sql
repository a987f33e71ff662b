-- Two sessions upsert the same new key: the second waits for the first, then updates its row
-- (READ COMMITTED) or fails to serialize (REPEATABLE READ, SERIALIZABLE: the row is invisible to it).
setup: create table kv (k int primary key, v int);
T1: begin isolation level {level};
T2: begin isolation level {level};
T2: select count(*) from kv;
T1: insert into kv values (1, 10) on conflict (k) do update set v = kv.v + excluded.v;
T2: insert into kv values (1, 5) on conflict (k) do update set v = kv.v + excluded.v returning v;
T1: commit;
T2: commit;
T1: select * from kv;
teardown: drop table kv;
