-- Both sessions upsert an existing row: the second waits, then builds on the first's committed
-- update (READ COMMITTED) or fails to serialize.
setup: create table kv (k int primary key, v int);
setup: insert into kv values (1, 1);
T1: begin isolation level {level};
T2: begin isolation level {level};
T2: select * from kv;
T1: insert into kv values (1, 10) on conflict (k) do update set v = kv.v + excluded.v;
T2: insert into kv values (1, 100) on conflict (k) do update set v = kv.v + excluded.v where kv.v < 50 returning v;
T1: commit;
T2: commit;
T1: select * from kv;
teardown: drop table kv;
