-- ingest_events and rebuild_live (migrations 20261123000000..0300): who may
-- call them, validation that stores nothing of a bad batch, replays counted
-- as duplicates, and the live tables for a small script whose values are
-- computed by hand below, sent in reverse order. The script crosses midnight
-- in Asia/Shanghai, the demo site's zone.
begin;
select plan(46);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- Actors (test-helpers.psql): agent01, team 1 (Hotline A) and lead1, leads team 1, then one of each other role.
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- The two RPCs as an API role would call them (tests.call_as).
create function tests.ingest_as(api_role text, events jsonb) returns jsonb
language sql as $$
  select tests.call_as(api_role, format('public.ingest_events(%L)', events))
$$;

create function tests.rebuild_as(api_role text, site uuid, day date) returns jsonb
language sql as $$
  select tests.call_as(api_role, format('public.rebuild_live(%L, %L)', site, day))
$$;

-- One event from short names: q1..q4 are the demo queues, a101.. the demo agents.
create function tests.ev(
  id text, kind text, at text, call text default null, queue text default null, agent text default null,
  extra jsonb default '{}'
) returns jsonb
language sql as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'event_id', id, 'kind', kind, 'site_id', '5a000000-0000-4000-8000-000000000001', 'at', at, 'call_id', call,
    'queue_id', case when queue is not null then '9e000000-0000-4000-8000-00000000000' || substr(queue, 2) end,
    'agent_id', case when agent is not null then 'ac000000-0000-4000-8000-000000000' || substr(agent, 2) end
  )) || extra
$$;

create function tests.counts() returns bigint
language sql as $$
  select (select count(*) from public.call_events) + (select count(*) from public.agent_state_events)
$$;

-- ---------------------------------------------------------------- privileges

select ok(has_function_privilege(p.api_role, p.fn, 'execute') = p.allowed,
  format('%s %s execute %s', p.api_role, case when p.allowed then 'can' else 'cannot' end, p.name))
from (values
  (1, 'anon', 'ingest_events', 'public.ingest_events(jsonb)', false),
  (2, 'authenticated', 'ingest_events', 'public.ingest_events(jsonb)', false),
  (3, 'service_role', 'ingest_events', 'public.ingest_events(jsonb)', true),
  (4, 'authenticated', 'rebuild_live', 'public.rebuild_live(uuid, date)', false),
  (5, 'service_role', 'rebuild_live', 'public.rebuild_live(uuid, date)', true)
) as p (ord, api_role, name, fn, allowed)
order by p.ord;
select throws_ok(
  $$select tests.ingest_as('authenticated', '[]')$$,
  '42501', null, 'an authenticated call to ingest_events is refused'
);
select is(tests.ingest_as('service_role', '[]'), '{"accepted": 0, "duplicates": 0, "duplicate_ids": []}',
  'service_role may call it; an empty batch is accepted as nothing');

-- ---------------------------------------------------------------- validation

-- One bad event refuses its whole batch, the valid event beside it included.
select throws_ok(
  $$select tests.ingest_as('service_role', jsonb_build_array(
    tests.ev('ok-1', 'call_offered', '2026-11-23T09:00:00+08:00', 'V-1', 'q1'),
    tests.ev('bad-1', 'call_ended', '2026-11-23T09:01:00+08:00', 'V-1', 'q1', 'a101', '{"talk_s": 60, "hold_s": -1}')))$$,
  '22023', 'events[1] (event_id "bad-1"): hold_s must be a whole number of seconds from 0 to 86400',
  'a negative hold_s is refused, naming the event'
);
select is(tests.counts(), 0::bigint, 'nothing of the rejected batch was stored');

