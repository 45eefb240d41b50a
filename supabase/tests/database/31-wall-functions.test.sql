-- The wallboard's RPCs: server_time() (20261123200100) for the boards' clock
-- offset, and wall_outbound_today(site_id) (20261123200200), the per-caller
-- outbound counts of the site's day that a display may read although it may
-- not read call_summaries. Events are placed inside the current Shanghai day
-- (and one on the day before), whenever the test runs.
begin;
select plan(11);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- The ingest RPC as the feeders call it (tests.call_as).
create function tests.ingest(events jsonb) returns jsonb
language sql as $$
  select tests.call_as('service_role', format('public.ingest_events(%L)', events))
$$;

create function tests.outbound_as(actor uuid) returns setof record
language plpgsql as $$
begin
  perform tests.become(actor);
  return query select * from public.wall_outbound_today('5a000000-0000-4000-8000-000000000001');
  perform set_config('role', 'none', true);
end;
$$;

select ok(has_function_privilege('authenticated', 'public.server_time()', 'execute'), 'members may read the server clock');
select ok(not has_function_privilege('anon', 'public.server_time()', 'execute'), 'anon may not');
select ok(abs(extract(epoch from public.server_time() - clock_timestamp())) < 1, 'server_time is the clock now');
select ok(
  not has_function_privilege('anon', 'public.wall_outbound_today(uuid)', 'execute'),
  'anon may not read the outbound tally');

-- A moment inside today in Shanghai (and in the past), and one yesterday.
create table tests.t as
select greatest(
    date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' + interval '1 second',
    now() - interval '10 minutes'
  ) as today,
  date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' - interval '1 hour' as yesterday;

create function tests.ev(id text, kind text, at timestamptz, call text, agent text, extra jsonb default '{}')
returns jsonb language sql as $$
  select jsonb_build_object(
    'event_id', 'wall-fn-' || id, 'kind', kind, 'site_id', '5a000000-0000-4000-8000-000000000001',
    'at', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'call_id', call,
    'queue_id', '9e000000-0000-4000-8000-000000000004',
    'agent_id', 'ac000000-0000-4000-8000-000000000' || agent
  ) || extra
$$;

-- Caller 131: three dials today, two connected (graded A, then B re-graded C),
-- and one dial yesterday; caller 132: one dial today, not connected.
select is(
  (tests.ingest((select jsonb_agg(e) from tests.t, lateral (values
    (tests.ev('1', 'call_dialed', t.today, 'o1', '131')),
    (tests.ev('2', 'call_connected', t.today + interval '5 s', 'o1', '131')),
    (tests.ev('3', 'call_graded', t.today + interval '60 s', 'o1', '131', '{"grade": "A"}')),
    (tests.ev('4', 'call_dialed', t.today + interval '70 s', 'o2', '131')),
    (tests.ev('5', 'call_connected', t.today + interval '75 s', 'o2', '131')),
    (tests.ev('6', 'call_graded', t.today + interval '90 s', 'o2', '131', '{"grade": "B"}')),
    (tests.ev('7', 'call_graded', t.today + interval '95 s', 'o2', '131', '{"grade": "C"}')),
    (tests.ev('8', 'call_dialed', t.today + interval '100 s', 'o3', '131')),
    (tests.ev('9', 'call_dialed', t.yesterday, 'o0', '131')),
    (tests.ev('10', 'call_connected', t.yesterday + interval '5 s', 'o0', '131')),
    (tests.ev('11', 'call_dialed', t.today + interval '20 s', 'o4', '132'))
  ) as v (e))) ->> 'accepted')::int,
  11, 'the outbound script is ingested');

-- The seed's invitations would list callers who dialed nothing; they have
-- their own file (32-invitations).
delete from public.invitations;

create table tests.seen as
select * from tests.outbound_as('a0000000-0000-4000-8000-000000000004')
  as (agent_id uuid, dialed int, connected int, grade_a int, grade_b int, grade_c int, grade_d int, invitations_week int);

select results_eq(
  $$select dialed, connected, grade_a, grade_b, grade_c, grade_d from tests.seen
    where agent_id = 'ac000000-0000-4000-8000-000000000131'$$,
  $$values (3, 2, 1, 0, 1, 0)$$,
  'a display sees caller 131''s day: 3 dialed, 2 connected, one A and one re-graded C, yesterday left out');
select results_eq(
  $$select dialed, connected from tests.seen where agent_id = 'ac000000-0000-4000-8000-000000000132'$$,
  $$values (1, 0)$$,
  'and caller 132''s');
select is((select count(*)::int from tests.seen), 2, 'only callers who dialed today have a row');

select is(
  tests.run_as('a0000000-0000-4000-8000-000000000004', 'select * from call_summaries'),
  0::bigint, 'while the display still reads no call summary');

-- A user who is not a member of the site gets nothing.
insert into auth.users (id, aud, role, email)
values ('b0000000-0000-4000-8000-0000000000aa', 'authenticated', 'authenticated', 'outsider@test.local');
select is(
  (select count(*)::int from tests.outbound_as('b0000000-0000-4000-8000-0000000000aa')
    as (agent_id uuid, dialed int, connected int, grade_a int, grade_b int, grade_c int, grade_d int, invitations_week int)),
  0, 'a user of no site sees no tally');
select is(
  (select count(*)::int from tests.outbound_as('a0000000-0000-4000-8000-000000000131')
    as (agent_id uuid, dialed int, connected int, grade_a int, grade_b int, grade_c int, grade_d int, invitations_week int)),
  2, 'any member of the site (an agent) sees the tally');

select * from finish();
rollback;
