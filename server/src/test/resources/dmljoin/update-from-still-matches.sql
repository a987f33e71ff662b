-- UPDATE ... FROM over a row a concurrent transaction changed without breaking the match: at READ
-- COMMITTED the SET expressions are computed from the committed version (1100 + 10).
setup: create table acct (id int primary key, bal int);
setup: create table bonus (id int, amt int);
setup: insert into acct values (1, 100), (2, 100);
setup: insert into bonus values (1, 10);
T1: begin isolation level {level};
T2: begin isolation level {level};
T2: select * from acct order by id;
T1: update acct set bal = bal + 1000 where id = 1;
T2: update acct set bal = acct.bal + b.amt from bonus b where b.id = acct.id returning acct.id, acct.bal;
T1: commit;
T2: commit;
T1: select * from acct order by id;
teardown: drop table acct;
teardown: drop table bonus;
