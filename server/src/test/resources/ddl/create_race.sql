-- Two transactions create the same table: the second waits for the first, then fails if it
-- committed (42P07) or succeeds if it rolled back, as in PostgreSQL.
anomaly if @second_create succeeded immediately

T1: begin;
T1: create table c (a int);
T2: begin;
T2: create table c (b text);  -- @second_create
T1: commit;
T2: rollback;
T1: begin;
T1: create table d (a int);
T2: create table d (b text);
T1: rollback;
T2: insert into d values ('ok');
T2: select * from d;
teardown: drop table c;
teardown: drop table d;