-- Each batch is refused with a message that says what is wrong, and where.
select throws_ok(format('select tests.ingest_as(%L, %L)', 'service_role', b.events), b.errcode, b.message, b.description)
from (values
  (1, '{"events": []}'::jsonb, '22023', 'events must be a JSON array of event objects',
    'a batch that is not an array is refused'),
  (2, (select jsonb_agg(tests.ev('big-' || n, 'call_offered', '2026-11-23T09:00:00+08:00', 'BIG', 'q1'))
      from generate_series(1, 1001) n),
    'PT413', 'too many events: 1001 in one batch, at most 1000', 'a batch of 1001 events is refused'),
  (3, jsonb_build_array(tests.ev('bad-2', 'call_offered', '2026-11-23 09:00:00', 'V-2', 'q1')),
    '22023', 'events[0] (event_id "bad-2"): at must be an ISO 8601 timestamp with seconds and a zone, e.g. 2026-11-23T09:00:00+08:00',
    'a timestamp without T and zone is refused'),
  (4, jsonb_build_array(tests.ev('bad-3', 'call_offered', '2026-11-23T09:00:00+08:00', 'V-3', 'q1', null, '{"callId": "V-3"}')),
    '22023', 'events[0] (event_id "bad-3"): field "callId" is not allowed in a call_offered event',
    'an unknown field is refused'),
  (5, jsonb_build_array(tests.ev('bad-4', 'call_answered', '2026-11-23T09:00:00+08:00', 'V-4', 'q1')),
    '22023', 'events[0] (event_id "bad-4"): agent_id is required in a call_answered event',
    'a missing agent_id is refused'),
  (6, jsonb_build_array(tests.ev('bad-5', 'agent_state', '2026-11-23T09:00:00+08:00', null, null, 'a101', '{"state": "asleep"}')),
    '22023', 'events[0] (event_id "bad-5"): state must be one of available, on_call, wrap_up, break, lunch, training, meeting, offline',
    'an unknown agent state is refused'),
  (7, jsonb_build_array(tests.ev('bad-6', 'call_offered', '2026-11-23T09:00:00+08:00', 'V-6', 'q4')),
    '22023', 'events[0] (event_id "bad-6"): call_offered needs an inbound queue; queue 9e000000-0000-4000-8000-000000000004 is an outbound campaign',
    'an inbound kind on the outbound campaign is refused'),
  (8, jsonb_build_array(tests.ev('bad-7', 'call_answered', '2026-11-23T09:00:00+08:00', 'V-7', 'q1', 'a199')),
    '22023', 'events[0] (event_id "bad-7"): agent_id ac000000-0000-4000-8000-000000000199 is not an agent of site 5a000000-0000-4000-8000-000000000001',
    'an agent of no site is refused'),
  (9, jsonb_build_array(tests.ev('bad-8', 'call_graded', '2026-11-23T09:00:00Z', 'O-1', 'q4', 'a131', '{"grade": "E"}')),
    '22023', 'events[0] (event_id "bad-8"): grade must be one of A, B, C, D', 'an unknown grade is refused')
) as b (ord, events, errcode, message, description)
order by b.ord;
select is(tests.counts(), 0::bigint, 'no rejected batch stored anything');

