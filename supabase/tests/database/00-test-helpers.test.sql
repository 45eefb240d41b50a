-- Test helpers, installed once and committed, before the files that use
-- them (02-08, 20, 30, 32), which each still run in a transaction they roll
-- back.
--
-- The helpers live in schema test_helpers between files: each file renames it
-- to tests for its own run (`alter schema test_helpers rename to tests;`) and
-- its rollback renames it back, so other files, such as 31-wall-functions,
-- keep their own schema tests, and objects a file adds to tests go with its
-- rollback.
begin;
select plan(1);

create schema tests;

-- tests.become(actor, api_role) makes what follows run the way the API runs
-- a caller's request: as api_role (by default authenticated, or anon for a
-- null actor; service_role for the feeders) with the JWT claims {sub, role}.
-- The role switch comes last: an API role may not use schema tests, so go
-- back with set_config('role', 'none', true) or by undoing a subtransaction,
-- never through another helper.
create function tests.become(actor uuid, api_role text default null) returns void
language plpgsql as $$
declare
  effective text := coalesce(api_role, case when actor is null then 'anon' else 'authenticated' end);
begin
  perform set_config('request.jwt.claims', json_build_object('sub', actor, 'role', effective)::text, true);
  perform set_config('role', effective, true);
end;
$$;

-- tests.run_as(actor, statement) runs one statement as a user, the way the
-- API does (a null actor is anon), undoes it, and returns the rows it saw
-- (select) or changed (insert, update, delete); errors propagate.
-- tests.outcome() returns that count as text, or 'error <sqlstate>'.
create function tests.run_as(actor uuid, statement text) returns bigint
language plpgsql as $$
declare
  n bigint;
begin
  begin
    perform tests.become(actor);
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

-- tests.keep_as(actor, statement): like run_as, but the statement's effect
-- stays (a setup step taken as a user, so triggers stamp and broadcast it as
-- they would for the API).
create function tests.keep_as(actor uuid, statement text) returns void
language plpgsql as $$
begin
  perform tests.become(actor);
  execute statement;
  perform set_config('role', 'none', true);
end;
$$;

-- tests.call_as(api_role, call) evaluates one call, such as an RPC, as an
-- API role with no user (service_role, or authenticated to see it refused),
-- keeps its effect and returns its jsonb result; an error propagates, and
-- throws_ok's subtransaction then undoes the role switch too.
create function tests.call_as(api_role text, call text) returns jsonb
language plpgsql as $$
declare
  result jsonb;
begin
  perform tests.become(null, api_role);
  execute format('select %s', call) into result;
  perform set_config('role', 'none', true);
  return result;
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

-- tests.actors, the matrix and the cases are filled by each file (and
-- emptied by its rollback). The matrix: per table and operation, the expected outcome for
-- each actor in tests.actors order; tests.check_matrix() makes each cell an
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

-- tests.actor(name): the user id of an actor in tests.actors (null for anon).
create function tests.actor(actor_name text) returns uuid
language sql stable as $$
  select id from tests.actors where name = actor_name
$$;

-- Cases are the other shape of assertion: one actor, one statement, the
-- expected count or SQLSTATE as in tests.check(), and a description.
-- tests.check_cases() checks the cases filled so far in order and empties
-- the table, so a file can check one batch, change something, then the next.
create table tests.cases (ord serial, actor text, statement text, expected text, description text);

create function tests.check_cases() returns setof text
language plpgsql as $$
declare
  unknown text := (select min(actor) from tests.cases where actor not in (select name from tests.actors));
begin
  -- A case with a misspelt actor must fail, not vanish from the join.
  if unknown is not null then
    raise exception 'tests.cases: no actor named "%" in tests.actors', unknown;
  end if;
  return query
    select tests.check(a.id, c.statement, c.expected, c.description)
    from tests.cases c
    join tests.actors a on a.name = c.actor
    order by c.ord;
  delete from tests.cases;
end;
$$;

