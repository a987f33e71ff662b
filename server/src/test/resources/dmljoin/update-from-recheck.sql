-- UPDATE ... FROM waits for a concurrent update of a target row; at READ COMMITTED it re-checks
-- WHERE on the committed version joined to the same FROM row (row 1 no longer matches, row 2 is
-- updated), at REPEATABLE READ and SERIALIZABLE it fails to serialize.
setup: create table acct (id int primary key, bal int);
setup: create table bonus (id int, amt int);
setup: insert into acct values (1, 100), (2, 100);
setup: insert into bonus values (1, 10), (2, 20);
T1: begin isolation level {level};
T2: begin isolation level {level};
T2: select * from acct order by id;
T1: update acct set bal = bal + 1000 where id = 1;
T2: update acct set bal = acct.bal + b.amt from bonus b where b.id = acct.id and acct.bal < 500 returning acct.id, acct.bal, b.amt;
T1: commit;
T2: commit;
T1: select * from acct order by id;
teardown: drop table acct;
teardown: drop table bonus;