-- ---------------------------------------------------------------- the script
-- Queue q1: SL threshold 15 s, short abandon under 5 s. Times are Shanghai (+08).
--   A  09:00:00 offered, 09:00:10 answered by 101 (wait 10, in SL), ended 09:02:10 talk 110 hold 10, wrap 09:02:40 (acw 30)
--   B  09:01:00 offered, 09:01:15 answered by 102 (wait 15 = T, in SL), ended talk 120 hold 0, no wrap yet (acw 0)
--   C  09:02:00 offered, 09:02:20 answered by 101 (wait 20, not in SL), ended talk 60, wrap +5 s (acw 5)
--   D  09:05:00 offered, abandoned after 4 s (short)
--   E  09:06:00 offered, abandoned after 5 s (not short: short is under 5 s)
--   F  09:14:59 offered, answered 09:15:05 (wait 6, in SL): counts in the 09:00 interval, where it was offered
--   G  09:20:00 offered, still waiting
--   H  09:21:00 offered, answered 09:21:05 by 111, transferred to q2 and ended (talk 55) at 09:22:00;
--      offered to q2 09:22:01, answered there 09:22:03 by 121 (a second leg, in q2)
--   I  23:59:50 offered, answered 00:00:05 the next day (wait 15): counts on 23 November, interval 23:45
--   J  00:00:00 on 24 November offered, still waiting
-- Agents: 101 available → on_call → wrap_up → available 09:02:40, reported available again 09:10 (clock keeps
-- running from 09:02:40); 102 break 'smoke' 09:30; 103 offline 09:40 (no row); 111 lunch '午餐' 12:00;
-- 121 on_call for q2 09:22:03.
create table tests.script (n serial primary key, e jsonb not null);
insert into tests.script (e) values
  (tests.ev('s-01', 'agent_state', '2026-11-23T08:55:00+08:00', null, null, 'a101', '{"state": "available"}')),
  (tests.ev('s-02', 'agent_state', '2026-11-23T08:50:00+08:00', null, null, 'a102', '{"state": "available"}')),
  (tests.ev('s-03', 'agent_state', '2026-11-23T08:50:00+08:00', null, null, 'a103', '{"state": "available"}')),
  (tests.ev('s-04', 'agent_state', '2026-11-23T08:50:00+08:00', null, null, 'a111', '{"state": "available"}')),
  (tests.ev('a-1', 'call_offered', '2026-11-23T09:00:00+08:00', 'A', 'q1')),
  (tests.ev('a-2', 'call_answered', '2026-11-23T09:00:10+08:00', 'A', 'q1', 'a101')),
  (tests.ev('s-05', 'agent_state', '2026-11-23T09:00:10+08:00', null, null, 'a101', '{"state": "on_call", "queue_id": "9e000000-0000-4000-8000-000000000001"}')),
  (tests.ev('a-3', 'call_ended', '2026-11-23T09:02:10+08:00', 'A', 'q1', 'a101', '{"talk_s": 110, "hold_s": 10}')),
  (tests.ev('s-06', 'agent_state', '2026-11-23T09:02:10+08:00', null, null, 'a101', '{"state": "wrap_up", "queue_id": "9e000000-0000-4000-8000-000000000001"}')),
  (tests.ev('a-4', 'wrap_ended', '2026-11-23T09:02:40+08:00', 'A', 'q1', 'a101')),
  (tests.ev('s-07', 'agent_state', '2026-11-23T09:02:40+08:00', null, null, 'a101', '{"state": "available"}')),
  (tests.ev('s-08', 'agent_state', '2026-11-23T09:10:00+08:00', null, null, 'a101', '{"state": "available"}')),
  (tests.ev('b-1', 'call_offered', '2026-11-23T09:01:00+08:00', 'B', 'q1')),
  (tests.ev('b-2', 'call_answered', '2026-11-23T09:01:15+08:00', 'B', 'q1', 'a102')),
  (tests.ev('b-3', 'call_ended', '2026-11-23T09:03:15+08:00', 'B', 'q1', 'a102', '{"talk_s": 120, "hold_s": 0}')),
  (tests.ev('c-1', 'call_offered', '2026-11-23T09:02:00+08:00', 'C', 'q1')),
  (tests.ev('c-2', 'call_answered', '2026-11-23T09:02:20+08:00', 'C', 'q1', 'a101')),
  (tests.ev('c-3', 'call_ended', '2026-11-23T09:03:20+08:00', 'C', 'q1', 'a101', '{"talk_s": 60, "hold_s": 0}')),
  (tests.ev('c-4', 'wrap_ended', '2026-11-23T09:03:25+08:00', 'C', 'q1', 'a101')),
  (tests.ev('d-1', 'call_offered', '2026-11-23T09:05:00+08:00', 'D', 'q1')),
  (tests.ev('d-2', 'call_abandoned', '2026-11-23T09:05:04+08:00', 'D', 'q1')),
  (tests.ev('e-1', 'call_offered', '2026-11-23T09:06:00+08:00', 'E', 'q1')),
  (tests.ev('e-2', 'call_abandoned', '2026-11-23T09:06:05+08:00', 'E', 'q1')),
  (tests.ev('f-1', 'call_offered', '2026-11-23T09:14:59+08:00', 'F', 'q1')),
  (tests.ev('f-2', 'call_answered', '2026-11-23T09:15:05+08:00', 'F', 'q1', 'a102')),
  (tests.ev('g-1', 'call_offered', '2026-11-23T09:20:00+08:00', 'G', 'q1')),
  (tests.ev('h-1', 'call_offered', '2026-11-23T09:21:00+08:00', 'H', 'q1')),
  (tests.ev('h-2', 'call_answered', '2026-11-23T09:21:05+08:00', 'H', 'q1', 'a111')),
  (tests.ev('h-3', 'call_transferred', '2026-11-23T09:22:00+08:00', 'H', 'q1', 'a111', '{"to_queue_id": "9e000000-0000-4000-8000-000000000002"}')),
  (tests.ev('h-4', 'call_ended', '2026-11-23T09:22:00+08:00', 'H', 'q1', 'a111', '{"talk_s": 55, "hold_s": 0}')),
  (tests.ev('h-5', 'call_offered', '2026-11-23T09:22:01+08:00', 'H', 'q2')),
  (tests.ev('h-6', 'call_answered', '2026-11-23T09:22:03+08:00', 'H', 'q2', 'a121')),
  (tests.ev('s-09', 'agent_state', '2026-11-23T09:22:03+08:00', null, null, 'a121', '{"state": "on_call", "queue_id": "9e000000-0000-4000-8000-000000000002"}')),
  (tests.ev('s-10', 'agent_state', '2026-11-23T09:30:00+08:00', null, null, 'a102', '{"state": "break", "reason": "smoke"}')),
  (tests.ev('s-11', 'agent_state', '2026-11-23T09:40:00+08:00', null, null, 'a103', '{"state": "offline"}')),
  (tests.ev('s-12', 'agent_state', '2026-11-23T12:00:00+08:00', null, null, 'a111', '{"state": "lunch", "reason": "午餐"}')),
  (tests.ev('i-1', 'call_offered', '2026-11-23T23:59:50+08:00', 'I', 'q1')),
  (tests.ev('i-2', 'call_answered', '2026-11-24T00:00:05+08:00', 'I', 'q1', 'a101')),
  (tests.ev('j-1', 'call_offered', '2026-11-24T00:00:00+08:00', 'J', 'q1'));

