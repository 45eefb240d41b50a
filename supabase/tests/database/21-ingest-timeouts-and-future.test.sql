-- Timeouts kept apart from abandons (20261204400000_call_timeouts.sql) and
-- events from the future refused (20261204400100_future_events_refused.sql):
-- a script of legs with every mix of outcome facts, sent newest first, whose
-- counts are worked out by hand below; rebuild_live agreeing with it; the
-- queue setting and who may change it; the clock check, its message and the
-- site's allowance. Time is frozen for the whole file: now() is the start of
-- its transaction.
begin;
select plan(31);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

create function tests.ingest_as(api_role text, events jsonb) returns jsonb
language sql as $$
  select tests.call_as(api_role, format('public.ingest_events(%L)', events))
$$;

-- One event: q1..q4 are the demo queues, a101.. the demo agents.
create function tests.ev(
  id text, kind text, at text, call text default null, queue text default null, agent text default null
) returns jsonb
language sql as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'event_id', id, 'kind', kind, 'site_id', '5a000000-0000-4000-8000-000000000001', 'at', at, 'call_id', call,
    'queue_id', case when queue is not null then '9e000000-0000-4000-8000-00000000000' || substr(queue, 2) end,
    'agent_id', case when agent is not null then 'ac000000-0000-4000-8000-000000000' || substr(agent, 2) end
  ))
$$;

