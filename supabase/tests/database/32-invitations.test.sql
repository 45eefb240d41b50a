-- The invitation register (20261124000000): RLS matrix × every app role and
-- anon, the rules a policy cannot say (a caller never confirms their own
-- visit nor changes a confirmed one; the caller owns the lead), the other
-- site, and how wall_outbound_today counts confirmed visits per site week.
-- The seed gives each outbound caller three leads and invitations: agent31
-- (the first caller) has one visit confirmed by lead4 and two booked.
begin;
select plan(54);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- Actors (test-helpers.psql): agent31, team 4 (Outbound) and lead4, leads team 4, then one of each other role.
select tests.seat_actors('a0000000-0000-4000-8000-000000000131', 'a0000000-0000-4000-8000-000000000014');

\set agent31 '''ac000000-0000-4000-8000-000000000131'''
\set agent32 '''ac000000-0000-4000-8000-000000000132'''
\set user31 '''a0000000-0000-4000-8000-000000000131'''
\set user32 '''a0000000-0000-4000-8000-000000000132'''
\set lead4 '''a0000000-0000-4000-8000-000000000014'''
\set lead1 '''a0000000-0000-4000-8000-000000000011'''
\set display '''a0000000-0000-4000-8000-000000000004'''
select id as lead31 from public.leads where owner_agent_id = :agent31 order by phone limit 1 \gset
select id as booked31 from public.invitations where agent_id = :agent31 and status = 'booked' order by lead_id limit 1 \gset
select id as visited31 from public.invitations where agent_id = :agent31 and status = 'visited' limit 1 \gset

select results_eq(
  format($$select count(*)::int, count(*) filter (where status = 'visited')::int from public.invitations
    where agent_id = %L$$, :agent31),
  $$values (3, 1)$$,
  'fixtures: agent31 has three invitations, one visit confirmed');

insert into tests.matrix (op, what, statement, expected) values
  --  agent  lead   sup    mgr    qa     anlyst admin  disp   anon
  ('select', 'invitations of own site',
    $$select * from invitations$$,
    '{3,     30,    30,    30,    0,     0,     0,     0,     0}'),
  ('insert', 'a booked visit for a lead of agent31',
    format($$insert into invitations (site_id, agent_id, lead_id, appointment_at)
      values ('5a000000-0000-4000-8000-000000000001', %L, %L, now() + interval '2 days')$$, :agent31, :'lead31'),
    '{1,     1,     1,     1,     42501, 42501, 42501, 42501, 42501}'),
  ('update', 'the booked invitations of agent31',
    format($$update invitations set notes = 'rescheduled' where agent_id = %L and status = 'booked'$$, :agent31),
    '{2,     2,     2,     2,     0,     0,     0,     0,     0}'),
  ('delete', 'the invitations of agent31',
    format($$delete from invitations where agent_id = %L$$, :agent31),
    '{0,     3,     0,     3,     0,     0,     0,     0,     0}');

select * from tests.check_matrix();

-- Confirming: only someone other than the caller signs the visit.
select tests.check(:user31,
  format($$update invitations set status = 'visited' where id = %L$$, :'booked31'), '42501',
  'agent31: cannot confirm their own invitation');
select tests.check(:user31,
  format($$insert into invitations (site_id, agent_id, lead_id, appointment_at, status)
    values ('5a000000-0000-4000-8000-000000000001', %L, %L, now(), 'visited')$$, :agent31, :'lead31'), '42501',
  'agent31: cannot register a visit as already confirmed');
select tests.check(:user31,
  format($$update invitations set notes = 'changed' where id = %L$$, :'visited31'), '42501',
  'agent31: cannot change a confirmed invitation');
select tests.check(:lead4,
  format($$update invitations set status = 'visited' where id = %L$$, :'booked31'), '1',
  'lead4: confirms the visit');
select tests.check(:lead4,
  format($$with done as (update invitations set status = 'visited' where id = %L returning confirmed_by, visited_at, confirmed_at)
    select * from done where confirmed_by = %L and visited_at is not null and confirmed_at is not null$$, :'booked31', :lead4),
  '1', 'the confirmation is stamped with who confirmed it and when');
