-- Swaps reach their inboxes live (20261208200000): each step of a swap sends
-- `swap_changed` with the swap's id and status only to the private topics of
-- its two agents and of its team's planners (`schedule:<team>`), once per
-- swap per transaction with the status the transaction leaves — at commit,
-- which a test, never committing, stands in for by firing the deferred
-- trigger at once. An approval also sends the swaps it made stale. And the
-- navigation's count of swaps waiting for the caller.
begin;
select plan(27);

\ir test-helpers.psql

insert into tests.actors (ord, name, id) values
  (1, 'agent01', 'a0000000-0000-4000-8000-000000000101'),
  (2, 'agent02', 'a0000000-0000-4000-8000-000000000102'),
  (3, 'agent03', 'a0000000-0000-4000-8000-000000000103'),
  (4, 'agent05', 'a0000000-0000-4000-8000-000000000105'),
  (5, 'lead1', 'a0000000-0000-4000-8000-000000000011'),
  (6, 'lead2', (select id from auth.users where email = 'lead2@demo.local')),
  (7, 'supervisor', 'a0000000-0000-4000-8000-000000000003');

-- Next week: published by the seed (version 1) for every team. Its years get
-- holiday data if they have none, so an approval's publish is never refused for that.
create table tests.w as
select date_trunc('week', app.site_today('5a000000-0000-4000-8000-000000000001')::timestamp)::date + 7 as w1;
insert into public.site_calendar_years (site_id, year, source)
select '5a000000-0000-4000-8000-000000000001', y, 'test: a year with no holidays'
from generate_series(extract(year from (select w1 from tests.w))::integer, extract(year from (select w1 + 8 from tests.w))::integer) y
on conflict do nothing;

create function tests.agent(n integer) returns uuid language sql as $$
  select format('ac000000-0000-4000-8000-%s', lpad((100 + n)::text, 12, '0'))::uuid
$$;
-- An agent's Monday shift of team 1's published version of next week.
create function tests.monday(n integer) returns uuid language sql as $$
  select sh.id from public.schedule_shifts sh join public.schedules s on s.id = sh.schedule_id
  where s.team_id = '7e000000-0000-4000-8000-000000000001' and s.week_start = (select w1 from tests.w)
    and s.status = 'published' and sh.agent_id = tests.agent(n) and sh.day = (select w1 from tests.w)
$$;
create function tests.swap(proposer integer, status public.shift_swap_status) returns uuid language sql as $$
  select id from public.shift_swaps where proposer_agent_id = tests.agent(proposer) and shift_swaps.status = swap.status
  order by created_at desc limit 1
$$;
create function tests.try(actor text, statement text) returns text language plpgsql as $$
begin
  perform tests.keep_as(tests.actor(actor), statement);
  return 'ok';
exception
  when others then return sqlstate || ' ' || sqlerrm;
end;
$$;
create function tests.waiting(actor text) returns integer language plpgsql as $$
declare
  n integer;
begin
  perform tests.become(tests.actor(actor));
  n := public.shift_swaps_waiting('5a000000-0000-4000-8000-000000000001');
  perform set_config('role', 'none', true);
  return n;
end;
$$;

-- The messages sent since the last tests.mark(), as 'topic status', sorted.
create table tests.seen (id uuid primary key);
create function tests.mark() returns void language sql as $$
  insert into tests.seen select id from realtime.messages on conflict do nothing
$$;
create function tests.sent() returns text[] language sql as $$
  select coalesce(array_agg(m.topic || ' ' || (m.payload ->> 'status') order by m.topic, m.payload ->> 'status'), '{}')
  from realtime.messages m
  where m.event = 'swap_changed' and m.id not in (select id from tests.seen)
$$;
-- What commit would do: the deferred broadcast trigger fires now.
create function tests.commit_point() returns void language plpgsql as $$
begin
  set constraints public.shift_swaps_broadcast_change immediate;
  set constraints public.shift_swaps_broadcast_change deferred;
end;
$$;
create function tests.topics(agents integer[], status text) returns text[] language sql as $$
  select array_agg(t || ' ' || status order by t)
  from (
    select 'agent:' || tests.agent(n) as t from unnest(agents) n
    union all select 'schedule:7e000000-0000-4000-8000-000000000001'
  ) topics
$$;

-- ------------------------------------------------------------ proposed
select tests.mark();
select is(tests.try('agent01', format('select public.propose_shift_swap(%L, %L, %L, %L)',
  tests.monday(1), tests.agent(2), tests.monday(2), 'dentist on Monday morning')),
  'ok', 'agent01 offers Monday''s early shift for agent02''s split shift');
