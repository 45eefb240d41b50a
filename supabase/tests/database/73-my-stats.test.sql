-- My day (20261209400000): an agent's figures for the site's today, week and
-- month, computed by hand below from this file's own calls (ingested as the
-- phone system sends them), visits and ratings, in March 2025 where the seed
-- has nothing; the targets from the rule table; the month's rank in the
-- team; the trend; who may read them; and `stats_changed`, sent only to the
-- private topic of the agent the rows are about, once per transaction.
--
-- The moment: Wednesday 12 March 2025, 15:00 in Shanghai. Its week is
-- Monday 10 – Sunday 16 March, its month March.
begin;
select plan(55);

\ir test-helpers.psql

create table tests.m (at timestamptz);
insert into tests.m values ('2025-03-12T15:00:00+08:00');
create function tests.moment() returns timestamptz language sql stable as $$ select at from tests.m $$;

create function tests.agent(n integer) returns uuid language sql immutable as $$
  select case when n is not null then format('ac000000-0000-4000-8000-%s', lpad((100 + n)::text, 12, '0'))::uuid end
$$;

-- One event, as in 20-ingest: q1 the sales hotline (SL threshold 15 s), q4 the outbound campaign.
create function tests.ev(
  id text, kind text, at text, call text, queue text, agent integer default null, extra jsonb default '{}'
) returns jsonb
language sql as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'event_id', 'my-' || id, 'kind', kind, 'site_id', '5a000000-0000-4000-8000-000000000001', 'at', at,
    'call_id', 'MY-' || call,
    'queue_id', '9e000000-0000-4000-8000-00000000000' || substr(queue, 2),
    'agent_id', tests.agent(agent)
  )) || extra
$$;
create function tests.ingest(events jsonb) returns jsonb language sql as $$
  select tests.call_as('service_role', format('public.ingest_events(%L)', events))