-- Latest first, in two batches, the second repeating one event of the first and one of its own.
select is(
  tests.ingest_as('service_role', (select jsonb_agg(e order by n desc) from tests.script where n > 20)),
  '{"accepted": 19, "duplicates": 0, "duplicate_ids": []}',
  'the later half of the script, newest first, is accepted'
);
select is(
  tests.ingest_as('service_role', (select jsonb_agg(e order by n desc) from tests.script where n <= 21)
    || (select e from tests.script where n = 5)),
  '{"accepted": 20, "duplicates": 2, "duplicate_ids": ["d-2", "a-1"]}',
  'replays, across batches and within one, are counted and named in batch order'
);
select is(tests.counts(), 39::bigint, 'every event of the script was stored once');

create table tests.expected_intervals as
select * from (values
  -- queue, interval start (UTC),       off ans sl ab short hand talk hold acw wait
  (1, timestamptz '2026-11-23 01:00+00', 6,  4,  3, 2, 1,    3,   290, 10,  35, 51),
  (1, timestamptz '2026-11-23 01:15+00', 2,  1,  1, 0, 0,    1,   55,  0,   0,  5),
  (2, timestamptz '2026-11-23 01:15+00', 1,  1,  1, 0, 0,    0,   0,   0,   0,  2),
  (1, timestamptz '2026-11-23 15:45+00', 1,  1,  1, 0, 0,    0,   0,   0,   0,  15),
  (1, timestamptz '2026-11-23 16:00+00', 1,  0,  0, 0, 0,    0,   0,   0,   0,  0)
) as x (queue, interval_start, offered, answered, answered_within_sl, abandoned, abandoned_short, handled, talk_s,
  hold_s, acw_s, wait_answered_s);

create function tests.intervals() returns setof record
language sql as $$
  select substr(queue_id::text, 36)::int, interval_start, offered, answered, answered_within_sl, abandoned,
    abandoned_short, handled, talk_s::int, hold_s::int, acw_s::int, wait_answered_s::int
  from public.queue_intervals
$$;

