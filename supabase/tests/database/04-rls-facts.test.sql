-- RLS matrix for the facts, call_events and agent_state_events, and the
-- per-call summaries derived from them (call_summaries) × every app
-- role (and anon) × select/insert/update/delete. Staff read the site's facts,
-- an agent their own, a lead their team's, a display none; nobody writes
-- them through the API (ingest runs as the service role), so every write is
-- refused by privileges, admins' included.
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
