-- jsonb: input normalization, output, operators, functions, casts, storage (PostgreSQL 15 semantics)
SELECT '{"b": 1, "a": [1, 2, {"c": null}], "aa": true}'::jsonb;
SELECT '{"a": 1, "a": 2}'::jsonb AS last_wins;
SELECT '  [1,2 ,  "x"] '::jsonb, '"str"'::jsonb, '12.50'::jsonb, '1e3'::jsonb, 'null'::jsonb, 'true'::jsonb;
SELECT '{"key": "tab\there \"q\" \\ \u00e9"}'::jsonb;
SELECT '{}'::jsonb, '[]'::jsonb, '{"a": {}, "b": []}'::jsonb;
SELECT '{"a": {"b": [10, 20, 30]}}'::jsonb -> 'a' AS a, '{"a": {"b": [10, 20, 30]}}'::jsonb -> 'a' -> 'b' -> 1 AS b1;
SELECT '[1, 2, 3]'::jsonb -> -1 AS last, '[1, 2, 3]'::jsonb -> 5 AS missing, '{"a": 1}'::jsonb -> 'z' AS nokey;
SELECT '{"a": "x", "n": 5, "z": null}'::jsonb ->> 'a' AS a, ('{"n": 5}'::jsonb ->> 'n')::int + 1 AS n1,
       '{"z": null}'::jsonb ->> 'z' IS NULL AS z_is_null;
SELECT '{"a": {"b": [10, 20, 30]}}'::jsonb #> '{a,b,2}' AS p, '{"a": {"b": [10, 20, 30]}}'::jsonb #>> '{a,b}' AS pt;
SELECT '{"a": 1, "b": {"c": 2}}'::jsonb @> '{"b": {"c": 2}}' AS c1, '{"a": 1}'::jsonb <@ '{"a": 1, "b": 2}' AS c2,
       '[1, 2, [3, 4]]'::jsonb @> '[[3]]' AS c3, '[1, 2]'::jsonb @> '1' AS c4, '{"a": 1}'::jsonb @> '{"a": 2}' AS c5;
SELECT '{"a": 1, "b": 2}'::jsonb ? 'a' AS has_a, '["x", "y"]'::jsonb ? 'y' AS has_y,
       '{"a": 1, "b": 2}'::jsonb ?| '{b,c}' AS any_bc, '{"a": 1, "b": 2}'::jsonb ?& '{a,c}' AS all_ac;
SELECT '{"a": 1}'::jsonb || '{"b": 2, "a": 3}' AS merged, '[1, 2]'::jsonb || '[3]' AS arr, '[1]'::jsonb || '2' AS scalar;
SELECT '{"a": 1, "b": 2}'::jsonb - 'a' AS del_key, '[1, 2, 3]'::jsonb - 1 AS del_idx, '["a", "b", "a"]'::jsonb - 'a' AS del_str,
       '{"a": 1, "b": 2, "c": 3}'::jsonb - '{a,c}'::text[] AS del_keys;
SELECT '{"a": 1, "b": 2}'::jsonb = '{"b": 2, "a": 1}'::jsonb AS eq, '1.0'::jsonb = '1'::jsonb AS num_eq,
       '[1, 2]'::jsonb < '[1, 3]'::jsonb AS lt;
SELECT jsonb_build_object('a', 1, 'b', 'two', 'c', NULL, 'd', true, 'e', 1.50);
SELECT jsonb_build_array(1, 'x', NULL, false, '{"k": 1}'::jsonb), jsonb_build_array(), jsonb_build_object();
SELECT to_jsonb(42), to_jsonb('hi'::text), to_jsonb(true), to_jsonb(ARRAY[1, 2]), to_jsonb(3.5::float8), to_jsonb(NULL::int);
SELECT to_jsonb('2024-01-02 03:04:05'::timestamp) AS ts, to_jsonb('2024-01-02'::date) AS d;
SELECT jsonb_typeof('{}'), jsonb_typeof('[]'), jsonb_typeof('1'), jsonb_typeof('"s"'), jsonb_typeof('true'), jsonb_typeof('null');
SELECT jsonb_array_length('[1, 2, [3]]'), jsonb_array_length('[]');
SELECT jsonb_set('{"a": {"b": 1}}', '{a,b}', '2') AS s1, jsonb_set('{"a": 1}', '{c}', '[true]') AS s2,
       jsonb_set('{"a": 1}', '{c}', '3', false) AS s3, jsonb_set('[1, 2, 3]', '{1}', '"x"') AS s4;
SELECT jsonb_strip_nulls('{"a": 1, "b": null, "c": {"d": null}}');
SELECT jsonb_pretty('{"a": 1, "b": [1, 2], "c": {"d": "x"}}');
SELECT jsonb_extract_path('{"a": {"b": 5}}', 'a', 'b'), jsonb_extract_path_text('{"a": {"b": "t"}}', 'a', 'b');
SELECT ('{"n": 12}'::jsonb -> 'n')::int AS i, ('{"n": 1.5}'::jsonb -> 'n')::numeric AS n,
       ('{"n": 2.5}'::jsonb -> 'n')::float8 AS f, ('{"t": true}'::jsonb -> 't')::boolean AS b;
SELECT '{"a": 1}'::jsonb::text AS t, '[1,  2]'::jsonb::text || '!' AS cat;
CREATE TABLE docs (id int PRIMARY KEY, body jsonb, tags text[]);
INSERT INTO docs VALUES (1, '{"name": "alpha", "n": 3, "tags": ["x", "y"]}', '{x,y}'),
                        (2, '{"name": "beta", "n": 1, "nested": {"k": [1, 2]}}', '{}'),
                        (3, NULL, NULL),
                        (4, '[1, 2, 3]', ARRAY['z']);
SELECT id, body FROM docs ORDER BY id;
SELECT id, body ->> 'name' AS name, (body ->> 'n')::int * 10 AS n10 FROM docs WHERE body ? 'name' ORDER BY id;
SELECT id FROM docs WHERE body @> '{"tags": ["y"]}';
SELECT id, jsonb_typeof(body) FROM docs ORDER BY body, id;
UPDATE docs SET body = jsonb_set(body, '{n}', to_jsonb((body ->> 'n')::int + 1)) WHERE id = 1;
SELECT body FROM docs WHERE id = 1;
SELECT count(*) FROM docs WHERE body = '{"n": 1, "name": "beta", "nested": {"k": [1, 2]}}';
-- errors
SELECT '{"a": 1}'::jsonb -> 1.5;
SELECT '{"a": 1}'::jsonb @> 1;
SELECT ('{"a": "x"}'::jsonb -> 'a')::int;
SELECT ('{"a": [1]}'::jsonb -> 'a')::numeric;
SELECT jsonb_array_length('{"a": 1}');
SELECT jsonb_array_length('5');
SELECT jsonb_build_object('a');
SELECT jsonb_build_object(NULL, 1);
SELECT '[1]'::jsonb - 'a' AS ok, '{"a": 1}'::jsonb - 0;
SELECT '5'::jsonb - 'a';
-- grouping uses jsonb equality (1.0 = 1)
SELECT v, count(*) FROM (VALUES ('1.0'::jsonb), ('1'::jsonb), ('{"a": 2}'), ('{"a": 2.00}')) AS x(v) GROUP BY v ORDER BY v;