$$;
-- An outbound call of an agent: dialed at `at` (Shanghai), connected 5 s later or not.
create function tests.dial(id text, agent integer, at text, connected boolean) returns jsonb language sql as $$
  select jsonb_build_array(tests.ev(id || '-d', 'call_dialed', at || '+08:00', id, 'q4', agent))
    || case when connected then jsonb_build_array(tests.ev(id || '-c', 'call_connected',
      to_char((at::timestamp + interval '5 seconds'), 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00', id, 'q4', agent))
    else '[]' end
$$;
-- An inbound call of q1 answered by an agent after `wait` seconds, talked, held, wrapped up.
create function tests.answer(id text, agent integer, at text, wait integer, talk integer, hold integer, acw integer)
returns jsonb language sql as $$
  select jsonb_build_array(
    tests.ev(id || '-o', 'call_offered', at || '+08:00', id, 'q1'),
    tests.ev(id || '-a', 'call_answered', to_char(at::timestamp + make_interval(secs => wait), 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00', id, 'q1', agent),
    tests.ev(id || '-e', 'call_ended',
      to_char(at::timestamp + make_interval(secs => wait + talk + hold), 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00', id, 'q1', agent,
      jsonb_build_object('talk_s', talk, 'hold_s', hold)),
    tests.ev(id || '-w', 'wrap_ended',
      to_char(at::timestamp + make_interval(secs => wait + talk + hold + acw), 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00', id, 'q1', agent))
$$;

create function tests.stats(agent integer, period text) returns record language sql as $$
  select (s.answered, s.answered_within_sl, s.handled, s.handle_s, s.aht_s, s.sl_share, s.csat_avg, s.csat_count,
    s.qa_avg, s.qa_count, s.dialed, s.connected, s.visits, s.deals, s.target, s.team_rank, s.team_size)
  from public.my_stats(tests.agent(agent), tests.moment()) s where s.period = stats.period
$$;

-- ---------------------------------------------------------------- fixture
-- Outbound caller 31 (team 4), Shanghai times:
--   O1 Wed 12 Mar 09:00 connected; O2 Wed 09:10 not connected; O3 Wed 00:00:30 connected (16:00:30 UTC
--   on the 11th: today only in the site's zone); O4 Mon 10 Mar connected; O5 Sun 9 Mar connected (last
--   week); O6 Fri 28 Feb 23:00 connected (last month).
--   today dialed 3 connected 2 · week 4 / 3 · month 5 / 4
select is(tests.ingest(
  tests.dial('O1', 31, '2025-03-12T09:00:00', true) || tests.dial('O2', 31, '2025-03-12T09:10:00', false)
  || tests.dial('O3', 31, '2025-03-12T00:00:30', true) || tests.dial('O4', 31, '2025-03-10T10:00:00', true)
  || tests.dial('O5', 31, '2025-03-09T10:00:00', true) || tests.dial('O6', 31, '2025-02-28T23:00:00', true)
) ->> 'accepted', '11', 'caller 31''s six outbound calls are ingested');

-- Visits (confirmed invitations) of leads of caller 31 and two teammates:
--   31: V1 visited Wed 12 Mar 10:00 and a villa deal 11:00; V2 visited Tue 11 Mar; V3 visited Mon 3 Mar;
--       V4 visited 27 Feb; V5 booked only.      today visits 1 deals 1 · week 2 / 1 · month 3 / 1
--   32: four visits in March (ranks first); 33: three visits in March, two of them deals (ties 31 on
--       visits, ahead on deals). So 31 is third of the team's ten.
insert into public.leads (id, site_id, owner_agent_id, customer_name, phone, source)
select ('1e730000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '5a000000-0000-4000-8000-000000000001',
  tests.agent(owner), 'Test customer ' || n, '1380000' || lpad(n::text, 4, '0'), 'own_project'
from (values (1, 31), (2, 31), (3, 31), (4, 31), (5, 31), (6, 32), (7, 32), (8, 32), (9, 32),
  (10, 33), (11, 33), (12, 33)) as l (n, owner);
insert into public.invitations (site_id, agent_id, lead_id, appointment_at, status, visited_at, confirmed_at,
  deal_product, deal_at)
select '5a000000-0000-4000-8000-000000000001', tests.agent(owner),
  ('1e730000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, coalesce(visited, '2025-03-20T10:00:00+08:00'),
  case when visited is null then 'booked' else 'visited' end::public.invitation_status,
  visited, visited, deal::public.product_kind, deal_at
from (values
  (1, 31, timestamptz '2025-03-12T10:00:00+08:00', 'villa', timestamptz '2025-03-12T11:00:00+08:00'),
  (2, 31, '2025-03-11T10:00:00+08:00', null, null),
  (3, 31, '2025-03-03T10:00:00+08:00', null, null),
  (4, 31, '2025-02-27T10:00:00+08:00', null, null),
  (5, 31, null, null, null),
  (6, 32, '2025-03-04T10:00:00+08:00', null, null),
  (7, 32, '2025-03-05T10:00:00+08:00', null, null),
  (8, 32, '2025-03-06T10:00:00+08:00', null, null),
  (9, 32, '2025-03-07T10:00:00+08:00', null, null),
  (10, 33, '2025-03-04T10:00:00+08:00', 'high_rise', '2025-03-04T12:00:00+08:00'),
  (11, 33, '2025-03-05T10:00:00+08:00', 'villa', '2025-03-05T12:00:00+08:00'),
  (12, 33, '2025-03-06T10:00:00+08:00', null, null)
) as v (n, owner, visited, deal, deal_at);

-- Inbound agent 01 (team 1), queue q1 (service level within 15 s):
--   A Wed 12 Mar 09:00, answered after 10 s (within), talk 110 hold 10 wrap 30 → handle 150
--   B Wed 09:05, answered after 20 s (not within), talk 60 wrap 10             → handle 70
--   C Tue 11 Mar 10:00, answered after 5 s (within), talk 100 wrap 20          → handle 120
--   today answered 2 within 1 handled 2 handle 220 s: AHT 110.0 s, SL 0.5000
--   week and month answered 3 within 2 handled 3 handle 340 s: AHT 113.3 s, SL 0.6667
-- Agent 02 answers four calls on Wed 5 March: first of team 1 by answered calls, 01 second.
select is(tests.ingest(
  tests.answer('A', 1, '2025-03-12T09:00:00', 10, 110, 10, 30) || tests.answer('B', 1, '2025-03-12T09:05:00', 20, 60, 0, 10)
  || tests.answer('C', 1, '2025-03-11T10:00:00', 5, 100, 0, 20)
  || tests.answer('D1', 2, '2025-03-05T09:00:00', 5, 60, 0, 0) || tests.answer('D2', 2, '2025-03-05T10:00:00', 5, 60, 0, 0)
  || tests.answer('D3', 2, '2025-03-05T11:00:00', 5, 60, 0, 0) || tests.answer('D4', 2, '2025-03-05T12:00:00', 5, 60, 0, 0)
) ->> 'accepted', '28', 'the inbound calls of agents 01 and 02 are ingested');

-- CSAT 5 for A and 4 for C; QA 90 for A: today CSAT 5.00 (1), QA 90.00 (1); week CSAT 4.50 (2).
insert into public.call_ratings (site_id, queue_id, call_id, agent_id, call_at, score)
select '5a000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001', 'MY-' || c, tests.agent(1), at, score
from (values ('A', timestamptz '2025-03-12T09:00:10+08:00', 5), ('C', '2025-03-11T10:00:05+08:00', 4)) r (c, at, score);
insert into public.qa_evaluations (site_id, agent_id, queue_id, call_id, call_at, scored_by, total)
values ('5a000000-0000-4000-8000-000000000001', tests.agent(1), '9e000000-0000-4000-8000-000000000001', 'MY-A',
  '2025-03-12T09:00:10+08:00', 'a0000000-0000-4000-8000-000000000003', 90);

-- ---------------------------------------------------------------- figures

-- Read as the site's manager (the claims only: the role stays the test's, which may use schema tests).
select set_config('request.jwt.claims', '{"sub": "a0000000-0000-4000-8000-000000000002", "role": "authenticated"}', true);

-- answered, within SL, handled, handle s, AHT, SL, CSAT, n, QA, n, dialed, connected, visits, deals, target, rank, size
select is(tests.stats(31, 'today')::text, '(0,0,0,0,,,,0,,0,3,2,1,1,100,,)',
  'caller 31 today: 3 dialed (the one at 00:00:30 too), 2 connected, 1 visit, 1 deal; target 100 connected calls');
select is(tests.stats(31, 'week')::text, '(0,0,0,0,,,,0,,0,4,3,2,1,10,,)',
  'caller 31 this week: 4 dialed, 3 connected, 2 visits, 1 deal; target 10 visits');
select is(tests.stats(31, 'month')::text, '(0,0,0,0,,,,0,,0,5,4,3,1,40,3,10)',
  'caller 31 this month: 5 dialed, 4 connected, 3 visits, 1 deal; target 40 visits; third of the team''s ten');
select is(tests.stats(1, 'today')::text, '(2,1,2,220,110.0,0.5000,5.00,1,90.00,1,0,0,0,0,,,)',
  'agent 01 today: 2 answered, 1 within the threshold, AHT 110 s, SL 50 %, CSAT 5 of 1 rating, QA 90; no outbound target');
select is(tests.stats(1, 'week')::text, '(3,2,3,340,113.3,0.6667,4.50,2,90.00,1,0,0,0,0,,,)',
  'agent 01 this week: 3 answered, 2 within, AHT 113.3 s, SL 66.67 %, CSAT 4.5 of 2');
select is(tests.stats(1, 'month')::text, '(3,2,3,340,113.3,0.6667,4.50,2,90.00,1,0,0,0,0,,2,10)',
  'agent 01 this month: the week''s figures, second of team 1 (agent 02 answered 4)');
select is(tests.stats(2, 'month')::text, '(4,4,4,240,60.0,1.0000,,0,,0,0,0,0,0,,1,10)',
  'agent 02 this month: first of team 1');

select results_eq(
  $$select period, starts_on, ends_on, team_kind from public.my_stats(tests.agent(31), tests.moment())$$,
  $$values ('today', date '2025-03-12', date '2025-03-12', 'outbound'), ('week', '2025-03-10', '2025-03-16', 'outbound'),
    ('month', '2025-03-01', '2025-03-31', 'outbound')$$,
  'the periods are the site''s day, its Monday-to-Sunday week and its month, in that order'
);
select is((select team_kind from public.my_stats(tests.agent(1), tests.moment()) limit 1), 'inbound',
  'agent 01''s team is an inbound one');

-- The targets come from the rule table, version in force on the day.
insert into public.incentive_rules (site_id, rule, effective_from, params) values
  ('5a000000-0000-4000-8000-000000000001', 'connected_calls', '2025-03-12', '{"daily_target": 80, "yuan_per_missing": 1}'),
  ('5a000000-0000-4000-8000-000000000001', 'weekly_invitations', '2025-03-01', '{"weekly_target": 12}');
select is((select target from public.my_stats(tests.agent(31), tests.moment()) where period = 'today'), 80,
  'a new version of connected_calls from today sets today''s target');
select is((select target from public.my_stats(tests.agent(31), '2025-03-11T15:00:00+08:00') where period = 'today'), 100,
  'the day before, the older version is in force');
select is((select target from public.my_stats(tests.agent(31), tests.moment()) where period = 'week'), 12,
  'the weekly target from weekly_invitations');

-- ---------------------------------------------------------------- trend

select is((select count(*)::integer from public.my_trend(tests.agent(31), 30, tests.moment())), 30, 'thirty days');
select is((select min(day)::text || ' ' || max(day)::text from public.my_trend(tests.agent(31), 30, tests.moment())),
  '2025-02-11 2025-03-12', 'from 11 February to today, oldest first');
select is(
  (select array_agg(day::text || ' ' || dialed || ' ' || connected || ' ' || visits || ' ' || deals order by day)
   from public.my_trend(tests.agent(31), 30, tests.moment()) where dialed + connected + visits + deals > 0),
  array['2025-02-27 0 0 1 0', '2025-02-28 1 1 0 0', '2025-03-03 0 0 1 0', '2025-03-09 1 1 0 0', '2025-03-10 1 1 0 0',
    '2025-03-11 0 0 1 0', '2025-03-12 3 2 1 1'],
  'each call, visit and deal on its site day; the other days are zeros');
select is(
  (select array_agg(day::text || ' ' || answered || ' ' || answered_within_sl || ' ' || handled || ' ' || handle_s order by day)
   from public.my_trend(tests.agent(1), 7, tests.moment()) where answered > 0),
  array['2025-03-11 1 1 1 120', '2025-03-12 2 1 2 220'], 'agent 01''s answered calls per day');
select throws_ok($$select * from public.my_trend(tests.agent(31), 93, tests.moment())$$, 'CB130',
  'a trend covers 1 to 92 days', 'at most 92 days');

-- ---------------------------------------------------------------- who reads

select tests.add_qa_and_analyst();
insert into tests.actors (ord, name, id) values
  (1, 'agent31', 'a0000000-0000-4000-8000-000000000131'),
  (2, 'agent32', 'a0000000-0000-4000-8000-000000000132'),
  (3, 'lead4', 'a0000000-0000-4000-8000-000000000014'),
  (4, 'lead1', 'a0000000-0000-4000-8000-000000000011'),
  (5, 'supervisor', 'a0000000-0000-4000-8000-000000000003'),
  (6, 'manager', 'a0000000-0000-4000-8000-000000000002'),
  (7, 'qa', 'b0000000-0000-4000-8000-000000000005'),
  (8, 'analyst', 'b0000000-0000-4000-8000-000000000006'),
  (9, 'admin', 'a0000000-0000-4000-8000-000000000001'),
  (10, 'display', 'a0000000-0000-4000-8000-000000000004'),
  (11, 'anon', null);
insert into tests.matrix (op, what, statement, expected) values
  ('select', 'caller 31''s figures', format('select * from public.my_stats(%L)', tests.agent(31)),
    '{3,42501,3,42501,3,3,3,3,3,42501,42501}'),
  ('select', 'caller 31''s trend', format('select * from public.my_trend(%L, 7)', tests.agent(31)),
    '{7,42501,7,42501,7,7,7,7,7,42501,42501}');
select * from tests.check_matrix();
select tests.check(tests.actor('agent31'), 'select * from public.my_stats(''ac000000-0000-4000-8000-000000000999'')',
  '42501', 'agent31: an unknown agent id is refused like another''s');

-- ---------------------------------------------------------------- live

-- The messages sent since the last tests.mark(), as 'topic what', sorted.
create table tests.seen (id uuid primary key);
create function tests.mark() returns void language sql as $$
  insert into tests.seen select id from realtime.messages on conflict do nothing;
  select set_config('callboard.stats_sent', '', true); -- as after a commit: a new transaction tells again
$$;
create function tests.sent() returns text[] language sql as $$
  select coalesce(array_agg(m.topic || ' ' || (m.payload ->> 'what') order by m.topic, m.payload ->> 'what'), '{}')
  from realtime.messages m
  where m.event = 'stats_changed' and m.id not in (select id from tests.seen)
$$;

select tests.mark();
select is(tests.ingest(tests.dial('L1', 31, '2025-03-20T09:00:00', true) || tests.dial('L2', 31, '2025-03-20T09:01:00', false))
  ->> 'accepted', '3', 'two more calls of caller 31 in one batch');
select is(tests.sent(), array['agent:' || tests.agent(31) || ' calls'],
  'one message, to caller 31''s own topic only');
select is(
  (select array_agg(distinct m.payload - 'id') from realtime.messages m
   where m.event = 'stats_changed' and m.id not in (select id from tests.seen)),
  array[jsonb_build_object('agent_id', tests.agent(31), 'what', 'calls')],
  'the payload names the agent and what changed: no call, no customer, no figure');
select is((select bool_and(m.private) from realtime.messages m
  where m.event = 'stats_changed' and m.id not in (select id from tests.seen)), true, 'on a private topic');

select is(tests.ingest(tests.dial('L3', 31, '2025-03-20T09:02:00', true)) ->> 'accepted', '2',
  'another batch in the same transaction');
select is(cardinality(tests.sent()), 1, 'tells nobody again before commit: the page reads everything then');

select tests.mark();
select is(tests.ingest(tests.dial('L4', 32, '2025-03-20T09:03:00', true) || tests.dial('L5', 31, '2025-03-20T09:04:00', true)
  || tests.answer('L6', 3, '2025-03-20T09:05:00', 5, 30, 0, 5)) ->> 'accepted', '8', 'calls of three agents in one batch');
select is(tests.sent(), (select array_agg('agent:' || tests.agent(n) || ' calls' order by 'agent:' || tests.agent(n)) from unnest('{3,31,32}'::int[]) n),
  'one message each, to each agent''s own topic');

select tests.mark();
update public.invitations set status = 'visited'
where lead_id = '1e730000-0000-4000-8000-000000000005';
select is(tests.sent(), array['agent:' || tests.agent(31) || ' invitations'], 'a visit confirmed tells its caller');

select tests.mark();
select tests.keep_as(tests.actor('agent31'),
  'select public.log_lead_call(''1e730000-0000-4000-8000-000000000002'', true, ''B'', ''villa'', ''call back'', null)');
select is(tests.sent(), array['agent:' || tests.agent(31) || ' lead_calls'], 'a call logged tells its caller');

select tests.mark();
update public.call_summaries set grade = 'A' where call_id = 'MY-L4';
select is(tests.sent(), array['agent:' || tests.agent(32) || ' calls'], 'a call graded again tells its agent');

select tests.mark();
insert into public.call_ratings (site_id, queue_id, call_id, agent_id, call_at, score)
values ('5a000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001', 'MY-L6', tests.agent(3),
  '2025-03-20T09:05:05+08:00', 3);
select is(tests.sent(), array['agent:' || tests.agent(3) || ' ratings'], 'a CSAT rating tells the agent rated');

select tests.mark();
update public.qa_evaluations set total = 95 where call_id = 'MY-A';
select is(tests.sent(), array['agent:' || tests.agent(1) || ' evaluations'], 'a QA score changed tells the agent scored');

select * from finish();
rollback;
