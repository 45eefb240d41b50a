-- RLS matrix for tenancy: sites, teams and members × every app role (and
-- anon) × select/insert/update/delete, at the seed's demo site.
begin;
select plan(108);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- Actors (test-helpers.psql): agent01, team 1 (Hotline A) and lead1, leads team 1, then one of each other role.
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- Fixtures: a team nobody belongs to (so it can be deleted) and a user of no site.
insert into public.teams (id, site_id, name)
values ('7e000000-0000-4000-8000-0000000000f1', '5a000000-0000-4000-8000-000000000001', 'Empty test team');
insert into auth.users (id, aud, role, email)
values ('b0000000-0000-4000-8000-000000000099', 'authenticated', 'authenticated', 'outsider@test.local');

insert into tests.matrix (op, what, statement, expected) values
  --  agent  lead   sup    mgr    qa     anlyst admin  disp   anon
  ('select', 'own site',
    $$select * from sites$$,
    '{1,     1,     1,     1,     1,     1,     1,     1,     0}'),
  ('insert', 'a site',
    $$insert into sites (name) values ('Test site')$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}'),
  ('update', 'own site',
    $$update sites set name = 'Renamed' where id = '5a000000-0000-4000-8000-000000000001'$$,
    '{0,     0,     0,     0,     0,     0,     1,     0,     0}'),
  ('delete', 'own site',
    $$delete from sites where id = '5a000000-0000-4000-8000-000000000001'$$,
    '{0,     0,     0,     0,     0,     0,     0,     0,     0}'),
  ('select', 'teams of own site',
    $$select * from teams$$,
    '{5,     5,     5,     5,     5,     5,     5,     5,     0}'),
  ('insert', 'a team into own site',
    $$insert into teams (site_id, name) values ('5a000000-0000-4000-8000-000000000001', 'New team')$$,
    '{42501, 42501, 42501, 1,     42501, 42501, 1,     42501, 42501}'),
  ('update', 'a team of own site',
    $$update teams set name = 'Renamed' where id = '7e000000-0000-4000-8000-000000000001'$$,
    '{0,     0,     0,     1,     0,     0,     1,     0,     0}'),
  ('delete', 'an empty team of own site',
    $$delete from teams where id = '7e000000-0000-4000-8000-0000000000f1'$$,
    '{0,     0,     0,     1,     0,     0,     1,     0,     0}'),
  ('select', 'memberships of own site',
    $$select * from members$$,
    '{1,     11,    52,    52,    1,     1,     52,    1,     0}'),
  ('insert', 'a new member into own site',
    $$insert into members (user_id, site_id, role)
      values ('b0000000-0000-4000-8000-000000000099', '5a000000-0000-4000-8000-000000000001', 'qa')$$,
    '{42501, 42501, 42501, 42501, 42501, 42501, 1,     42501, 42501}'),
  ('update', 'own membership to admin',
    $$update members set role = 'admin' where user_id = (select auth.uid())$$,
    '{0,     0,     0,     0,     0,     0,     1,     0,     0}'),
  ('delete', 'the membership of agent02 (team 1)',
    $$delete from members where user_id = 'a0000000-0000-4000-8000-000000000102'$$,
    '{0,     0,     0,     0,     0,     0,     1,     0,     0}');

select * from tests.check_matrix();

select * from finish();
rollback;