-- tests.add_qa_and_analyst(): a qa and an analyst at the demo site, which the
-- seed does not have (users b...05 and b...06).
create function tests.add_qa_and_analyst() returns void
language sql as $$
insert into auth.users (id, aud, role, email) values
  ('b0000000-0000-4000-8000-000000000005', 'authenticated', 'authenticated', 'qa@test.local'),
  ('b0000000-0000-4000-8000-000000000006', 'authenticated', 'authenticated', 'analyst@test.local');
insert into public.members (user_id, site_id, role) values
  ('b0000000-0000-4000-8000-000000000005', '5a000000-0000-4000-8000-000000000001', 'qa'),
  ('b0000000-0000-4000-8000-000000000006', '5a000000-0000-4000-8000-000000000001', 'analyst');
$$;

-- tests.seat_actors(agent, lead): the actors of a matrix, in its column
-- order: the given agent and team lead (users), the seed's supervisor,
-- manager, admin and display, a qa and an analyst, and anon.
create function tests.seat_actors(agent uuid, lead uuid) returns void
language sql as $$
select tests.add_qa_and_analyst();
insert into tests.actors (ord, name, id) values
  (1, 'agent', agent),
  (2, 'lead', lead),
  (3, 'supervisor', 'a0000000-0000-4000-8000-000000000003'),
  (4, 'manager', 'a0000000-0000-4000-8000-000000000002'),
  (5, 'qa', 'b0000000-0000-4000-8000-000000000005'),
  (6, 'analyst', 'b0000000-0000-4000-8000-000000000006'),
  (7, 'admin', 'a0000000-0000-4000-8000-000000000001'),
  (8, 'display', 'a0000000-0000-4000-8000-000000000004'),
  (9, 'anon', null);
$$;

-- tests.add_second_site(): a tenant beside the demo site, for the checks
-- that need two: site 5b...02 with team 7b...21, queue 9b...21 and agent row
-- ab...201, and users with memberships there: its agent b...201 and lead
-- b...211 (of the team), a manager b...202, a supervisor b...203 and a
-- display b...204.
create function tests.add_second_site() returns void
language sql as $$
insert into public.sites (id, name) values ('5b000000-0000-4000-8000-000000000002', 'Second test site');
insert into public.teams (id, site_id, name)
values ('7b000000-0000-4000-8000-000000000021', '5b000000-0000-4000-8000-000000000002', 'Site 2 team');
insert into public.queues (id, site_id, name)
values ('9b000000-0000-4000-8000-000000000021', '5b000000-0000-4000-8000-000000000002', 'Site 2 queue');
insert into auth.users (id, aud, role, email)
select id::uuid, 'authenticated', 'authenticated', email
from (values
  ('b0000000-0000-4000-8000-000000000201', 'agent@site2.test'),
  ('b0000000-0000-4000-8000-000000000211', 'lead@site2.test'),
  ('b0000000-0000-4000-8000-000000000202', 'manager@site2.test'),
  ('b0000000-0000-4000-8000-000000000203', 'supervisor@site2.test'),
  ('b0000000-0000-4000-8000-000000000204', 'display@site2.test')
) as u (id, email);
insert into public.agents (id, site_id, team_id, user_id, display_name, employee_no)
values ('ab000000-0000-4000-8000-000000000201', '5b000000-0000-4000-8000-000000000002',
  '7b000000-0000-4000-8000-000000000021', 'b0000000-0000-4000-8000-000000000201', 'Site 2 agent', 'S2-001');
insert into public.members (user_id, site_id, team_id, role) values
  ('b0000000-0000-4000-8000-000000000201', '5b000000-0000-4000-8000-000000000002', '7b000000-0000-4000-8000-000000000021', 'agent'),
  ('b0000000-0000-4000-8000-000000000211', '5b000000-0000-4000-8000-000000000002', '7b000000-0000-4000-8000-000000000021', 'lead'),
  ('b0000000-0000-4000-8000-000000000202', '5b000000-0000-4000-8000-000000000002', null, 'manager'),
  ('b0000000-0000-4000-8000-000000000203', '5b000000-0000-4000-8000-000000000002', null, 'supervisor'),
  ('b0000000-0000-4000-8000-000000000204', '5b000000-0000-4000-8000-000000000002', null, 'display');
$$;

alter schema tests rename to test_helpers;

select ok(true, 'test helpers installed');
select * from finish();
commit;