-- An ISO time `seconds` after the frozen now(), as a feeder would stamp it.
create function tests.from_now(seconds integer) returns text
language sql as $$
  select to_char((now() + make_interval(secs => seconds)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;

-- ---------------------------------------------------------------- validation of the new kind

select throws_ok(
  format('select tests.ingest_as(%L, %L)', 'service_role',
    jsonb_build_array(tests.ev('v-1', 'call_timed_out', '2026-11-23T10:00:00+08:00', 'V-1', 'q4'))),
  '22023',
  'events[0] (event_id "v-1"): call_timed_out needs an inbound queue; queue 9e000000-0000-4000-8000-000000000004 is an outbound campaign',
  'a timeout on the outbound campaign is refused'
);
select throws_ok(
  format('select tests.ingest_as(%L, %L)', 'service_role',
    jsonb_build_array(tests.ev('v-2', 'call_timed_out', '2026-11-23T10:00:00+08:00', 'V-2', 'q1', 'a101'))),
  '22023', 'events[0] (event_id "v-2"): field "agent_id" is not allowed in a call_timed_out event',
  'a timeout names no agent: the queue gave up, nobody took the call'
);
select throws_like(
  format('select tests.ingest_as(%L, %L)', 'service_role',
    jsonb_build_array(tests.ev('v-3', 'call_timeout', '2026-11-23T10:00:00+08:00', 'V-3', 'q1'))),
  '%kind "call_timeout" is unknown; expected one of %call_abandoned, call_timed_out, %',
  'an unknown kind is refused with call_timed_out among the kinds it lists'
);

-- ---------------------------------------------------------------- the script
-- Queue q1 (SL 15 s, short abandons under 5 s), Shanghai times; all in the 10:00 interval (02:00 UTC).
--   T1 10:00:00 offered, timed out 10:02:00                          → timed out, wait 120
--   T2 10:01:00 offered, timed out 10:03:00, abandoned 10:03:01      → timed out (the earlier fact), wait 120
--   T3 10:02:00 offered, abandoned 10:02:30, timed out 10:02:31      → abandoned (long), wait 30
--   T4 10:03:00 offered, abandon t4-a and timeout t4-b both 10:04:00 → abandoned (t4-a sorts first), wait 60
--   T5 10:04:00 offered, timeout t5-a and abandon t5-b both 10:05:00 → timed out (t5-a sorts first), wait 60
--   T6 10:05:00 offered, answered 10:05:10 by 101, timed out 10:05:20 → answered (an answer beats both), wait 10
--   T7 10:06:00 offered, still waiting
--   T8 10:07:00 offered, timed out 10:07:02 (no agent at all)        → timed out; not a short abandon
--   T9 timed out 10:08:00, its offer never arrived                   → counts nowhere, does not wait
--      (wait 0, as for an abandon whose offer is missing)
create table tests.script (n serial primary key, e jsonb not null);
insert into tests.script (e) values
  (tests.ev('t1-o', 'call_offered', '2026-11-23T10:00:00+08:00', 'T1', 'q1')),
  (tests.ev('t1-t', 'call_timed_out', '2026-11-23T10:02:00+08:00', 'T1', 'q1')),
  (tests.ev('t2-o', 'call_offered', '2026-11-23T10:01:00+08:00', 'T2', 'q1')),
  (tests.ev('t2-t', 'call_timed_out', '2026-11-23T10:03:00+08:00', 'T2', 'q1')),
  (tests.ev('t2-a', 'call_abandoned', '2026-11-23T10:03:01+08:00', 'T2', 'q1')),
  (tests.ev('t3-o', 'call_offered', '2026-11-23T10:02:00+08:00', 'T3', 'q1')),
  (tests.ev('t3-a', 'call_abandoned', '2026-11-23T10:02:30+08:00', 'T3', 'q1')),
  (tests.ev('t3-t', 'call_timed_out', '2026-11-23T10:02:31+08:00', 'T3', 'q1')),
  (tests.ev('t4-o', 'call_offered', '2026-11-23T10:03:00+08:00', 'T4', 'q1')),
  (tests.ev('t4-a', 'call_abandoned', '2026-11-23T10:04:00+08:00', 'T4', 'q1')),
  (tests.ev('t4-b', 'call_timed_out', '2026-11-23T10:04:00+08:00', 'T4', 'q1')),
  (tests.ev('t5-o', 'call_offered', '2026-11-23T10:04:00+08:00', 'T5', 'q1')),
  (tests.ev('t5-a', 'call_timed_out', '2026-11-23T10:05:00+08:00', 'T5', 'q1')),
  (tests.ev('t5-b', 'call_abandoned', '2026-11-23T10:05:00+08:00', 'T5', 'q1')),
  (tests.ev('t6-o', 'call_offered', '2026-11-23T10:05:00+08:00', 'T6', 'q1')),
  (tests.ev('t6-r', 'call_answered', '2026-11-23T10:05:10+08:00', 'T6', 'q1', 'a101')),
  (tests.ev('t6-t', 'call_timed_out', '2026-11-23T10:05:20+08:00', 'T6', 'q1')),
  (tests.ev('t7-o', 'call_offered', '2026-11-23T10:06:00+08:00', 'T7', 'q1')),
  (tests.ev('t8-o', 'call_offered', '2026-11-23T10:07:00+08:00', 'T8', 'q1')),
  (tests.ev('t8-t', 'call_timed_out', '2026-11-23T10:07:02+08:00', 'T8', 'q1')),
  (tests.ev('t9-t', 'call_timed_out', '2026-11-23T10:08:00+08:00', 'T9', 'q1'));

select is(
  tests.ingest_as('service_role', (select jsonb_agg(e order by n desc) from tests.script)),
  '{"accepted": 21, "duplicates": 0, "duplicate_ids": []}',
  'the script, newest first, is accepted'
);

select results_eq(
  $$select call_id, answered_at is not null, abandoned::int, timed_out::int, wait_s, waiting,
      timed_out_at = case call_id
        when 'T1' then timestamptz '2026-11-23 10:02:00+08' when 'T2' then '2026-11-23 10:03:00+08'
        when 'T3' then '2026-11-23 10:02:31+08' when 'T4' then '2026-11-23 10:04:00+08'
        when 'T5' then '2026-11-23 10:05:00+08' when 'T6' then '2026-11-23 10:05:20+08'
        when 'T8' then '2026-11-23 10:07:02+08' when 'T9' then '2026-11-23 10:08:00+08' end
    from public.call_summaries where call_id like 'T_' order by call_id$$,
  $$values ('T1', false, 0, 1, 120, false, true), ('T2', false, 0, 1, 120, false, true),
           ('T3', false, 1, 0, 30, false, true), ('T4', false, 1, 0, 60, false, true),
           ('T5', false, 0, 1, 60, false, true), ('T6', true, 0, 0, 10, false, true),
           ('T7', false, 0, 0, null, true, null), ('T8', false, 0, 1, 2, false, true),
           ('T9', false, 0, 0, 0, false, true)$$,
  'each leg: answered, else abandoned or timed out by the earliest fact (ties by event_id); its wait and timeout time'
);
select is(
  (select interval_start from public.call_summaries where call_id = 'T9'), null,
  'a timeout without its offer counts in no interval'
);

select results_eq(
  $$select offered, answered, answered_within_sl, abandoned, abandoned_short, timed_out, wait_answered_s::int
    from public.queue_intervals
    where queue_id = '9e000000-0000-4000-8000-000000000001' and interval_start = '2026-11-23 02:00+00'$$,
  $$values (8, 1, 1, 2, 0, 4, 10)$$,
  'the interval: 8 offered, 1 answered, 2 abandoned, 4 timed out, and a 2 s timeout is no short abandon'
);
select results_eq(
  $$select calls_waiting, oldest_waiting_since from public.queue_live
    where queue_id = '9e000000-0000-4000-8000-000000000001'$$,
  $$values (1, timestamptz '2026-11-23 10:06+08')$$,
  'only T7 waits: a timed-out call no longer does'
);

-- A late fact moves only what it changes: T7 times out after 3 minutes.
select is(
  tests.ingest_as('service_role', jsonb_build_array(tests.ev('t7-t', 'call_timed_out', '2026-11-23T10:09:00+08:00', 'T7', 'q1'))),
  '{"accepted": 1, "duplicates": 0, "duplicate_ids": []}',
  'a late timeout is accepted'
);
select results_eq(
  $$select (select timed_out from public.queue_intervals
      where queue_id = '9e000000-0000-4000-8000-000000000001' and interval_start = '2026-11-23 02:00+00'),
    (select calls_waiting from public.queue_live where queue_id = '9e000000-0000-4000-8000-000000000001')$$,
  $$values (5, 0)$$,
  'it counts as the interval''s fifth timeout and leaves nothing waiting'
);

-- ---------------------------------------------------------------- rebuild_live agrees

create table tests.before_rebuild as
select 'qi' as t, to_jsonb(x) - 'version' - 'updated_at' as row from public.queue_intervals x
union all select 'ql', to_jsonb(x) - 'version' - 'updated_at' from public.queue_live x
union all select 'cs', to_jsonb(x) - 'updated_at' from public.call_summaries x;

-- T9 stays: a leg whose offer never arrived belongs to no day, so no day's rebuild owns it.
delete from public.queue_intervals;
delete from public.call_summaries where interval_start is not null;
update public.queue_live set calls_waiting = 3, oldest_waiting_since = '2026-11-23 10:00+08';

select is(
  tests.call_as('service_role', $$public.rebuild_live('5a000000-0000-4000-8000-000000000001', '2026-11-23')$$) -> 'calls',
  '8', 'rebuild_live recomputes the eight legs offered that day'
);
select set_eq(
  $$select 'qi' as t, to_jsonb(x) - 'version' - 'updated_at' from public.queue_intervals x
    union all select 'ql', to_jsonb(x) - 'version' - 'updated_at' from public.queue_live x
    union all select 'cs', to_jsonb(x) - 'updated_at' from public.call_summaries x$$,
  $$select t, row from tests.before_rebuild$$,
  'rebuilt from the facts, summaries, intervals and live rows equal what ingest built'
);

-- ---------------------------------------------------------------- the queue setting

select is(
  (select array_agg(distinct abandon_rate_includes_timeouts) from public.queues), array[false],
  'by default no queue counts timeouts in its abandon rate'
);
insert into tests.cases (actor, statement, expected, description) values
  ('manager', $$update public.queues set abandon_rate_includes_timeouts = true
    where id = '9e000000-0000-4000-8000-000000000001'$$, '1', 'a manager may count timeouts as abandons'),
  ('admin', $$update public.queues set abandon_rate_includes_timeouts = true
    where id = '9e000000-0000-4000-8000-000000000001'$$, '1', 'so may an admin'),
  ('supervisor', $$update public.queues set abandon_rate_includes_timeouts = true$$, '0',
    'a supervisor may not'),
  ('agent', $$update public.queues set abandon_rate_includes_timeouts = true$$, '0', 'nor may an agent'),
  ('display', $$select abandon_rate_includes_timeouts from public.queues$$, '4', 'a display reads the setting');
select * from tests.check_cases();

-- ---------------------------------------------------------------- events from the future

select throws_ok(
  format('select tests.ingest_as(%L, %L)', 'service_role', jsonb_build_array(
    tests.ev('f-1', 'call_offered', '2026-11-23T10:00:00+08:00', 'F1', 'q1'),
    tests.ev('f-2099', 'call_offered', '2099-01-01T08:00:00+08:00', 'F2', 'q1'))),
  '22023',
  format('events[1] (event_id "f-2099"): at 2099-01-01T00:00:00Z is in the future: the server time is %s and '
    'events may be at most 300 s ahead of it (the site''s future_event_allowance_s)',
    to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
  'a call offered in 2099 is refused, naming its time, the server time and the allowance'
);
select is((select count(*)::int from public.call_events where call_id in ('F1', 'F2')), 0,
  'nothing of that batch was stored, the good event beside it included');
select throws_like(
  format('select tests.ingest_as(%L, %L)', 'service_role', jsonb_build_array(
    tests.ev('f-state', 'agent_state', tests.from_now(3600), null, null, 'a101') || '{"state": "break"}')),
  '%(event_id "f-state"): at % is in the future%',
  'an agent state an hour ahead is refused too'
);
select is(
  tests.ingest_as('service_role', jsonb_build_array(tests.ev('f-3', 'call_offered', tests.from_now(300), 'F3', 'q1'))),
  '{"accepted": 1, "duplicates": 0, "duplicate_ids": []}',
  'an event 300 s ahead is within the allowance (a clock a little fast)'
);
select throws_like(
  format('select tests.ingest_as(%L, %L)', 'service_role',
    jsonb_build_array(tests.ev('f-4', 'call_offered', tests.from_now(301), 'F4', 'q1'))),
  '%(event_id "f-4"): at % is in the future%at most 300 s ahead%',
  'one 301 s ahead is not'
);
select is(
  (select calls_waiting from public.queue_live where queue_id = '9e000000-0000-4000-8000-000000000001'), 1,
  'only the call within the allowance waits'
);

insert into tests.cases (actor, statement, expected, description) values
  ('admin', $$update public.sites set future_event_allowance_s = 900 where id = '5a000000-0000-4000-8000-000000000001'$$,
    '1', 'a site admin may change the allowance'),
  ('manager', $$update public.sites set future_event_allowance_s = 3600$$, '0', 'a manager may not'),
  ('admin', $$update public.sites set future_event_allowance_s = 4$$, '23514', 'less than 5 s is refused'),
  ('admin', $$update public.sites set future_event_allowance_s = 3601$$, '23514', 'more than an hour is refused');
select * from tests.check_cases();

update public.sites set future_event_allowance_s = 900 where id = '5a000000-0000-4000-8000-000000000001';
select is(
  tests.ingest_as('service_role', jsonb_build_array(tests.ev('f-4', 'call_offered', tests.from_now(301), 'F4', 'q1'))),
  '{"accepted": 1, "duplicates": 0, "duplicate_ids": []}',
  'with 900 s allowed, the event 301 s ahead is taken'
);
select throws_like(
  format('select tests.ingest_as(%L, %L)', 'service_role',
    jsonb_build_array(tests.ev('f-5', 'call_offered', tests.from_now(901), 'F5', 'q1'))),
  '%at most 900 s ahead%', 'and one 901 s ahead is refused, naming the new allowance'
);
select throws_ok(
  format('select tests.ingest_as(%L, %L)', 'service_role',
    jsonb_build_array(tests.ev('f-6', 'call_offered', '2100-01-01T00:00:00Z', 'F6', 'q1'))),
  '22023', 'events[0] (event_id "f-6"): at must be from the year 2000 up to 2100',
  'the schema''s year limit still comes first'
);

select * from finish();
rollback;
