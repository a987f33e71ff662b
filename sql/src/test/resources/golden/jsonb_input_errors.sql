-- jsonb input errors: PostgreSQL adds a CONTEXT line ("JSON data, line 1: ...") that ShaleDB omits;
-- apart from those lines the output is identical.
SELECT '{"a": }'::jsonb;
SELECT '{"a" 1}'::jsonb;
SELECT '[1, 2'::jsonb;
SELECT '{"a": tru}'::jsonb;
SELECT '{1: 2}'::jsonb;
SELECT '[1, 2] x'::jsonb;
SELECT '"\x"'::jsonb;
SELECT ''::jsonb;
SELECT '01'::jsonb;
SELECT '{"a": 1,}'::jsonb;
SELECT '"\u0000"'::jsonb;
