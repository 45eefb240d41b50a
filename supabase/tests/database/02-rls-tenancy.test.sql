-- RLS matrix for tenancy: sites, teams and members × every app role (and
-- anon) × select/insert/update/delete, at the seed's demo site.
begin;
select plan(108);

-- Helpers, gone with the rollback. tests.run_as(actor, statement) runs one
-- statement as a user, the way the API does (role authenticated and the JWT
-- claims; a null actor is anon), undoes it, and returns the rows it saw
-- (select) or changed (insert, update, delete); errors propagate.
-- tests.outcome() returns that count as text, or 'error <sqlstate>'.
create schema tests;

create function tests.run_as(actor uuid, statement text) returns bigint
language plpgsql as $$
declare
  api_role text := case when actor is null then 'anon' else 'authenticated' end;
  n bigint;
begin
  begin
    perform set_config('role', api_role, true);
    perform set_config('request.jwt.claims', json_build_object('sub', actor, 'role', api_role)::text, true);
    if statement ~* '^\s*select' then
      execute format('select count(*) from (%s) as seen', statement) into n;
    else
      execute statement;
      get diagnostics n = row_count;
    end if;
    raise sqlstate 'TUNDO'; -- undoes the statement and the role switch; n survives
  exception
    when sqlstate 'TUNDO' then null;
  end;
  return n;
end;
$$;

create function tests.outcome(actor uuid, statement text) returns text
language plpgsql as $$
begin
  return tests.run_as(actor, statement)::text;
exception
  when others then return 'error ' || sqlstate;
end;
$$;

-- tests.check(actor, statement, expected, description) is one assertion:
-- expected is the number of rows the statement sees or changes, or the
-- five-character SQLSTATE it must fail with.
create function tests.check(actor uuid, statement text, expected text, description text) returns text
language sql as $$
  select case
    when length(expected) < 5 then is(tests.outcome(actor, statement), expected, description)
    else throws_ok(format('select tests.run_as(%L, %L)', actor, statement), expected, null, description)
  end
$$;

create table tests.actors (ord int primary key, name text not null, id uuid);

-- The matrix: per table and operation, the expected outcome for each actor
-- in tests.actors order (see below); tests.check_matrix() makes each cell an
-- assertion.
create table tests.matrix (ord serial, op text, what text, statement text, expected text[]);

create function tests.check_matrix() returns setof text
language sql as $$
  select tests.check(a.id, m.statement, x.expected, format('%s: %s %s %s', a.name, m.op, m.what,
    case
      when length(x.expected) = 5 then format('is refused (%s)', x.expected)
      else format('%s %s row%s', case when m.op = 'select' then 'sees' else 'changes' end,
        x.expected, case when x.expected = '1' then '' else 's' end)
    end))
  from tests.matrix m
  cross join lateral unnest(m.expected) with ordinality as x (expected, ord)
  join tests.actors a on a.ord = x.ord
  order by m.ord, a.ord
$$;

-- Actors: the seed's users (DESIGN.md §4 roles at the demo site), plus a qa
-- and an analyst, which the seed does not have.
insert into auth.users (id, aud, role, email) values
  ('b0000000-0000-4000-8000-000000000005', 'authenticated', 'authenticated', 'qa@test.local'),
  ('b0000000-0000-4000-8000-000000000006', 'authenticated', 'authenticated', 'analyst@test.local');
insert into public.members (user_id, site_id, role) values
  ('b0000000-0000-4000-8000-000000000005', '5a000000-0000-4000-8000-000000000001', 'qa'),
  ('b0000000-0000-4000-8000-000000000006', '5a000000-0000-4000-8000-000000000001', 'analyst');

insert into tests.actors (ord, name, id) values
  (1, 'agent', 'a0000000-0000-4000-8000-000000000101'),      -- agent01, team 1 (Hotline A)
  (2, 'lead', 'a0000000-0000-4000-8000-000000000011'),       -- lead1, leads team 1
  (3, 'supervisor', 'a0000000-0000-4000-8000-000000000003'),
  (4, 'manager', 'a0000000-0000-4000-8000-000000000002'),
  (5, 'qa', 'b0000000-0000-4000-8000-000000000005'),
  (6, 'analyst', 'b0000000-0000-4000-8000-000000000006'),
  (7, 'admin', 'a0000000-0000-4000-8000-000000000001'),
  (8, 'display', 'a0000000-0000-4000-8000-000000000004'),
  (9, 'anon', null);

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
    '{1,     11,    50,    50,    1,     1,     50,    1,     0}'),
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
