-- DELETE ... USING waits for concurrent changes of its target rows: a row deleted meanwhile is
-- skipped, a row changed so it no longer joins is skipped at READ COMMITTED; REPEATABLE READ and
-- SERIALIZABLE fail to serialize.
setup: create table item (id int primary key, tag text);
setup: create table doomed (tag text);
setup: insert into item values (1, 'old'), (2, 'old'), (3, 'new'), (4, 'old');
setup: insert into doomed values ('old');
T1: begin isolation level {level};
T2: begin isolation level {level};
T2: select count(*) from item;
T1: update item set tag = 'new' where id = 1;
T1: delete from item where id = 4;
T2: delete from item using doomed where doomed.tag = item.tag returning item.id, doomed.tag;
T1: commit;
T2: commit;
T1: select * from item order by id;
teardown: drop table item;
teardown: drop table doomed;
