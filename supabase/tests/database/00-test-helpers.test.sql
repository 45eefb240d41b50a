-- The helpers of test-helpers.psql do what the other files rely on: they act
-- as the API would, undo what they say they undo, and the second-site fixture
-- is what its comment says. As in every file, they are included inside the
-- transaction and go with its rollback, so a run leaves no helper behind.
begin;
select plan(16);

select is(to_regnamespace('tests'), null, 'no helper schema exists before a file includes the helpers');

\ir test-helpers.psql

-- become(): the role and JWT claims of an API request, until the role is reset.
select tests.become('a0000000-0000-4000-8000-000000000101');
select current_user as became_role, auth.uid() as became_uid \gset
reset role;
select is(:'became_role'::text, 'authenticated', 'become(user): what follows runs as authenticated');
select is(:'became_uid'::text, 'a0000000-0000-4000-8000-000000000101', 'become(user): auth.uid() is the user');
select tests.become(null);
select current_user as became_role \gset
reset role;
select is(:'became_role'::text, 'anon', 'become(null): what follows runs as anon');

-- run_as(): counts what a user sees or changes, then undoes it.
select is(tests.run_as('a0000000-0000-4000-8000-000000000001', 'select * from sites'), 1::bigint,
  'run_as: the admin sees the 1 site');
select is(
  tests.run_as('a0000000-0000-4000-8000-000000000001',
    $$update sites set name = 'Renamed' where id = '5a000000-0000-4000-8000-000000000001'$$),
  1::bigint, 'run_as: the admin renames the site');
select isnt((select name from public.sites where id = '5a000000-0000-4000-8000-000000000001'), 'Renamed',
  'run_as: and the rename is undone');
select is(current_user::text, 'postgres', 'run_as: the test goes on as itself');

-- keep_as(): the change stays, the role does not.
select tests.keep_as('a0000000-0000-4000-8000-000000000001',
  $$update sites set name = 'Kept' where id = '5a000000-0000-4000-8000-000000000001'$$);
select is((select name from public.sites where id = '5a000000-0000-4000-8000-000000000001'), 'Kept',
  'keep_as: the change stays');
select is(current_user::text, 'postgres', 'keep_as: the test goes on as itself');

-- call_as() and outcome().
select is(tests.call_as('service_role', $$jsonb_build_object('role', auth.role())$$), '{"role": "service_role"}'::jsonb,
  'call_as: the call runs as the API role and returns its result');
select is(tests.outcome(null, $$insert into sites (name) values ('Anon site')$$), 'error 42501',
  'outcome: a refused statement gives its SQLSTATE');

-- seat_actors() and check_cases().
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');
select is(array(select name from tests.actors order by ord),
  '{agent,lead,supervisor,manager,qa,analyst,admin,display,anon}'::text[],
  'seat_actors: the nine actors of a matrix, in its column order');
insert into tests.cases (actor, statement, expected, description)
values ('nobody', 'select * from sites', '0', 'a case with a misspelt actor');
select throws_ok('select * from tests.check_cases()', 'P0001', 'tests.cases: no actor named "nobody" in tests.actors',
  'check_cases: a case with an unknown actor fails instead of vanishing');

-- The second site and its rows.
select tests.add_second_site();
select tests.add_second_site_rows();
select results_eq(
  $$select m.role::text, u.email::text from public.members m join auth.users u on u.id = m.user_id
    where m.site_id = '5b000000-0000-4000-8000-000000000002' order by m.role$$,
  $$values ('agent', 'agent@site2.test'), ('lead', 'lead@site2.test'), ('supervisor', 'supervisor@site2.test'),
    ('manager', 'manager@site2.test'), ('display', 'display@site2.test')$$,
  'add_second_site: site 2 has an agent, a lead, a supervisor, a manager and a display');
select is(
  array(
    select t.name from (
      select c.relname::text as name from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'site_id' and not a.attisdropped)
      offset 0 -- only these tables reach the count below
    ) as t
    -- query_to_xml counts the rows of a table named at run time, in plain SQL
    where (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from public.%I where site_id = %L',
      t.name, '5b000000-0000-4000-8000-000000000002'), false, false, '')))[1]::text = '0'
    order by 1),
  '{}'::text[],
  'add_second_site_rows: every public table with a site has a row of site 2');

select * from finish();
rollback;
