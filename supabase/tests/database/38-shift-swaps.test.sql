-- Shift swaps (20261205500000): who reads swaps and their steps (the two
-- agents and the team's planners; not a bystander of the team, another
-- team's lead, QA, analysts, displays or the second site), every step and
-- who may take it (propose, accept, decline, cancel, approve, reject), the
-- refusals in words (skills, a working colleague, another team, a past shift,
-- a rule broken when proposed and one broken only by the time of approval),
-- a swap made stale by a newer version (another swap's or a planner's), and
-- the approved swap published as a new version with the one before
-- superseded and the planners' open draft kept.
begin;
select plan(165);

\ir test-helpers.psql

-- Actors: agent01 (proposes) and lead1 of team 1, then one of each other role.
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');
select tests.add_second_site();
insert into tests.actors (ord, name, id) values
  (20, 'agent02', 'a0000000-0000-4000-8000-000000000102'),
  (21, 'agent03', 'a0000000-0000-4000-8000-000000000103'),
  (22, 'agent06', 'a0000000-0000-4000-8000-000000000106'),
  (23, 'agent07', 'a0000000-0000-4000-8000-000000000107'),
  (24, 'agent04', 'a0000000-0000-4000-8000-000000000104'),
  (25, 'agent05', 'a0000000-0000-4000-8000-000000000105'),
  (26, 'agent08', 'a0000000-0000-4000-8000-000000000108'),
  (27, 'agent09', 'a0000000-0000-4000-8000-000000000109'),
  (28, 'agent10', 'a0000000-0000-4000-8000-000000000110'),
  (30, 'lead2', 'a0000000-0000-4000-8000-000000000012'),
  (31, 'agent of site 2', 'b0000000-0000-4000-8000-000000000201'),
  (32, 'lead of site 2', 'b0000000-0000-4000-8000-000000000211'),
  (33, 'manager of site 2', 'b0000000-0000-4000-8000-000000000202'),
  (34, 'display of site 2', 'b0000000-0000-4000-8000-000000000204');

-- Next week (the seed publishes it for every team, relative to today): team 1's
-- agents work early (odd) or split (even) shifts; agent i rests on days i mod 7
-- and the next (0 = Monday). Its year has holiday data whenever this runs.
create table tests.w as
select date_trunc('week', app.site_today('5a000000-0000-4000-8000-000000000001')::timestamp)::date + 7 as w1;
insert into public.site_calendar_years (site_id, year, source)
select '5a000000-0000-4000-8000-000000000001', y, 'test: a year with no holidays'
from generate_series(extract(year from (select w1 from tests.w))::integer, extract(year from (select w1 + 8 from tests.w))::integer) y
on conflict do nothing;

create function tests.agent(n integer) returns uuid language sql as $$
  select format('ac000000-0000-4000-8000-%s', lpad((100 + n)::text, 12, '0'))::uuid
$$;
-- Agent n's shift on day d of next week in team 1's published version.
create function tests.shift(n integer, d integer) returns uuid language sql as $$
  select sh.id from public.schedule_shifts sh join public.schedules s on s.id = sh.schedule_id
  where s.team_id = '7e000000-0000-4000-8000-000000000001' and s.status = 'published'
    and s.week_start = (select w1 from tests.w) and sh.agent_id = tests.agent(n) and sh.day = (select w1 + d from tests.w)
$$;
-- The newest swap of agent n's shift on day d (by its shift in any version of the week).
create function tests.swap(n integer, d integer) returns uuid language sql as $$
  select w.id from public.shift_swaps w join public.schedule_shifts sh on sh.id = w.proposer_shift_id
  where w.proposer_agent_id = tests.agent(n) and sh.day = (select w1 + d from tests.w)
  order by w.created_at desc, w.status limit 1
$$;
create function tests.status(swap uuid) returns text language sql as $$
  select status::text from public.shift_swaps where id = swap
$$;
-- Runs a statement as an actor and keeps its effect: 'ok', or the error's code and words.
create function tests.try(actor text, statement text) returns text language plpgsql as $$
begin
  perform tests.keep_as(tests.actor(actor), statement);
  return 'ok';
exception
  when others then return sqlstate || ' ' || sqlerrm;
end;
$$;
create function tests.propose(actor text, mine uuid, colleague integer, theirs uuid default null, note text default null)
returns text language sql as $$
  select tests.try(actor, format('select public.propose_shift_swap(%L, %L, %L, %L)', mine, tests.agent(colleague), theirs, note))
$$;
create function tests.answer(actor text, swap uuid, accept boolean) returns text language sql as $$
  select tests.try(actor, format('select public.answer_shift_swap(%L, %L)', swap, accept))
$$;
create function tests.decide(actor text, swap uuid, approve boolean, reason text default null) returns text language sql as $$
  select tests.try(actor, format('select public.decide_shift_swap(%L, %L, %L)', swap, approve, reason))
$$;
create function tests.cancel(actor text, swap uuid) returns text language sql as $$
  select tests.try(actor, format('select public.cancel_shift_swap(%L)', swap))
$$;
-- Evaluates a query as an actor, the way the API would, and returns its rows as JSON.
create function tests.rows_as(actor text, query text) returns setof jsonb language plpgsql as $$
declare
  who uuid := tests.actor(actor);
begin
  perform tests.become(who);
  return query execute format('select to_jsonb(x) from (%s) x', query);
  perform set_config('role', 'none', true);
end;
$$;
create function tests.week_versions() returns text language sql as $$
  select string_agg(format('v%s %s', version, status), ', ' order by version) from public.schedules
  where team_id = '7e000000-0000-4000-8000-000000000001' and week_start = (select w1 from tests.w)
$$;

-- ------------------------------------------------------------ propose

select is(tests.propose('agent', tests.shift(1, 0), 2, tests.shift(2, 0), 'Dentist on Monday morning'), 'ok',
  'agent01 proposes to exchange Monday''s early shift for agent02''s split shift');
select is(
  (select format('%s %s %s v%s', w.status, w.note, w.week_start = (select w1 from tests.w), s.version)
   from shift_swaps w join schedules s on s.id = w.schedule_id where w.id = tests.swap(1, 0)),
  'proposed Dentist on Monday morning t v1', 'the swap is proposed against the published version 1 of the week');
select is(
  (select format('%s by %s, %s', status, actor_id, reason) from shift_swap_steps where swap_id = tests.swap(1, 0)),
  'proposed by a0000000-0000-4000-8000-000000000101, Dentist on Monday morning', 'the proposal is recorded with who');

-- ------------------------------------------------------------ RLS matrix
-- Columns: agent (agent01, a party), lead (lead1), supervisor, manager, qa, analyst, admin, display, anon.
insert into tests.matrix (op, what, statement, expected)
select op, what, statement, expected::text[] from (values
  ('select', 'the swap', 'select * from shift_swaps', '{1,1,1,1,0,0,1,0,0}'),
  ('select', 'its steps', 'select * from shift_swap_steps', '{1,1,1,1,0,0,1,0,0}'),
  ('insert', 'a swap directly (propose_shift_swap does)',
    format($$insert into shift_swaps (site_id, team_id, week_start, schedule_id, proposer_agent_id, proposer_shift_id, colleague_agent_id)
      select site_id, team_id, week_start, schedule_id, colleague_agent_id, colleague_shift_id, proposer_agent_id
      from shift_swaps where id = %L$$, tests.swap(1, 0)),
    '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('update', 'a swap directly', $$update shift_swaps set status = 'approved'$$,
    '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('delete', 'a swap', 'delete from shift_swaps', '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('insert', 'a step directly',
    $$insert into shift_swap_steps (site_id, swap_id, status) select site_id, swap_id, 'approved' from shift_swap_steps$$,
    '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('delete', 'the steps', 'delete from shift_swap_steps', '{42501,42501,42501,42501,42501,42501,42501,42501,42501}')
) as m (op, what, statement, expected);
select * from tests.check_matrix();

insert into tests.cases (actor, statement, expected, description) values
  ('agent02', 'select * from shift_swaps', '1', 'agent02, the colleague asked, reads the swap'),
  ('agent02', 'select * from shift_swap_steps', '1', 'agent02 reads its steps'),
  ('agent03', 'select * from shift_swaps', '0', 'agent03 of the same team, no party, reads no swap'),
  ('agent03', 'select * from shift_swap_steps', '0', 'agent03 reads no step'),
  ('lead2', 'select * from shift_swaps', '0', 'the lead of another team reads none of team 1''s swaps'),
  ('agent of site 2', 'select * from shift_swaps', '0', 'the agent of site 2 reads none'),
  ('lead of site 2', 'select * from shift_swaps', '0', 'the lead of site 2 reads none'),
  ('manager of site 2', 'select * from shift_swaps', '0', 'the manager of site 2 reads none'),
  ('manager of site 2', 'select * from shift_swap_steps', '0', 'the manager of site 2 reads no step'),
  ('display of site 2', 'select * from shift_swaps', '0', 'the display of site 2 reads none'),
  ('display', format('select * from list_shift_swaps(%L, %L)', '5a000000-0000-4000-8000-000000000001', '2000-01-01'), '0',
    'the display lists no swap'),
  ('agent03', format('select * from list_shift_swaps(%L, %L)', '5a000000-0000-4000-8000-000000000001', '2000-01-01'), '0',
    'a bystander lists no swap'),
  ('manager of site 2', format('select * from list_shift_swaps(%L, %L)', '5a000000-0000-4000-8000-000000000001', '2000-01-01'),
    '0', 'the manager of site 2 lists none of site 1''s swaps'),
  ('agent02', format('select * from list_shift_swaps(%L, %L)', '5a000000-0000-4000-8000-000000000001', '2000-01-01'), '1',
    'the colleague lists it');
select * from tests.check_cases();

-- ------------------------------------------------------------ candidates

select is(
  (select format('%s colleagues, %s off, agent02 %s', count(*), count(*) filter (where r->>'their_shift_id' is null),
     max(r->>'starts_at') filter (where (r->>'agent_id')::uuid = tests.agent(2)))
   from tests.rows_as('agent', format('select * from swap_candidates(%L)', tests.shift(1, 0))) r),
  '9 colleagues, 2 off, agent02 08:00:00',
  'Monday''s candidates: the nine colleagues with the sales skill, agent06 and agent07 off, the rest with their shift');
select is(tests.try('agent02', format('select swap_candidates(%L)', tests.shift(1, 0))),
  '42501 only the shift''s own agent looks for someone to swap it with', 'only the shift''s agent asks for candidates');

-- ------------------------------------------------------------ refusals when proposing

select is(tests.propose('agent02', tests.shift(1, 3), 2), '42501 only the shift''s own agent proposes to swap it',
  'a colleague may not offer agent01''s shift');
select is(tests.propose('lead', tests.shift(1, 3), 2), '42501 only the shift''s own agent proposes to swap it',
  'nor may the lead');
select is(tests.propose('agent', tests.shift(1, 0), 7), 'CB025 this shift already has an open swap: cancel it first',
  'one open swap per shift');
select is(tests.propose('agent', tests.shift(1, 4), 2),
  format('CB026 %s works on %s: choose their shift to exchange, or a colleague who is off',
    (select display_name from agents where id = tests.agent(2)), (select w1 + 4 from tests.w)),
  'a hand-over needs the colleague off that day');
select is(tests.propose('agent', tests.shift(1, 3), 11), '22023 a shift is swapped with another active agent of the same team',
  'the colleague must be of the same team');
delete from agent_skills where agent_id = tests.agent(3);
select is(tests.propose('agent', tests.shift(1, 3), 3),
  format('CB022 %s lacks the skills the shift needs: 销售热线 Sales hotline', (select display_name from agents where id = tests.agent(3))),
  'a colleague without the skills of the shift''s queues is refused, the queues named');
select is((select count(*)::int from tests.rows_as('agent', format('select * from swap_candidates(%L)', tests.shift(1, 3))) r
    where (r->>'agent_id')::uuid = tests.agent(3)), 0,
  'and is no candidate');

-- Exchanging Thursday's early shift for agent02's Friday split shift gives
-- agent01 two shifts on Friday: 16 h paid, overlapping.
select matches(tests.propose('agent', tests.shift(1, 3), 2, tests.shift(2, 4)),
  '^CB023 the swap would break the rule "day_hours" for .*: 16:00 h paid on .*: at most 8:00 h a day$',
  'a swap that breaks a rule is refused when proposed, the rule named');
create function tests.error_detail(actor text, statement text) returns jsonb language plpgsql as $$
declare
  d text;
begin
  perform tests.keep_as(tests.actor(actor), statement);
  return null;
exception
  when others then
    get stacked diagnostics d = pg_exception_detail;
    return d::jsonb;
end;
$$;
select is(
  tests.error_detail('agent', format('select propose_shift_swap(%L, %L, %L)', tests.shift(1, 3), tests.agent(2), tests.shift(2, 4))),
  jsonb_build_object('rule', 'day_hours', 'agent', (select display_name from agents where id = tests.agent(1)),
    'day', (select w1 + 4 from tests.w), 'facts', jsonb_build_object('paid_min', 960, 'max_min', 480)),
  'its detail names the rule, the agent, the day and the rule''s facts for the app to word');

-- A shift that has begun: agent01's first one of last week, which the seed publishes.
create table tests.begun as
select sh.id from schedule_shifts sh join schedules s on s.id = sh.schedule_id
where s.team_id = '7e000000-0000-4000-8000-000000000001' and s.status = 'published'
  and s.week_start = (select w1 - 14 from tests.w) and sh.agent_id = tests.agent(1)
order by sh.start_ts limit 1;
select is((select count(*)::int from tests.begun), 1, 'the seed published a shift of agent01 last week');
select matches(
  tests.propose('agent', (select id from tests.begun), 2),
  '^CB021 the shift of .* has started or is over', 'a shift that has begun is not swapped');
select is((select count(*)::int from shift_swaps), 1, 'no refused proposal left a swap behind');
select is(tests.week_versions(), 'v1 published', 'nor a version: trying the rules changed nothing');

-- ------------------------------------------------------------ accept, decline, cancel

select is(tests.answer('agent', tests.swap(1, 0), true), '42501 only the colleague asked answers a swap',
  'the proposer may not accept their own swap');
select is(tests.answer('lead', tests.swap(1, 0), true), '42501 only the colleague asked answers a swap',
  'nor may the lead answer for the colleague');
select is(tests.decide('lead', tests.swap(1, 0), true), 'CB024 the swap is proposed: it cannot be decided now',
  'a swap the colleague has not accepted is not decided');
select is(tests.answer('agent02', tests.swap(1, 0), true), 'ok', 'agent02 accepts');
select is(tests.status(tests.swap(1, 0)), 'accepted', 'the swap is accepted');
select is(tests.answer('agent02', tests.swap(1, 0), false), 'CB024 the swap is accepted: it cannot be answered now',
  'an answer is given once');

-- Decline: agent05 hands Monday's shift to agent07 (off), who declines.
select is(tests.propose('agent05', tests.shift(5, 0), 7), 'ok', 'agent05 offers Monday to agent07, who is off');
select is(tests.answer('agent07', tests.swap(5, 0), false), 'ok', 'agent07 declines');
select is(tests.status(tests.swap(5, 0)), 'declined', 'the swap is declined');
select is(tests.answer('agent07', tests.swap(5, 0), true), 'CB024 the swap is declined: it cannot be answered now',
  'a declined swap cannot be accepted after all');
select is(tests.cancel('agent05', tests.swap(5, 0)), 'CB024 the swap is declined: it cannot be cancelled now',
  'nor cancelled');

-- Cancel: agent08 offers Monday to agent07 and withdraws it once accepted.
select is(tests.propose('agent08', tests.shift(8, 0), 7), 'ok', 'agent08 offers Monday to agent07');
select is(tests.answer('agent07', tests.swap(8, 0), true), 'ok', 'agent07 accepts');
select is(tests.cancel('agent07', tests.swap(8, 0)), '42501 only the agent who proposed a swap cancels it',
  'the colleague may not cancel');
select is(tests.cancel('lead', tests.swap(8, 0)), '42501 only the agent who proposed a swap cancels it',
  'nor may the lead');
select is(tests.cancel('agent08', tests.swap(8, 0)), 'ok', 'the proposer cancels the accepted swap');
select is(tests.status(tests.swap(8, 0)), 'cancelled', 'the swap is cancelled');
select is(tests.decide('lead', tests.swap(8, 0), true), 'CB024 the swap is cancelled: it cannot be decided now',
  'a cancelled swap is not decided');

-- ------------------------------------------------------------ a rule broken by the time of approval

-- agent04 hands Monday's split shift to agent06 (off Monday and Sunday): six
-- days, one rest day, which the policy allows. Then the manager asks for two
-- rest days a week; approving would take agent06's second one away.
select is(tests.propose('agent04', tests.shift(4, 0), 6), 'ok', 'agent04 offers Monday to agent06');
select is(tests.answer('agent06', tests.swap(4, 0), true), 'ok', 'agent06 accepts');
select is(tests.try('manager', 'update schedule_policies set min_rest_days_per_week = 2'), 'ok',
  'the manager asks for two rest days a week');
select matches(tests.decide('lead', tests.swap(4, 0), true),
  '^CB023 the swap would break the rule "rest_days" for .*: works 6 days: at least 2 rest day\(s\) a week$',
  'approving is refused with the rule named: the colleague would lose a rest day');
select is(tests.status(tests.swap(4, 0)), 'accepted', 'the refused swap stays accepted');
select is(tests.week_versions(), 'v1 published', 'and nothing was published');
select is(tests.decide('lead', tests.swap(4, 0), false, '  '), '22023 say why the swap is rejected',
  'a rejection needs a reason');
select is(tests.decide('lead', tests.swap(4, 0), false, 'Two rest days a week now'), 'ok', 'the lead rejects it with the reason');
select is(
  (select format('%s: %s by %s', w.status, st.reason, st.actor_id) from shift_swaps w
   join shift_swap_steps st on st.swap_id = w.id and st.status = 'rejected' where w.id = tests.swap(4, 0)),
  'rejected: Two rest days a week now by a0000000-0000-4000-8000-000000000011', 'the rejection is recorded with who and why');
update schedule_policies set min_rest_days_per_week = 1 where site_id = '5a000000-0000-4000-8000-000000000001';

-- ------------------------------------------------------------ approve

-- Still open when agent01's swap is approved: agent09 offers Monday to agent06.
select is(tests.propose('agent09', tests.shift(9, 0), 6), 'ok', 'agent09 offers Monday to agent06');
-- A supervisor has the week open as a draft meanwhile.
select is(tests.try('supervisor', format('select create_schedule_draft(%L, %L)', '7e000000-0000-4000-8000-000000000001',
  (select w1 from tests.w))), 'ok', 'a supervisor opens a draft of the week');
select is(tests.week_versions(), 'v1 published, v2 draft', 'version 2 is the draft');

select is(tests.decide('agent', tests.swap(1, 0), true), '42501 only the team''s lead or a supervisor decides its swaps',
  'the proposer may not approve');
select is(tests.decide('agent02', tests.swap(1, 0), true), '42501 only the team''s lead or a supervisor decides its swaps',
  'nor the colleague');
select is(tests.decide('lead2', tests.swap(1, 0), true), '42501 only the team''s lead or a supervisor decides its swaps',
  'nor another team''s lead');
select is(tests.decide('qa', tests.swap(1, 0), true), '42501 only the team''s lead or a supervisor decides its swaps',
  'nor QA');
select is(tests.decide('lead', tests.swap(1, 0), true), 'ok', 'lead1 approves agent01''s swap');

select is(tests.status(tests.swap(1, 0)), 'approved', 'the swap is approved');
select is(tests.week_versions(), 'v1 superseded, v2 published, v3 draft',
  'the swap is published as version 2, version 1 kept as superseded, the open draft now version 3');
select is(
  (select format('%s by %s', s.status, s.published_by) from shift_swaps w join schedules s on s.id = w.approved_schedule_id
   where w.id = tests.swap(1, 0)),
  'published by a0000000-0000-4000-8000-000000000011', 'the approved version is the published one, published by the lead');
create function tests.monday(version integer, n integer) returns text language sql as $$
  select string_agg(to_char(sh.starts_at, 'HH24:MI') || '-' || to_char(sh.ends_at, 'HH24:MI'), ', ')
  from public.schedule_shifts sh join public.schedules s on s.id = sh.schedule_id
  where s.team_id = '7e000000-0000-4000-8000-000000000001' and s.week_start = (select w1 from tests.w)
    and s.version = monday.version and sh.agent_id = tests.agent(n) and sh.day = (select w1 from tests.w)
$$;
select is(array[tests.monday(2, 1), tests.monday(2, 2)], array['08:00-20:00', '08:00-16:30'],
  'in version 2 agent01 works the split shift on Monday and agent02 the early one');
select is(array[tests.monday(1, 1), tests.monday(1, 2)], array['08:00-16:30', '08:00-20:00'],
  'version 1 keeps the shifts as they were');
select is(array[tests.monday(3, 1), tests.monday(3, 2)], array['08:00-20:00', '08:00-16:30'],
  'the open draft has the swap made as well');
select is(
  (select count(*)::int from (
    select agent_id, day, starts_at, ends_at, template_id from schedule_shifts sh join schedules s on s.id = sh.schedule_id
    where s.team_id = '7e000000-0000-4000-8000-000000000001' and s.week_start = (select w1 from tests.w) and s.version = 1
    except
    select agent_id, day, starts_at, ends_at, template_id from schedule_shifts sh join schedules s on s.id = sh.schedule_id
    where s.team_id = '7e000000-0000-4000-8000-000000000001' and s.week_start = (select w1 from tests.w) and s.version = 2) x),
  2, 'every other shift of the week is as it was: only the two swapped differ');
-- agent03 lost the sales skill above, so the week already broke the skills
-- rule five times; the approval publishes those as they were, saying so.
select is(
  (select string_agg(distinct v.rule || ' ' || right(v.agent_id::text, 3), ', ') from schedules s
   cross join lateral app.schedule_violations_of(s.id) v
   where s.team_id = '7e000000-0000-4000-8000-000000000001' and s.week_start = (select w1 from tests.w) and s.version = 2
     and v.rule <> 'calendar'),
  'skills 103', 'the published version breaks no rule but the ones the week already broke');
select matches(
  (select override_reason from schedules
   where team_id = '7e000000-0000-4000-8000-000000000001' and week_start = (select w1 from tests.w) and version = 2),
  '^shift swap .*: the week already broke these rules in version 1$', 'and it was published with that reason recorded');
insert into agent_skills (site_id, agent_id, queue_id)
values ('5a000000-0000-4000-8000-000000000001', tests.agent(3), '9e000000-0000-4000-8000-000000000001');
select is(
  (select string_agg(format('%s by %s', status, right(actor_id::text, 3)), ', ' order by at, status)
   from shift_swap_steps where swap_id = tests.swap(1, 0)),
  'proposed by 101, accepted by 102, approved by 011', 'every step is recorded with who');
select is(
  (select detail from shift_swap_steps where swap_id = tests.swap(1, 0) and status = 'approved'),
  'published as version 2; made in the open draft (now version 3) as well', 'the approval says what it did');
select is(tests.decide('supervisor', tests.swap(1, 0), false, 'changed my mind'),
  'CB024 the swap is approved: it cannot be decided now', 'an approved swap is decided once');
select is(tests.cancel('agent', tests.swap(1, 0)), 'CB024 the swap is approved: it cannot be cancelled now',
  'and cannot be cancelled');

-- ------------------------------------------------------------ stale

select is(tests.status(tests.swap(9, 0)), 'stale', 'agent09''s open swap of version 1 went stale with the approval');
select is(
  (select format('%s by %s: %s', st.status, right(st.actor_id::text, 3), st.detail) from shift_swap_steps st
   where st.swap_id = tests.swap(9, 0) and st.status = 'stale'),
  'stale by 011: version 2 of the week was published after the swap was proposed', 'the stale step says which version');
select is(tests.answer('agent06', tests.swap(9, 0), true),
  'CB020 a newer version of the week was published since this swap was proposed: propose it again',
  'a stale swap cannot be accepted');
select is(tests.cancel('agent09', tests.swap(9, 0)),
  'CB020 a newer version of the week was published since this swap was proposed: propose it again',
  'nor cancelled');
select is(tests.status(tests.swap(4, 0)) || ', ' || tests.status(tests.swap(5, 0)), 'rejected, declined',
  'decided swaps stay as they were');

-- Against version 2 now: agent10 offers Monday to agent07; the supervisor
-- then publishes the draft (version 3).
select is(tests.propose('agent10', tests.shift(10, 0), 7), 'ok', 'agent10 offers Monday of version 2 to agent07');
select is(
  tests.try('supervisor', format('select publish_schedule(%L, %s)',
    (select id from schedules where team_id = '7e000000-0000-4000-8000-000000000001' and week_start = (select w1 from tests.w) and status = 'draft'),
    (select revision from schedules where team_id = '7e000000-0000-4000-8000-000000000001' and week_start = (select w1 from tests.w) and status = 'draft'))),
  'ok', 'the supervisor publishes version 3');
select is(tests.status(tests.swap(10, 0)), 'stale', 'the open swap of version 2 is stale');
select is(
  (select format('by %s, version %s', right(st.actor_id::text, 3), s.version) from shift_swap_steps st join schedules s on s.id = st.schedule_id
   where st.swap_id = tests.swap(10, 0) and st.status = 'stale'),
  'by 003, version 3', 'recorded with who published which version');
select is(tests.answer('agent07', tests.swap(10, 0), true),
  'CB020 a newer version of the week was published since this swap was proposed: propose it again',
  'agent07 is told it is stale');
select is(tests.propose('agent10', tests.shift(10, 0), 7), 'ok', 'agent10 proposes it again, against version 3');
select is(tests.status(tests.swap(10, 0)), 'proposed', 'a new swap');

-- ------------------------------------------------------------ the lists

create function tests.listed(actor text) returns text language sql as $$
  select tests.outcome(tests.actor(actor),
    format('select * from list_shift_swaps(%L, %L)', '5a000000-0000-4000-8000-000000000001', (select w1 from tests.w)))
$$;
select is(tests.listed('agent'), '1', 'agent01 lists the one swap they are party to');
select is(tests.listed('agent07'), '4', 'agent07 lists the four they were asked');
select is(tests.listed('lead'), '7', 'lead1 lists all seven of the team');
select is(tests.listed('supervisor'), '7', 'a supervisor lists them too');
select is(tests.listed('lead2'), '0', 'another team''s lead lists none');
select is(tests.listed('analyst'), '0', 'an analyst lists none');
select is(
  (select format('%s v%s %s→%s %s %s/%s', l->>'status', l->>'approved_version', l->>'proposer_ends_at', l->>'colleague_ends_at',
     l->>'proposer_name' = a.display_name, jsonb_array_length(l->'steps'), l->'steps'->2->>'by')
   from tests.rows_as('agent', format('select * from list_shift_swaps(%L, %L)', '5a000000-0000-4000-8000-000000000001',
     (select w1 from tests.w))) l
   join agents a on a.id = tests.agent(1)),
  'approved v2 16:30:00→20:00:00 t 3/组长一 Lead 1',
  'a listed swap has both shifts (from the superseded version), the names, the version published and the steps with who');

-- ------------------------------------------------------------ grants

select ok(has_function_privilege('authenticated', 'public.propose_shift_swap(uuid, uuid, uuid, text)', 'execute')
  and has_function_privilege('authenticated', 'public.swap_candidates(uuid)', 'execute')
  and has_function_privilege('authenticated', 'public.answer_shift_swap(uuid, boolean)', 'execute')
  and has_function_privilege('authenticated', 'public.decide_shift_swap(uuid, boolean, text)', 'execute')
  and has_function_privilege('authenticated', 'public.cancel_shift_swap(uuid)', 'execute')
  and has_function_privilege('authenticated', 'public.list_shift_swaps(uuid, date)', 'execute'),
  'signed-in users call the swap functions (each decides who may)');
select ok(not has_function_privilege('anon', 'public.propose_shift_swap(uuid, uuid, uuid, text)', 'execute')
  and not has_function_privilege('anon', 'public.list_shift_swaps(uuid, date)', 'execute'),
  'anon calls none of them');
select ok(not has_function_privilege('authenticated', 'app.build_swap_version(public.shift_swaps)', 'execute')
  and not has_function_privilege('authenticated', 'app.shift_swap_step(uuid, public.shift_swap_status, text, text, uuid)', 'execute'),
  'the inner steps are not callable through the API');

select * from finish();
rollback;