select is(tests.sent(), '{}', 'nothing is sent before commit');
select tests.commit_point();
select is(tests.sent(), tests.topics('{1,2}', 'proposed'),
  'at commit: agent01, agent02 and team 1''s planners are told, once each, though the swap was written twice');
select is(
  (select array_agg(distinct m.payload - 'id') from realtime.messages m
   where m.event = 'swap_changed' and m.id not in (select id from tests.seen)),
  array[jsonb_build_object('swap_id', tests.swap(1, 'proposed'), 'status', 'proposed')],
  'the payload is the swap''s id and status only: no names, no note, no times');
select is((select bool_and(m.private) from realtime.messages m
  where m.event = 'swap_changed' and m.id not in (select id from tests.seen)), true, 'on private topics');
select tests.commit_point();
select is(cardinality(tests.sent()), 3, 'the transaction''s other changes of the swap send nothing more');

select is(tests.waiting('agent02'), 1, 'one swap waits for agent02''s answer');
select is(tests.waiting('agent01'), 0, 'none for agent01, who proposed it');
select is(tests.waiting('lead1'), 0, 'none for the lead yet: nobody accepted');

-- A second swap of the same week: agent03 and agent05 both work Monday's early shift.
select tests.mark();
select is(tests.try('agent03', format('select public.propose_shift_swap(%L, %L, %L, null)',
  tests.monday(3), tests.agent(5), tests.monday(5))), 'ok', 'agent03 offers their Monday shift to agent05');
select tests.commit_point();
select is(tests.sent(), tests.topics('{3,5}', 'proposed'), 'agent03, agent05 and the planners are told');

-- ------------------------------------------------------------ accepted
select tests.mark();
select is(tests.try('agent02', format('select public.answer_shift_swap(%L, true)', tests.swap(1, 'proposed'))),
  'ok', 'agent02 accepts');
select tests.commit_point();
select is(tests.sent(), tests.topics('{1,2}', 'accepted'), 'the two agents and the planners hear it is accepted');
select is(tests.waiting('lead1'), 1, 'it waits for lead1 now');
select is(tests.waiting('supervisor'), 1, 'and for the site''s supervisor');
select is(tests.waiting('lead2'), 0, 'not for the lead of another team');
select is(tests.waiting('agent02'), 0, 'not for agent02 any more');

-- ------------------------------------------------------------ approved, and the other swap of the week stale
select tests.mark();
select is(tests.try('lead1', format('select public.decide_shift_swap(%L, true, null)', tests.swap(1, 'accepted'))),
  'ok', 'lead1 approves: version 2 of the week is published');
select tests.commit_point();
select is(tests.sent(), (select array_agg(x order by x) from unnest(tests.topics('{1,2}', 'approved') || tests.topics('{3,5}', 'stale')) x),
  'the approval reaches agent01, agent02 and the planners; agent03''s swap, now stale, reaches its agents and the planners too');
select is(tests.waiting('lead1'), 0, 'nothing waits for lead1 any more');

-- ------------------------------------------------------------ refused steps send nothing
select tests.mark();
select is(left(tests.try('agent05', format('select public.answer_shift_swap(%L, true)', tests.swap(3, 'stale'))), 5),
  'CB020', 'agent05 cannot accept the stale swap');
select tests.commit_point();
select is(tests.sent(), '{}', 'and a refused step sends nothing');

-- ------------------------------------------------------------ one message per transaction, with its last status
select tests.mark();
select is(tests.try('agent03', format('select public.propose_shift_swap(%L, %L, %L, null)',
  tests.monday(3), tests.agent(5), tests.monday(5))), 'ok', 'agent03 proposes again, against version 2');
select is(tests.try('agent05', format('select public.answer_shift_swap(%L, false)', tests.swap(3, 'proposed'))),
  'ok', 'agent05 declines in the same transaction');
select tests.commit_point();
select is(tests.sent(), tests.topics('{3,5}', 'declined'), 'commit sends the swap''s last status only: declined');

-- ------------------------------------------------------------ who may call
select is(has_function_privilege('authenticated', 'app.broadcast_swap_changed()', 'execute'), false,
  'the API cannot call the broadcast itself');
select is(has_function_privilege('anon', 'public.shift_swaps_waiting(uuid)', 'execute'), false,
  'nor count waiting swaps without signing in');

select * from finish();
rollback;
