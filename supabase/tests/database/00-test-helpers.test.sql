-- Test helpers, installed once and committed, before the files that use
-- them (02-08), which each still run in a transaction they roll back.
--
-- The helpers live in schema test_helpers between files: each file renames it
-- to tests for its own run (`alter schema test_helpers rename to tests;`) and
-- its rollback renames it back, so other files, such as 20-ingest, keep their
-- own schema tests, and objects a file adds to tests go with its rollback.
begin;
select plan(1);

create schema tests;

-- tests.run_as(actor, statement) runs one statement as a user, the way the
-- API does (role authenticated and the JWT claims; a null actor is anon),
-- undoes it, and returns the rows it saw (select) or changed (insert, update,
-- delete); errors propagate. tests.outcome() returns that count as text, or
-- 'error <sqlstate>'.
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

-- tests.actors and the matrix are filled by each file (and emptied by its
-- rollback). The matrix: per table and operation, the expected outcome for
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

alter schema tests rename to test_helpers;

select ok(true, 'test helpers installed');
select * from finish();
commit;
