-- arithmetic with PostgreSQL integer semantics
SELECT 2 ^ 3, 2::float8 ^ -1, 4 * 2 ^ 2, -2 ^ 2;
SELECT 7 / 2, -7 / 2, 7 % 3, -7 % 3, 7 / 2.0::float8;
SELECT 2147483647 + 1;
SELECT -2147483647 - 2;
SELECT 65536 * 65536;
SELECT 65536::bigint * 65536;
SELECT 9223372036854775807 + 1;
SELECT (-2147483648) / -1;
SELECT 1 / 0;
SELECT 1 % 0;
SELECT 1.0::float8 / 0;
SELECT 1e308::float8 * 10;
SELECT - (-2147483648), -2147483648, -2147483647, -9223372036854775808;
SELECT - (-2147483647 - 1);
SELECT 1 + 2 * 3, (1 + 2) * 3, 10 - 2 - 3, 2 * 3 % 4, -2 * 3;
SELECT 1 + 1::bigint, 1 + 1.5::float8, 5::bigint / 2;
-- three-valued logic
SELECT NULL AND true, NULL AND false, NULL OR true, NULL OR false, NOT NULL::boolean;
SELECT true AND 't', 'f' OR false, NOT 'yes';
SELECT NULL = NULL, NULL IS NULL, 1 = NULL, NULL <> 1;
SELECT 1 IN (1, NULL), 2 IN (1, NULL), 2 NOT IN (1, NULL), 1 NOT IN (2, 3);
-- comparisons
SELECT 1 = 1, 1 <> 2, 1 != 1, 1 < 2, 2 <= 2, 3 > 4, 4 >= 4;
SELECT 'abc' < 'abd', 'B' < 'a', 'abc' = 'abc', true > false;
SELECT 1 = 1.0::float8, 2::bigint > 1, 'NaN'::float8 > 1e308::float8;
SELECT 1 = '1', '2' > 1, 'a' = 'a';
SELECT 1 = 'abc';
SELECT 1 = true;
SELECT 'a'::text = 1;
SELECT 1 < 2 < 3;
-- concatenation and casts
SELECT 'a' || 'b', 'a' || 1, 1 || 'a', 'x' || NULL, true || 'x', 1.5::float8 || '';
SELECT 1 || 2;
SELECT '42'::int + 1, ' 12 '::int, '-5'::bigint, '1.5'::float8, 'TRUE'::boolean, 'n'::bool, 0::boolean, true::int;
SELECT 1.5::float8::int, 2.5::float8::int, -2.5::float8::int, 3.7::float8::bigint, 10::float8 / 4;
SELECT 'x'::int;
SELECT ''::int;
SELECT '99999999999'::int;
SELECT 'maybe'::boolean;
SELECT 'abc'::float8;
SELECT 1e300::float8 * 1e300::float8;
SELECT 3000000000::int;
SELECT true::float8;
SELECT 1::nosuchtype;
-- float output
SELECT 12345678.5::float8, 0.0001::float8, 0.00001::float8, 1e15::float8, 1e16::float8, 123456789012345678::float8;
SELECT 0.1::float8 + 0.2::float8, 1e100::float8, -0.0::float8, 2.5e-310::float8, 'Infinity'::float8, '-inf'::float8, 'nan'::float8;
SELECT 100::float8, 1.0e14::float8, 123456789012345.6::float8, 1.5e-4::float8, 3.14159::float8 * 2;
-- unary operators
SELECT -1, +1, - - 1, -(2 + 3), -'5';
SELECT -'a'::text;
SELECT 1 + ;