select results_eq(
  $$select * from tests.intervals() as t (q int, s timestamptz, a int, b int, c int, d int, e int, f int, g int, h int, i int, j int) order by 2, 1$$,
  $$select * from tests.expected_intervals order by 2, 1$$,
  'queue_intervals hold the hand-computed counts, each call in the interval it was offered'
);

select results_eq(
  $$select substr(queue_id::text, 36)::int, calls_waiting, oldest_waiting_since, agents_available, agents_on_call,
      agents_wrap_up, agents_not_ready
    from public.queue_live order by queue_id$$,
  $$values (1, 2, timestamptz '2026-11-23 09:20+08', 1, 0, 0, 2),
           (2, 0, null::timestamptz, 0, 1, 0, 1),
           (3, 0, null::timestamptz, 0, 1, 0, 0),
           (4, 0, null::timestamptz, 0, 0, 0, 0)$$,
  'queue_live: G and J wait in q1; agents counted in every queue they are skilled for or in'
);

select results_eq(
  $$select substr(agent_id::text, 34)::int, state::text, state_since, reason, substr(queue_id::text, 36)::int
    from public.agent_live order by agent_id$$,
  $$values (101, 'available', timestamptz '2026-11-23 09:02:40+08', null::text, null::int),
           (102, 'break', timestamptz '2026-11-23 09:30+08', 'smoke', null),
           (111, 'lunch', timestamptz '2026-11-23 12:00+08', '午餐', null),
           (121, 'on_call', timestamptz '2026-11-23 09:22:03+08', null, 2)$$,
  'agent_live: the latest state per agent, no row when offline, a repeated state keeps its start'
);

select results_eq(
  $$select call_id, substr(queue_id::text, 36)::int, wait_s, waiting, substr(agent_id::text, 34)::int,
      substr(transferred_to_queue_id::text, 36)::int
    from public.call_summaries where call_id in ('D', 'E', 'G', 'H') order by call_id, queue_id$$,
  $$values ('D', 1, 4, false, null::int, null::int), ('E', 1, 5, false, null, null), ('G', 1, null, true, null, null),
           ('H', 1, 5, false, 111, 2), ('H', 2, 2, false, 121, null)$$,
  'call summaries: abandon waits, a waiting call, and a transfer as two legs'
);

-- ---------------------------------------------------------------- replays change nothing

create table tests.versions as
select (select max(version) from public.queue_intervals) as qi, (select max(version) from public.queue_live) as ql,
  (select max(version) from public.agent_live) as al, (select count(*) from realtime.messages) as messages;

select is(
  tests.ingest_as('service_role', (select jsonb_agg(e order by n) from tests.script where n in (1, 2, 30))),
  '{"accepted": 0, "duplicates": 3, "duplicate_ids": ["s-01", "s-02", "h-4"]}',
  'a replayed batch is all duplicates'
);
select is(
  (select row((select max(version) from public.queue_intervals), (select max(version) from public.queue_live),
    (select max(version) from public.agent_live), (select count(*) from realtime.messages))::text),
  (select row(qi, ql, al, messages)::text from tests.versions),
  'a replay writes no live row and broadcasts nothing'
);

-- A late fact changes only what it touches: B's wrap ends 09:03:45, 30 s after its call.
select is(
  tests.ingest_as('service_role', jsonb_build_array(tests.ev('b-4', 'wrap_ended', '2026-11-23T09:03:45+08:00', 'B', 'q1', 'a102'))),
  '{"accepted": 1, "duplicates": 0, "duplicate_ids": []}',
  'a late wrap_ended is accepted'
);
select is(
  (select acw_s::int from public.queue_intervals
   where queue_id = '9e000000-0000-4000-8000-000000000001' and interval_start = '2026-11-23 01:00+00'),
  65, 'the late wrap adds its 30 s of after-call work to the interval of its call'
);
select is(
  (select count(*)::int from realtime.messages) - (select messages::int from tests.versions),
  1, 'and only that one interval row was written and broadcast'
);

-- ---------------------------------------------------------------- rebuild_live

