-- RLS matrix for leads (customer names and phone numbers) × every app role
-- (and anon) × select/insert/update/delete, then the edges: only the owning
-- caller, the lead of their team and managers read or write a lead (DESIGN.md
-- §4). The seed gives each of the ten outbound callers (team 4) three leads;
-- the actors here are agent31 and lead4 of that team.
begin;
select plan(45);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- Actors (test-helpers.psql): agent31, team 4 (Outbound) and lead4, leads team 4, then one of each other role.
select tests.seat_actors('a0000000-0000-4000-8000-000000000131', 'a0000000-0000-4000-8000-000000000014');

insert into tests.matrix (op, what, statement, expected) values
  --  agent  lead   sup    mgr    qa     anlyst admin  disp   anon
  ('select', 'leads of own site',
    $$select * from leads$$,
    '{3,     30,    0,     30,    0,     0,     0,     0,     0}'),
  ('insert', 'a lead owned by agent31',
    $$insert into leads (site_id, owner_agent_id, customer_name, phone, source)
      values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000131', '测试客户', '13800009999', 'outreach')$$,
    '{1,     1,     42501, 1,     42501, 42501, 42501, 42501, 42501}'),
  ('update', 'the leads of agent31',
    $$update leads set notes = 'called back' where owner_agent_id = 'ac000000-0000-4000-8000-000000000131'$$,
    '{3,     3,     0,     3,     0,     0,     0,     0,     0}'),
  ('delete', 'the leads of agent31',
    $$delete from leads where owner_agent_id = 'ac000000-0000-4000-8000-000000000131'$$,
    '{0,     3,     0,     3,     0,     0,     0,     0,     0}');

select * from tests.check_matrix();

-- Edges: within a team a caller's leads are theirs alone; a lead's reach
-- ends at their team.
select tests.check('a0000000-0000-4000-8000-000000000132',
  $$select * from leads where owner_agent_id = 'ac000000-0000-4000-8000-000000000131'$$, '0',
  'agent32: sees none of the leads of agent31 (same team)');
select tests.check('a0000000-0000-4000-8000-000000000132',
  $$update leads set notes = 'x' where owner_agent_id = 'ac000000-0000-4000-8000-000000000131'$$, '0',
  'agent32: changes none of the leads of agent31');
select tests.check('a0000000-0000-4000-8000-000000000132',
  $$insert into leads (site_id, owner_agent_id, customer_name, phone, source) values
    ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000131', '测试客户', '13800009999', 'outreach')$$,
  '42501', 'agent32: cannot add a lead in the name of agent31');
select tests.check('a0000000-0000-4000-8000-000000000131',
  $$update leads set owner_agent_id = 'ac000000-0000-4000-8000-000000000132'
    where owner_agent_id = 'ac000000-0000-4000-8000-000000000131'$$,
  '42501', 'agent31: cannot hand own leads to agent32');
select tests.check('a0000000-0000-4000-8000-000000000014',
  $$update leads set owner_agent_id = 'ac000000-0000-4000-8000-000000000101'
    where owner_agent_id = 'ac000000-0000-4000-8000-000000000131'$$,
  '42501', 'lead4: cannot move a lead of team 4 to agent01 of team 1');
select tests.check('a0000000-0000-4000-8000-000000000011', 'select * from leads', '0',
  'lead1: sees none of the leads of team 4');
select tests.check('a0000000-0000-4000-8000-000000000011', 'update leads set notes = null', '0',
  'lead1: changes none of the leads of team 4');
select tests.check('a0000000-0000-4000-8000-000000000011', 'delete from leads', '0',
  'lead1: deletes none of the leads of team 4');

-- Whom an agent row belongs to decides who reads its leads, so only roles
-- that may read leads anyway should change it: a supervisor pointing
-- agent31's row at their own login (or a display's) reads agent31's customers.
select isnt(
  tests.outcome('a0000000-0000-4000-8000-000000000003',
    $$update agents set user_id = (select auth.uid()) where id = 'ac000000-0000-4000-8000-000000000131'$$),
  '1',
  'supervisor: cannot make agent31''s row their own (agents.user_id), which would expose its leads'
);

select * from finish();
rollback;
