-- RLS matrix for the facts, call_events and agent_state_events, and the
-- per-call summaries derived from them (call_summaries) × every app
-- role (and anon) × select/insert/update/delete. Staff read the site's facts,
-- an agent their own, a lead their team's, a display none; nobody writes
-- them through the API (ingest runs as the service role), so every write is
-- refused by privileges, admins' included.
begin;
select plan(108);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- Actors (test-helpers.psql): agent01, team 1 (Hotline A) and lead1, leads team 1, then one of each other role.
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- Fixtures: calls and state changes of agent01 and agent02 (team 1) and
-- agent11 (team 2), and one offered call no agent took.
insert into public.call_events (event_id, site_id, queue_id, call_id, kind, agent_id, occurred_at)
select 'test-' || call_id || '-' || kind, '5a000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001',
  call_id, kind, agent_id::uuid, '2026-11-23 09:00+08'
from (values
  ('T-1', 'call_offered', null),
  ('T-1', 'call_answered', 'ac000000-0000-4000-8000-000000000101'),
  ('T-1', 'call_ended', 'ac000000-0000-4000-8000-000000000101'),
  ('T-1', 'wrap_ended', 'ac000000-0000-4000-8000-000000000101'),
  ('T-2', 'call_answered', 'ac000000-0000-4000-8000-000000000102'),
  ('T-2', 'call_ended', 'ac000000-0000-4000-8000-000000000102'),
  ('T-3', 'call_answered', 'ac000000-0000-4000-8000-000000000111'),
  ('T-3', 'call_ended', 'ac000000-0000-4000-8000-000000000111')
) as e (call_id, kind, agent_id);

insert into public.agent_state_events (event_id, site_id, agent_id, state, occurred_at)
select 'test-state-' || n, '5a000000-0000-4000-8000-000000000001', agent_id::uuid, state::public.agent_state,
  '2026-11-23 09:00+08'
from (values
  (1, 'ac000000-0000-4000-8000-000000000101', 'available'),
  (2, 'ac000000-0000-4000-8000-000000000101', 'on_call'),
  (3, 'ac000000-0000-4000-8000-000000000102', 'break'),
  (4, 'ac000000-0000-4000-8000-000000000111', 'available'),
  (5, 'ac000000-0000-4000-8000-000000000111', 'lunch')
) as e (n, agent_id, state);

-- The per-call summaries of those calls, derived the way ingest does it.
insert into public.call_summaries
select * from app.summarize_calls(
  array['9e000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001',
        '9e000000-0000-4000-8000-000000000001']::uuid[],
  array['T-1', 'T-2', 'T-3']);

insert into tests.matrix (op, what, statement, expected) values
  --  agent  lead   sup    mgr    qa     anlyst admin  disp   anon
  ('select', 'call summaries of own site',
    $$select * from call_summaries$$,
    '{1,     2,     3,     3,     3,     3,     3,     0,     0}'),
  ('insert', 'a call summary',
    $$insert into call_summaries select queue_id, 'API-1', site_id, direction, agent_id, offered_at, answered_at,
        abandoned_at, ended_at, wrap_ended_at, transferred_at, transferred_to_queue_id, grade, wait_s, waiting,
        interval_start, offered, answered, answered_within_sl, abandoned, abandoned_short, handled, talk_s, hold_s,
        acw_s, wait_answered_s, updated_at
      from call_summaries where call_id = 'T-1'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('update', 'the call summaries of agent01',
    $$update call_summaries set talk_s = 0 where agent_id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('delete', 'the call summaries of agent01',
    $$delete from call_summaries where agent_id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('select', 'call events of own site',
    $$select * from call_events$$,
    '{3,     5,     8,     8,     8,     8,     8,     0,     0}'),
  ('insert', 'a call event',
    $$insert into call_events (event_id, site_id, queue_id, call_id, kind, occurred_at)
      values ('api-1', '5a000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001', 'X-1', 'call_offered', now())$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('update', 'the call events of agent01',
    $$update call_events set data = '{"x": 1}' where agent_id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('delete', 'the call events of agent01',
    $$delete from call_events where agent_id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('select', 'agent state events of own site',
    $$select * from agent_state_events$$,
    '{2,     3,     5,     5,     5,     5,     5,     0,     0}'),
  ('insert', 'an agent state event of agent01',
    $$insert into agent_state_events (event_id, site_id, agent_id, state, occurred_at)
      values ('api-2', '5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', 'offline', now())$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('update', 'the state events of agent01',
    $$update agent_state_events set reason = 'edited'
      where agent_id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('delete', 'the state events of agent01',
    $$delete from agent_state_events where agent_id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}');

select * from tests.check_matrix();

select * from finish();
rollback;