create table tests.before_rebuild as
select 'qi' as t, to_jsonb(x) - 'version' - 'updated_at' as row from public.queue_intervals x
union all select 'ql', to_jsonb(x) - 'version' - 'updated_at' from public.queue_live x
union all select 'al', to_jsonb(x) - 'version' - 'updated_at' from public.agent_live x
union all select 'cs', to_jsonb(x) - 'updated_at' from public.call_summaries x;

select throws_ok(
  $$select tests.rebuild_as('authenticated', '5a000000-0000-4000-8000-000000000001', '2026-11-23')$$,
  '42501', null, 'an authenticated call to rebuild_live is refused'
);
select throws_ok(
  $$select tests.rebuild_as('service_role', '5a000000-0000-4000-8000-0000000000ff', '2026-11-23')$$,
  '22023', 'site 5a000000-0000-4000-8000-0000000000ff does not exist', 'rebuild_live of an unknown site is refused'
);

select is(
  tests.rebuild_as('service_role', '5a000000-0000-4000-8000-000000000001', '2026-11-23')
    - 'site_id' - 'day' - 'from' - 'to',
  '{"calls": 11, "intervals_written": 0, "intervals_removed": 0, "agents_written": 0, "queues_written": 0}',
  'rebuilding a consistent day writes nothing'
);

delete from public.queue_intervals;
delete from public.call_summaries;
delete from public.agent_live;
update public.queue_live set calls_waiting = 7, oldest_waiting_since = '2026-11-20 10:00+08', agents_available = 9;

select is(
  (tests.rebuild_as('service_role', '5a000000-0000-4000-8000-000000000001', '2026-11-23') ->> 'from')::timestamptz,
  timestamptz '2026-11-23 00:00+08',
  'the day starts at midnight in Asia/Shanghai'
);
select is(
  (select array_agg(interval_start order by interval_start, queue_id) from public.queue_intervals),
  array[timestamptz '2026-11-23 01:00+00', '2026-11-23 01:15+00', '2026-11-23 01:15+00', '2026-11-23 15:45+00'],
  '23 November (Shanghai) has its four intervals, I included at 23:45, J not'
);
select is(
  (select calls_waiting from public.queue_live where queue_id = '9e000000-0000-4000-8000-000000000001'),
  1, 'only G waits in q1 until 24 November is rebuilt'
);

select is(
  (tests.rebuild_as('service_role', '5a000000-0000-4000-8000-000000000001', '2026-11-24')
    -> 'intervals_written')::int,
  1, 'rebuilding 24 November writes its one interval'
);
select is(
  (select count(*)::int from public.queue_intervals where interval_start < '2026-11-23 16:00+00'),
  4, 'and leaves 23 November alone'
);

select set_eq(
  $$select 'qi' as t, to_jsonb(x) - 'version' - 'updated_at' from public.queue_intervals x
    union all select 'ql', to_jsonb(x) - 'version' - 'updated_at' from public.queue_live x
    union all select 'al', to_jsonb(x) - 'version' - 'updated_at' from public.agent_live x
    union all select 'cs', to_jsonb(x) - 'updated_at' from public.call_summaries x$$,
  $$select t, row from tests.before_rebuild$$,
  'rebuilt from the facts, every derived table equals what ingest built'
);

-- ---------------------------------------------------------------- who reads call summaries

insert into tests.cases (actor, statement, expected, description) values
  ('supervisor', 'select * from public.call_summaries', '11', 'a supervisor reads every call summary of the site'),
  ('agent', 'select * from public.call_summaries', '3', 'agent01 reads the summaries of its own calls (A, C, I)'),
  ('lead', 'select * from public.call_summaries', '5',
    'lead1 reads its team''s calls (A, B, C, F, I of agents 101 and 102), none of team 2'),
  ('display', 'select * from public.call_summaries', '0', 'a display reads no call summary');
select * from tests.check_cases();
select ok(not has_table_privilege('authenticated', 'public.call_summaries', 'insert')
    and not has_table_privilege('authenticated', 'public.call_summaries', 'update')
    and not has_table_privilege('authenticated', 'public.call_summaries', 'delete'),
  'no API user writes call summaries, admins included');
select ok((select relrowsecurity from pg_class where oid = 'public.call_summaries'::regclass),
  'call_summaries has row level security');

select * from finish();
rollback;
