-- RLS matrix for the live tables, queue_live, agent_live and queue_intervals
-- × every app role (and anon) × select/insert/update/delete. They hold only
-- aggregates and agent states: every member of the site reads them, displays
-- included; only ingest and rebuild (service role) write them, so every API
-- write is refused by privileges.
begin;
select plan(108);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- Actors (test-helpers.psql): agent01, team 1 (Hotline A) and lead1, leads team 1, then one of each other role.
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- Fixtures: the seed has an empty queue_live row per queue; add a queue
-- without one, three logged-in agents (two of team 1, one of team 2) and two
-- intervals.
insert into public.queues (id, site_id, name)
values ('9e000000-0000-4000-8000-0000000000f1', '5a000000-0000-4000-8000-000000000001', 'Test queue without live row');
update public.queue_live set calls_waiting = 2, oldest_waiting_since = now() - interval '40 seconds'
where queue_id = '9e000000-0000-4000-8000-000000000001';
insert into public.agent_live (agent_id, site_id, state, state_since, queue_id) values
  ('ac000000-0000-4000-8000-000000000101', '5a000000-0000-4000-8000-000000000001', 'on_call', now(), '9e000000-0000-4000-8000-000000000001'),
  ('ac000000-0000-4000-8000-000000000102', '5a000000-0000-4000-8000-000000000001', 'available', now(), null),
  ('ac000000-0000-4000-8000-000000000111', '5a000000-0000-4000-8000-000000000001', 'break', now(), null);
insert into public.queue_intervals (queue_id, site_id, interval_start, offered, answered, answered_within_sl) values
  ('9e000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '2026-11-23 09:00+08', 12, 11, 9),
  ('9e000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', '2026-11-23 09:00+08', 4, 4, 4);

insert into tests.matrix (op, what, statement, expected) values
  --  agent  lead   sup    mgr    qa     anlyst admin  disp   anon
  ('select', 'queue_live of own site',
    $$select * from queue_live$$,
    '{4,     4,     4,     4,     4,     4,     4,     4,     0}'),
  ('insert', 'a queue_live row',
    $$insert into queue_live (queue_id, site_id)
      values ('9e000000-0000-4000-8000-0000000000f1', '5a000000-0000-4000-8000-000000000001')$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('update', 'the queue_live row of the sales hotline',
    $$update queue_live set calls_waiting = 0, oldest_waiting_since = null
      where queue_id = '9e000000-0000-4000-8000-000000000001'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('delete', 'the queue_live row of the sales hotline',
    $$delete from queue_live where queue_id = '9e000000-0000-4000-8000-000000000001'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('select', 'agent_live of own site',
    $$select * from agent_live$$,
    '{3,     3,     3,     3,     3,     3,     3,     3,     0}'),
  ('insert', 'an agent_live row for agent03',
    $$insert into agent_live (agent_id, site_id, state, state_since)
      values ('ac000000-0000-4000-8000-000000000103', '5a000000-0000-4000-8000-000000000001', 'available', now())$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('update', 'the agent_live row of agent01',
    $$update agent_live set state = 'available' where agent_id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('delete', 'the agent_live row of agent01',
    $$delete from agent_live where agent_id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('select', 'queue_intervals of own site',
    $$select * from queue_intervals$$,
    '{2,     2,     2,     2,     2,     2,     2,     2,     0}'),
  ('insert', 'a queue interval',
    $$insert into queue_intervals (queue_id, site_id, interval_start)
      values ('9e000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '2026-11-23 09:15+08')$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('update', 'the intervals of the sales hotline',
    $$update queue_intervals set offered = 0, answered = 0, answered_within_sl = 0
      where queue_id = '9e000000-0000-4000-8000-000000000001'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('delete', 'the intervals of the sales hotline',
    $$delete from queue_intervals where queue_id = '9e000000-0000-4000-8000-000000000001'$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}');

select * from tests.check_matrix();

select * from finish();
rollback;
