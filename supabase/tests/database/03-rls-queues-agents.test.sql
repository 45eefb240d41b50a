-- RLS matrix for queues, agents and agent_skills × every app role (and anon)
-- × select/insert/update/delete, at the seed's demo site. Walls show the
-- whole floor, so staff and displays see every agent; agents and leads see
-- their own team.
begin;
select plan(108);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- Actors (test-helpers.psql): agent01, team 1 (Hotline A) and lead1, leads team 1, then one of each other role.
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- Fixtures: a queue nothing refers to, and an agent of team 1 no schedule
-- names (the demo's agents have shifts, which keep them), so both can be deleted.
insert into public.queues (id, site_id, name)
values ('9e000000-0000-4000-8000-0000000000f1', '5a000000-0000-4000-8000-000000000001', 'Unused test queue');
insert into public.agents (id, site_id, team_id, display_name, employee_no)
values ('ac000000-0000-4000-8000-0000000001f1', '5a000000-0000-4000-8000-000000000001',
  '7e000000-0000-4000-8000-000000000001', 'Unscheduled test agent', 'T-F1');

insert into tests.matrix (op, what, statement, expected) values
  --  agent  lead   sup    mgr    qa     anlyst admin  disp   anon
  ('select', 'queues of own site',
    $$select * from queues$$,
    '{5,     5,     5,     5,     5,     5,     5,     5,     0}'),
  ('insert', 'a queue into own site',
    $$insert into queues (site_id, name) values ('5a000000-0000-4000-8000-000000000001', 'New queue')$$,
    '{42501, 42501, 42501, 1,     42501, 42501, 1,     42501, 42501}'),
  ('update', 'a queue of own site',
    $$update queues set sl_target = 0.9 where id = '9e000000-0000-4000-8000-000000000001'$$,
    '{0,     0,     0,     1,     0,     0,     1,     0,     0}'),
  ('delete', 'an unused queue of own site',
    $$delete from queues where id = '9e000000-0000-4000-8000-0000000000f1'$$,
    '{0,     0,     0,     1,     0,     0,     1,     0,     0}'),
  ('select', 'agents of own site',
    $$select * from agents$$,
    '{11,    11,    41,    41,    41,    41,    41,    41,    0}'),
  ('insert', 'an agent into team 1',
    $$insert into agents (site_id, team_id, display_name, employee_no)
      values ('5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', 'New agent', 'T001')$$,
    '{42501, 42501, 42501, 1,     42501, 42501, 1,     42501, 42501}'),
  ('update', 'agent01 (team 1)',
    $$update agents set active = false where id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{0,     0,     1,     1,     0,     0,     1,     0,     0}'),
  ('delete', 'an unscheduled agent of team 1',
    $$delete from agents where id = 'ac000000-0000-4000-8000-0000000001f1'$$,
    '{0,     0,     0,     1,     0,     0,     1,     0,     0}'),
  ('select', 'agent skills of own site',
    $$select * from agent_skills$$,
    '{10,    10,    60,    60,    60,    60,    60,    60,    0}'),
  ('insert', 'an after-sales skill for agent01',
    $$insert into agent_skills (site_id, agent_id, queue_id)
      values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', '9e000000-0000-4000-8000-000000000002')$$,
    '{42501, 42501, 1,     1,     42501, 42501, 1,     42501, 42501}'),
  ('update', 'the skill of agent01',
    $$update agent_skills set queue_id = '9e000000-0000-4000-8000-000000000002'
      where agent_id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{0,     0,     1,     1,     0,     0,     1,     0,     0}'),
  ('delete', 'the skill of agent01',
    $$delete from agent_skills where agent_id = 'ac000000-0000-4000-8000-000000000101'$$,
    '{0,     0,     1,     1,     0,     0,     1,     0,     0}');

select * from tests.check_matrix();

select * from finish();
rollback;
