-- one-dimensional arrays: input/output, constructor, subscripts, ANY/ALL, operators, functions, storage
SELECT '{1,2,3}'::int[] AS a, '{}'::text[] AS empty, ' { 1 , 2 } '::int4[] AS spaced, '{NULL,4}'::bigint[] AS with_null;
SELECT '{a,"b c","",NULL,"NULL","x\"y","p\\q","{}",","}'::text[] AS quoting;
SELECT '{1.50,2}'::numeric[], '{1.5,2e3}'::float8[], '{t,false}'::bool[], '{2024-01-02}'::date[];
SELECT '{"2024-01-02 03:04:05"}'::timestamp[], '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid[];
SELECT '{"{\"a\": 1}",null}'::jsonb[] AS jsonb_array, '{x,y}'::varchar[] AS v;
SELECT ARRAY[1, 2, 3] AS ints, ARRAY['a', 'b'] AS texts, ARRAY[1, 2.5] AS mixed, ARRAY[1, NULL] AS nul;
SELECT ARRAY[]::int[] AS empty_int, ARRAY[1::smallint, 2::bigint] AS widened, ARRAY['1', 2] AS from_unknown;
SELECT (ARRAY[10, 20, 30])[2] AS second, (ARRAY[10, 20, 30])[0] AS zero, (ARRAY[10, 20, 30])[4] AS beyond;
SELECT 2 = ANY(ARRAY[1, 2, 3]) AS any_t, 5 = ANY('{1,2,3}') AS any_f, 5 = ANY(ARRAY[1, NULL]) AS any_null,
       NULL::int = ANY(ARRAY[1]) AS null_lhs, 1 = ANY('{}'::int[]) AS empty_any;
SELECT 5 <> ALL(ARRAY[1, 2]) AS all_t, 2 <> ALL(ARRAY[1, 2]) AS all_f, 3 > ALL(ARRAY[1, NULL]) AS all_null,
       1 = ALL('{}'::int[]) AS empty_all, 'b' = SOME(ARRAY['a', 'b']) AS some_t;
SELECT ARRAY[1, 2, 3] @> ARRAY[3, 1] AS contains, ARRAY[1, 2] <@ ARRAY[1, 2, 3] AS contained,
       ARRAY[1, 2] && ARRAY[2, 5] AS overlap, ARRAY[1, 2] && ARRAY[7] AS no_overlap, ARRAY[1, NULL] @> ARRAY[NULL::int] AS null_elem;
SELECT ARRAY[1, 2] || ARRAY[3] AS cat, ARRAY[1, 2] || 3 AS append, 0 || ARRAY[1, 2] AS prepend,
       ARRAY['a'] || '{b,c}' AS unknown_cat, ARRAY[1] || NULL::int[] AS null_cat;
SELECT ARRAY[1, 2] = ARRAY[1, 2] AS eq, ARRAY[1, 2] < ARRAY[1, 3] AS lt, ARRAY[1, 2] < ARRAY[1, 2, 0] AS shorter,
       ARRAY[1, NULL] = ARRAY[1, NULL] AS null_eq, ARRAY[2] > ARRAY[1, 9] AS gt;
SELECT array_length(ARRAY[1, 2, 3], 1), array_length('{}'::int[], 1), array_length(ARRAY[1], 2),
       cardinality(ARRAY['a', 'b']), cardinality('{}'::int[]), array_upper(ARRAY[5, 6], 1), array_lower(ARRAY[5, 6], 1);
SELECT array_position(ARRAY['a', 'b', 'a'], 'a'), array_position(ARRAY[1, 2], 9), array_positions(ARRAY[1, 2, 1], 1);
SELECT array_append(ARRAY[1, 2], 3), array_prepend(0, ARRAY[1]), array_cat(ARRAY[1], ARRAY[2, 3]),
       array_remove(ARRAY[1, 2, 1, NULL], 1), array_remove(ARRAY[1, NULL], NULL);
SELECT array_to_string(ARRAY[1, NULL, 3], ','), array_to_string(ARRAY['a', NULL, 'c'], '-', '*'),
       string_to_array('a,b,,c', ','), string_to_array('a b', NULL), string_to_array('x,NA,y', ',', 'NA'), string_to_array('', ',');
SELECT * FROM unnest(ARRAY[3, 1, NULL, 2]) AS u(n);
SELECT u, u * 2 AS doubled FROM unnest('{5,6}'::int[]) AS u ORDER BY u DESC;
SELECT '{1,2}'::int[]::text AS as_text, '{1,2}'::int[]::bigint[] AS widened, '{1.7,2.2}'::numeric[]::int[] AS rounded,
       ARRAY['1', '2']::int[] AS parsed;
CREATE TABLE t (id int PRIMARY KEY, nums int[], names text ARRAY, stamps timestamptz[], amounts numeric[]);
INSERT INTO t VALUES (1, '{1,2,3}', '{alice,bob}', '{"2024-01-01 10:00:00+00"}', '{1.50}'),
                     (2, ARRAY[4, NULL], ARRAY['carol'], NULL, '{}'),
                     (3, '{}', '{"a b","",NULL}', '{}', NULL);
SELECT * FROM t ORDER BY id;
SELECT id, nums[1] AS first, names[2] AS second, cardinality(nums) AS n FROM t ORDER BY id;
SELECT id FROM t WHERE 2 = ANY(nums) OR 'carol' = ANY(names) ORDER BY id;
SELECT id FROM t WHERE nums @> '{4}' ORDER BY id;
SELECT id, nums FROM t ORDER BY nums DESC;
UPDATE t SET nums = array_append(nums, 99), names = names || 'zed'::text WHERE id = 2;
SELECT id, nums, names FROM t WHERE id = 2;
SELECT array_agg(id) AS ids, array_agg(names[1]) AS firsts FROM (SELECT * FROM t ORDER BY id) s;
SELECT jsonb_agg(nums) AS nums, jsonb_object_agg(id, names) AS by_id FROM (SELECT * FROM t ORDER BY id) s;
SELECT array_agg(id) AS none FROM t WHERE false;
SELECT array_agg(id ORDER BY id DESC) AS desc_ids, array_agg(DISTINCT n ORDER BY n) AS distinct_n,
       jsonb_agg(id ORDER BY id) FILTER (WHERE id > 1) AS filtered
FROM t, unnest(ARRAY[2, 1, 2]) AS u(n);
CREATE INDEX t_nums ON t (nums);
SELECT id FROM t WHERE nums = '{1,2,3}';
SELECT DISTINCT a FROM (VALUES (ARRAY[1.0]), (ARRAY[1.00]), (ARRAY[2])) AS x(a) ORDER BY a;
SELECT CASE WHEN true THEN ARRAY[1] ELSE ARRAY[2, 3] END, COALESCE(NULL, ARRAY['x']), ('{"a": {"b": 1}}'::jsonb)['a']['b'] AS sub;
-- errors
SELECT ARRAY[];
SELECT '{1,2'::int[];
SELECT '1,2'::int[];
SELECT '{1,a}'::int[];
SELECT '{1}x'::int[];
SELECT ARRAY[1, 'x'];
SELECT ARRAY[1, true];
SELECT (1)[1];
SELECT 1 = ANY(1);
SELECT ARRAY[1] @> ARRAY['a'];
SELECT ARRAY[1] || ARRAY[true];
SELECT array_length(ARRAY[1]);
