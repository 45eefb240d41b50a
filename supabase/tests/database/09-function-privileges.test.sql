-- RPC surface: no function in schema public is callable by anon, and a new
-- function is callable by nobody but its owner until it is granted.
begin;
select plan(3);

select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'public' and has_function_privilege('anon', p.oid, 'execute')),
  0,
  'anon can execute no function in schema public'
);

create function public.tmp_probe() returns integer language sql as $$ select 1 $$;

select ok(
  not has_function_privilege('anon', 'public.tmp_probe()', 'execute'),
  'a new function in public is not executable by anon'
);
select ok(
  not has_function_privilege('authenticated', 'public.tmp_probe()', 'execute'),
  'a new function in public is not executable by authenticated'
);

select * from finish();
rollback;
