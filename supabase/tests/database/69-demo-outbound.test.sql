-- The demo's outbound desk (20261209110000): graded outbound calls from the
-- phone system become call log lines of new customers, some A leads are
-- booked, the appointments that have come are confirmed by the team lead
-- or marked no-show, some visits become deals — once, whatever the number
-- of runs, and never touching what people entered.
begin;
select plan(12);

\ir test-helpers.psql

\set site '''5a000000-0000-4000-8000-000000000001'''
\set lead4 '''a0000000-0000-4000-8000-000000000014'''

create function tests.ingest(events jsonb) returns jsonb
language sql as $$
  select tests.call_as('service_role', format('public.ingest_events(%L)', events))
$$;

-- 60 connected calls five days ago by agents 31–33, two in three graded A.
create table tests.calls as
select n, 'demo-desk-' || n as call_id, ('ac000000-0000-4000-8000-00000000013' || (1 + n % 3))::uuid as agent_id,
  date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' - interval '5 days'
    + interval '9 hours' + n * interval '5 minutes' as at,
  (array['A', 'A', 'C'])[1 + n % 3] as grade
from generate_series(1, 60) n;
select tests.ingest((select jsonb_agg(e) from tests.calls c, lateral (values
  (jsonb_build_object('event_id', c.call_id || '-d', 'kind', 'call_dialed', 'at', c.at)),
  (jsonb_build_object('event_id', c.call_id || '-c', 'kind', 'call_connected', 'at', c.at + interval '10 s')),
  (jsonb_build_object('event_id', c.call_id || '-e', 'kind', 'call_ended', 'at', c.at + interval '100 s', 'talk_s', 90, 'hold_s', 0)),
  (jsonb_build_object('event_id', c.call_id || '-g', 'kind', 'call_graded', 'at', c.at + interval '110 s', 'grade', c.grade))
) as v (ev), lateral (select v.ev || jsonb_build_object('site_id', :site, 'queue_id', '9e000000-0000-4000-8000-000000000004',
  'call_id', c.call_id, 'agent_id', c.agent_id,
  'at', to_char((v.ev ->> 'at')::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) as e) x));

select id as user_booking from public.invitations where status = 'booked' order by id limit 1 \gset
update public.invitations set appointment_at = now() - interval '1 day' where id = :'user_booking';

select throws_ok(format($$select tests.call_as('authenticated', %L)$$, format('public.play_demo_outbound(%L)', :site)),
  '42501', null, 'only the service role plays the demo desk');
select is(tests.call_as('service_role', format('public.play_demo_outbound(%L)', :site)), '60'::jsonb,
  'the first run logs the 60 graded calls');
select results_eq(
  $$select count(*)::int, count(*) filter (where l.owner_agent_id = c.agent_id and l.grade::text = c.grade
      and lc.grade::text = c.grade and l.list_name = 'demo' and lc.connected and l.follow_up_count = 1)::int
    from tests.calls c join public.lead_calls lc on lc.call_id = c.call_id join public.leads l on l.id = lc.lead_id$$,
  $$values (60, 60)$$,
  'each call is one call log line of a new customer of its caller, graded as the call was');
select is(tests.call_as('service_role', format('public.play_demo_outbound(%L)', :site)), '0'::jsonb,
  'a second run finds nothing new');
select is((select count(*)::int from public.lead_calls where call_id like 'demo-desk-%'), 60, 'and writes nothing twice');

create table tests.visits as
select i.*, c.grade, c.at as called_at from public.invitations i
join public.lead_calls lc on lc.lead_id = i.lead_id join tests.calls c on c.call_id = lc.call_id;
select cmp_ok((select count(*)::int from tests.visits), '>', 0, 'some A leads were booked');
select cmp_ok((select count(*)::int from tests.visits), '<', 40, 'but not every A lead');
select is((select count(*)::int from tests.visits where grade <> 'A'), 0, 'only A leads are booked');
select is(
  (select count(*)::int from tests.visits
   where (appointment_at at time zone 'Asia/Shanghai')::date - (called_at at time zone 'Asia/Shanghai')::date not between 1 and 3
      or extract(hour from appointment_at at time zone 'Asia/Shanghai') not between 10 and 15),
  0, 'for 1 to 3 days later, between 10:00 and 15:59');
select is((select count(*)::int from tests.visits where status = 'booked'), 0,
  'every appointment that has come is settled: visited or no-show');
select is(
  (select count(*)::int from tests.visits where status = 'visited' and confirmed_by is distinct from :lead4::uuid),
  0, 'visits are confirmed by the callers'' team lead');
select is((select status::text from public.invitations where id = :'user_booking'), 'booked',
  'a visit people booked is left for people to confirm');

select * from finish();
rollback;