select tests.check(:lead4,
  format($$update invitations set visited_at = null where id = %L$$, :'visited31'), '23514',
  'a visited invitation keeps its visit time');
select tests.check(:lead4,
  format($$insert into invitations (site_id, agent_id, lead_id, appointment_at)
    values ('5a000000-0000-4000-8000-000000000001', %L, %L, now())$$, :agent32, :'lead31'), '23514',
  'an invitation belongs to the caller who owns the lead');

-- Within the site: another caller and another team's lead see none of them.
select tests.check(:user32, format($$select * from invitations where agent_id = %L$$, :agent31), '0',
  'agent32: sees none of the invitations of agent31 (same team)');
select tests.check(:lead1, 'select * from invitations', '0', 'lead1: sees none of the invitations of team 4');
select tests.check(:lead1, format($$update invitations set status = 'visited' where id = %L$$, :'booked31'), '0',
  'lead1: cannot confirm an invitation of team 4');

-- A second site: its invitations stay its own. Its fixture (test-helpers.psql)
-- has one, of lead 1b...201, visited and confirmed by its manager b...202.
select tests.add_second_site();
select tests.add_second_site_rows();

select tests.check('a0000000-0000-4000-8000-000000000002',
  $$select * from invitations where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
  'manager of site 1: sees no invitation of site 2');
select tests.check('b0000000-0000-4000-8000-000000000202', 'select * from invitations', '1',
  'manager of site 2: sees the one invitation of site 2 only');
select tests.check('b0000000-0000-4000-8000-000000000202',
  format($$update invitations set notes = 'x' where agent_id = %L$$, :agent31), '0',
  'manager of site 2: changes no invitation of site 1');
select tests.check(:lead4,
  $$insert into invitations (site_id, agent_id, lead_id, appointment_at) values ('5a000000-0000-4000-8000-000000000001',
    'ac000000-0000-4000-8000-000000000131', '1b000000-0000-4000-8000-000000000201', now())$$, '23514',
  'an invitation cannot name a lead of another site (its owner is not the caller)');

-- The weekly count on the wall: confirmed visits in the site's week (Monday
-- 00:00 Asia/Shanghai), nothing booked, nothing from the week before.
delete from public.invitations where site_id = '5a000000-0000-4000-8000-000000000001';
create table tests.week as
select date_trunc('week', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' as start;
insert into public.invitations (site_id, agent_id, lead_id, appointment_at, status, visited_at, confirmed_by)
select '5a000000-0000-4000-8000-000000000001', :agent31, l.id, v.at, v.status::public.invitation_status,
  case when v.status = 'visited' then v.at end, case when v.status = 'visited' then :lead4::uuid end
from tests.week w
cross join lateral (values
  (w.start - interval '30 minutes', 'visited'),   -- Sunday 23:30 local: last week
  (w.start + interval '30 minutes', 'visited'),   -- Monday 00:30 local: this week
  (w.start + interval '2 days', 'visited'),
  (w.start + interval '3 days', 'booked'),
  (w.start + interval '7 days', 'visited')        -- next Monday 00:00: next week
) as v (at, status)
cross join lateral (select id from public.leads where owner_agent_id = :agent31 order by phone limit 1) as l;

select set_config('request.jwt.claims', json_build_object('sub', :display, 'role', 'authenticated')::text, true);
set local role authenticated;
create temporary table seen on commit drop as
select * from public.wall_outbound_today('5a000000-0000-4000-8000-000000000001');
reset role;

select results_eq(
  format($$select dialed, connected, invitations_week from seen where agent_id = %L$$, :agent31),
  $$values (0, 0, 2)$$,
  'a display sees agent31''s 2 confirmed visits this week (Monday 00:30 and Wednesday), none booked, none of the weeks around');
select is((select count(*)::int from seen), 1, 'a caller with visits but no calls today has a row; callers with neither do not');
select is(
  tests.outcome(:display, 'select * from invitations'), '0',
  'while the display reads no invitation row');

select * from finish();
rollback;
