-- a comment
select 1;
select true, false, null, 'abc', 1::int, 1::bigint, 1.5::float8, 1::double precision, 'a'::varchar, -5, 1+1, 1::bool, 1::smallint;
select 1 = 'abc';
select 'abc'::int;
select 1 +
   'x' from foo;
select -'5';
create table t(id int primary key, b text);
insert into t values (1,'a'),(1,'b');
insert into t values (null,'a');
select 12345678.5::float8, 0.0001::float8, 1e-05::float8, 1e15::float8, 1e16::float8, 123456789012345678::float8, 0.1::float8+0.2::float8, 1e100::float8, -0.0::float8, 2.5e-310::float8;
select 2147483647 + 1;
select 1/0;
select 1 < 2 < 3;
select 'a' || 1, 1 || 'a', true || 'x';
select 1 || 2;
select 5 % 2.0::float8;
select count(*), sum(1), max(1), min('a') ;
selec 1;
select 1 +;
select 'abc
