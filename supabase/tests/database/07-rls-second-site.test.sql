-- Sites are tenants: with a second site beside the seed's demo site, nobody
-- of one site reads or writes the other's rows, in any table. Also the edges
-- of DESIGN.md §4 that need two of something: a display reads its own site's
-- live tables and no customer data; agents read their own team's agent rows
-- only; a lead reads their own team's leads only.
begin;
select plan(674);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- Actors (test-helpers.psql): agent01, team 1 (Hotline A) and lead1, leads team 1, then one of each other role.
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- Site 2 and a row of it in every table that has a site (test-helpers.psql).
select tests.add_second_site();
select tests.add_second_site_rows();
select tests.add_swap_rows();

-- Site 1's rows that the seed does not have: live rows and facts of agent01
-- (team 1), a call summary, the board settings and a day of agent01's leave.
insert into public.agent_live (agent_id, site_id, state, state_since)
values ('ac000000-0000-4000-8000-000000000101', '5a000000-0000-4000-8000-000000000001', 'on_call', now());
insert into public.queue_intervals (queue_id, site_id, interval_start, offered)
values ('9e000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '2026-11-23 09:00+08', 5);
insert into public.agent_state_events (event_id, site_id, agent_id, state, occurred_at)
values ('test-state-1', '5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', 'on_call', now());
insert into public.call_events (event_id, site_id, queue_id, call_id, kind, agent_id, occurred_at)
values ('test-s1-1', '5a000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001', 'S1-1', 'call_answered',
  'ac000000-0000-4000-8000-000000000101', now());
insert into public.call_summaries (queue_id, call_id, site_id, direction, agent_id, answered_at, waiting, offered, answered,
  answered_within_sl, abandoned, abandoned_short, handled, talk_s, hold_s, acw_s, wait_answered_s)
values ('9e000000-0000-4000-8000-000000000001', 'S1-1', '5a000000-0000-4000-8000-000000000001', 'inbound',
  'ac000000-0000-4000-8000-000000000101', now(), false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
insert into public.board_settings (site_id) values ('5a000000-0000-4000-8000-000000000001');
insert into public.approved_leave (site_id, agent_id, starts_on, ends_on, kind)
values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', '2026-12-24', '2026-12-24', 'personal');

-- A staffing policy, a forecast with an interval, an adjustment and a
-- requirement, and a solver run, on each site.
insert into public.staffing_policies (site_id, queue_id) values
  ('5a000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001'),
  ('5b000000-0000-4000-8000-000000000002', '9b000000-0000-4000-8000-000000000021');
insert into public.forecasts (id, site_id, queue_id, week_start, version, method) values
  ('fc000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001',
   '9e000000-0000-4000-8000-000000000001', '2026-12-07', 1, 'test'),
  ('fc000000-0000-4000-8000-000000000002', '5b000000-0000-4000-8000-000000000002',
   '9b000000-0000-4000-8000-000000000021', '2026-12-07', 1, 'test');
insert into public.forecast_intervals (site_id, forecast_id, interval_start, offered, aht_s)
select site_id, id, '2026-12-07 09:00+08', 10, 200 from public.forecasts where method = 'test';
insert into public.forecast_adjustments (site_id, forecast_id, day, kind, value, reason)
select site_id, id, '2026-12-07', 'percent', 10, 'open day' from public.forecasts where method = 'test';
insert into public.staffing_requirements (site_id, forecast_id, interval_start, agents, raw_agents)
select site_id, forecast_id, interval_start, 5, 4 from public.forecast_intervals;
insert into public.solver_runs (site_id, team_id, week_start, status) values
  ('5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', '2026-12-07', 'optimal'),
  ('5b000000-0000-4000-8000-000000000002', '7b000000-0000-4000-8000-000000000021', '2026-12-07', 'optimal');

-- Attendance on each site: a punch, a judged day, a request with its step, a
-- leave line, an override, an appeal, a correction, a month lock and an
-- import (the policies come with the sites).
insert into public.punches (site_id, agent_id, punched_at, direction, source) values
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', '2026-09-07 08:55+08', 'in', 'terminal'),
  ('5b000000-0000-4000-8000-000000000002', 'ab000000-0000-4000-8000-000000000201', '2026-09-07 08:55+08', 'in', 'terminal');
-- Closed, so the engine's triggers leave them as they are.
insert into public.attendance_days (id, site_id, agent_id, work_date, status, closed_at) values
  ('da000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001',
   'ac000000-0000-4000-8000-000000000101', '2026-09-01', 'absent', now()),
  ('da000000-0000-4000-8000-000000000002', '5b000000-0000-4000-8000-000000000002',
   'ab000000-0000-4000-8000-000000000201', '2026-09-01', 'absent', now());
insert into public.attendance_requests (id, site_id, agent_id, kind, starts_at, ends_at) values
  ('ea000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001',
   'ac000000-0000-4000-8000-000000000101', 'outing', '2026-09-02 14:00+08', '2026-09-02 15:00+08'),
  ('ea000000-0000-4000-8000-000000000002', '5b000000-0000-4000-8000-000000000002',
   'ab000000-0000-4000-8000-000000000201', 'outing', '2026-09-02 14:00+08', '2026-09-02 15:00+08');
insert into public.attendance_request_steps (request_id, site_id, action)
select id, site_id, 'filed' from public.attendance_requests where id::text like 'ea000000-%';
insert into public.leave_ledger (site_id, agent_id, leave_type, minutes, reason)
select site_id, agent_id, 'annual', 480, 'test' from public.attendance_days where id::text like 'da000000-%';
insert into public.attendance_overrides (site_id, agent_id, work_date, status, reason)
select site_id, agent_id, work_date, 'present', 'test' from public.attendance_days where id::text like 'da000000-%';
insert into public.attendance_appeals (site_id, agent_id, day_id, work_date, reason, file_by, answer_by)
select site_id, agent_id, id, work_date, 'test', '2026-09-04', '2026-09-11' from public.attendance_days
where id::text like 'da000000-%';
insert into public.attendance_corrections (site_id, action, reason) values
  ('5a000000-0000-4000-8000-000000000001', 'policy_saved', 'test'),
  ('5b000000-0000-4000-8000-000000000002', 'policy_saved', 'test');
insert into public.attendance_month_locks (site_id, month) values
  ('5a000000-0000-4000-8000-000000000001', '2026-08-01'),
  ('5b000000-0000-4000-8000-000000000002', '2026-08-01');
insert into public.punch_imports (site_id, file_name, layout, mode) values
  ('5a000000-0000-4000-8000-000000000001', 'test.csv', 'custom', 'valid_only'),
  ('5b000000-0000-4000-8000-000000000002', 'test.csv', 'custom', 'valid_only');

-- Quality on each site (issue 13): a scorecard with an item, an evaluation
-- and a CSAT rating of the site's call (S1-1 above, S2-1 of the helpers).
insert into public.qa_scorecards (id, site_id, name, active) values
  ('c5000000-0000-4000-8000-000000000701', '5a000000-0000-4000-8000-000000000001', 'test', false),
  ('c5000000-0000-4000-8000-000000000702', '5b000000-0000-4000-8000-000000000002', 'test', false);
insert into public.qa_scorecard_items (site_id, scorecard_id, label, weight, position)
select site_id, id, 'test', 1, 1 from public.qa_scorecards where id::text like 'c5000000-%-0000000007__';
insert into public.qa_evaluations (site_id, agent_id, queue_id, call_id, call_at, scored_by, total)
select site_id, agent_id, queue_id, call_id, now(), 'a0000000-0000-4000-8000-000000000002', 80
from public.call_summaries where call_id in ('S1-1', 'S2-1');
insert into public.call_ratings (site_id, queue_id, call_id, agent_id, call_at, score)
select site_id, queue_id, call_id, agent_id, now(), 5 from public.call_summaries where call_id in ('S1-1', 'S2-1');

-- The outbound workflow on each site: a call log line and a visit credit
-- (the incentive rules come with the sites).
insert into public.lead_calls (site_id, lead_id, agent_id, called_at, connected, grade)
select l.site_id, l.id, l.owner_agent_id, now(), true, 'B'
from (select distinct on (site_id) * from public.leads
      where site_id in ('5a000000-0000-4000-8000-000000000001', '5b000000-0000-4000-8000-000000000002')
      order by site_id, id) l;
insert into public.visit_leave_credits (site_id, agent_id, block, visits, minutes)
select site_id, agent_id, 1000, 10, 240 from public.lead_calls;
-- An accepted statement dispute and its adjustment on each site.
insert into public.attendance_appeals (site_id, agent_id, kind, work_date, statement_month, statement_rule, statement_line,
  reason, status, file_by, answer_by)
select site_id, agent_id, 'statement', '2026-08-01', '2026-08-01', 'monthly_target', '{"line": 1, "rule": "monthly_target"}',
  'test', 'accepted', '2026-09-03', '2026-09-10'
from public.attendance_days where id::text like 'da000000-%';
insert into public.statement_adjustments (site_id, agent_id, month, rule, amount, reason, appeal_id)
select site_id, agent_id, statement_month, statement_rule, 10, 'test', id from public.attendance_appeals
where kind = 'statement' and reason = 'test';

insert into tests.actors (ord, name, id) values
  (11, 'agent of site 2', 'b0000000-0000-4000-8000-000000000201'),
  (12, 'lead of site 2', 'b0000000-0000-4000-8000-000000000211'),
  (13, 'manager of site 2', 'b0000000-0000-4000-8000-000000000202'),
  (14, 'display of site 2', 'b0000000-0000-4000-8000-000000000204');

-- Every actor of one site × every table that has a site: no row of the other
-- site. The tables come from the catalog, so a new one is covered (and the
-- fixture check below fails until both sites have rows in it); both sites
-- have rows in every table, or "sees none" would prove nothing.
create table tests.tables (ord serial, tbl text);
insert into tests.tables (tbl)
select c.relname from pg_class c
where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
  and (c.relname = 'sites'
    or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'site_id' and not a.attisdropped))
order by c.relname;
create function tests.site_rows(tbl text, site uuid) returns text
language sql immutable as $$
  select format('select * from public.%I where %I = %L', tbl, case when tbl = 'sites' then 'id' else 'site_id' end, site)
$$;
create function tests.row_count(statement text) returns bigint
language plpgsql as $$
declare
  n bigint;
begin
  execute format('select count(*) from (%s) as rows', statement) into n;
  return n;
end;
$$;

select is(
  array(
    select tbl from tests.tables
    where tests.row_count(tests.site_rows(tbl, '5a000000-0000-4000-8000-000000000001')) = 0
       or tests.row_count(tests.site_rows(tbl, '5b000000-0000-4000-8000-000000000002')) = 0
  ),
  '{}'::text[],
  'fixtures: both sites have rows in every public table'
);

select tests.check(a.id, tests.site_rows(t.tbl, other.site), '0',
  format('%s: sees no %s row of the other site', case when a.ord < 10 then a.name || ' of site 1' else a.name end, t.tbl))
from tests.actors a
cross join lateral (
  select case when a.ord < 10 then '5b000000-0000-4000-8000-000000000002'::uuid
    else '5a000000-0000-4000-8000-000000000001' end as site
) as other
cross join tests.tables t
where a.id is not null
order by a.ord, t.ord;

-- The display of site 1 reads its own site's live tables, and no customer data
-- even though its site has some; the display of site 2 reads its own.
select tests.check('a0000000-0000-4000-8000-000000000004', 'select * from queue_live', '4',
  'display of site 1: reads the 4 queue_live rows of its site');
select tests.check('a0000000-0000-4000-8000-000000000004', 'select * from agent_live', '1',
  'display of site 1: reads the 1 agent_live row of its site');
select tests.check('a0000000-0000-4000-8000-000000000004', 'select * from queue_intervals', '1',
  'display of site 1: reads the 1 queue_intervals row of its site');
select tests.check('a0000000-0000-4000-8000-000000000004', 'select * from leads', '0',
  'display of site 1: reads no leads (customer data)');
select tests.check('a0000000-0000-4000-8000-000000000004', 'select * from call_events', '0',
  'display of site 1: reads no call_events');
select tests.check('a0000000-0000-4000-8000-000000000004', 'select * from agent_state_events', '0',
  'display of site 1: reads no agent_state_events');
select tests.check('b0000000-0000-4000-8000-000000000204', 'select * from queue_live', '1',
  'display of site 2: reads the 1 queue_live row of its site');
select tests.check('b0000000-0000-4000-8000-000000000204', 'select * from agent_live', '1',
  'display of site 2: reads the 1 agent_live row of its site');
select tests.check('b0000000-0000-4000-8000-000000000204', 'select * from queue_intervals', '1',
  'display of site 2: reads the 1 queue_intervals row of its site');

-- Agents read the agent rows of their own team only.
select tests.check('a0000000-0000-4000-8000-000000000101',
  $$select * from agents where team_id = '7e000000-0000-4000-8000-000000000001'$$, '10',
  'agent01: reads the 10 agent rows of own team 1');
select tests.check('a0000000-0000-4000-8000-000000000101',
  $$select * from agents where team_id = '7e000000-0000-4000-8000-000000000002'$$, '0',
  'agent01: reads no agent row of team 2');
select tests.check('a0000000-0000-4000-8000-000000000101', 'select * from agents', '10',
  'agent01: reads 10 agent rows in all');
select tests.check('b0000000-0000-4000-8000-000000000201', 'select * from agents', '2',
  'agent of site 2: reads only the 2 agent rows of its team');

-- Leads read their own team's leads only.
select tests.check('a0000000-0000-4000-8000-000000000014', 'select * from leads', '30',
  'lead4: reads the 30 leads of own team 4 and no others');
select tests.check('a0000000-0000-4000-8000-000000000011', 'select * from leads', '0',
  'lead1: reads none of the leads of team 4');
select tests.check('b0000000-0000-4000-8000-000000000211', 'select * from leads', '2',
  'lead of site 2: reads the 2 leads of own team and none of site 1');
select tests.check('b0000000-0000-4000-8000-000000000202', 'select * from leads', '2',
  'manager of site 2: reads the 2 leads of own site and none of site 1');
select tests.check('b0000000-0000-4000-8000-000000000201', 'select * from leads', '2',
  'agent of site 2: reads own 2 leads');

-- Staff of site 1 cannot write into site 2, whatever they may do at home.
select tests.check(a.id, w.statement, w.expected, format('%s of site 1: %s', a.name, w.what))
from (values
  (1, 'admin', $$insert into members (user_id, site_id, role)
    values ((select auth.uid()), '5b000000-0000-4000-8000-000000000002', 'admin')$$,
    '42501', 'cannot make themselves admin of site 2'),
  (2, 'admin', $$update sites set name = 'Taken' where id = '5b000000-0000-4000-8000-000000000002'$$, '0', 'cannot rename site 2'),
  (3, 'admin', $$update members set role = 'display' where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot change the members of site 2'),
  (4, 'admin', $$delete from members where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot remove the members of site 2'),
  (5, 'manager', $$insert into teams (site_id, name) values ('5b000000-0000-4000-8000-000000000002', 'Planted')$$, '42501',
    'cannot add a team to site 2'),
  (6, 'manager', $$update teams set name = 'Taken' where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot rename the teams of site 2'),
  (7, 'manager', $$delete from teams where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot delete the teams of site 2'),
  (8, 'manager', $$insert into queues (site_id, name) values ('5b000000-0000-4000-8000-000000000002', 'Planted')$$, '42501',
    'cannot add a queue to site 2'),
  (9, 'manager', $$update queues set sl_target = 0 where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot change the queues of site 2'),
  (10, 'manager', $$delete from queues where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot delete the queues of site 2'),
  (11, 'manager', $$insert into agents (site_id, team_id, display_name, employee_no) values
    ('5b000000-0000-4000-8000-000000000002', '7b000000-0000-4000-8000-000000000021', 'Planted', 'P-1')$$, '42501',
    'cannot add an agent to site 2'),
  (12, 'manager', $$update agents set active = false where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot deactivate the agents of site 2'),
  (13, 'manager', $$delete from agents where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot delete the agents of site 2'),
  (14, 'supervisor', $$insert into agent_skills (site_id, agent_id, queue_id) values ('5b000000-0000-4000-8000-000000000002',
    'ab000000-0000-4000-8000-000000000201', '9b000000-0000-4000-8000-000000000021')$$, '42501',
    'cannot add skills at site 2'),
  (15, 'supervisor', $$update agent_skills set queue_id = queue_id where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot change the skills of site 2'),
  (16, 'supervisor', $$delete from agent_skills where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot remove the skills of site 2'),
  (17, 'manager', $$insert into leads (site_id, owner_agent_id, customer_name, phone, source) values
    ('5b000000-0000-4000-8000-000000000002', 'ab000000-0000-4000-8000-000000000201', '测试客户', '13800009999', 'outreach')$$,
    '42501', 'cannot add a lead at site 2'),
  (18, 'manager', $$update leads set notes = 'x' where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot change the leads of site 2'),
  (19, 'manager', $$delete from leads where site_id = '5b000000-0000-4000-8000-000000000002'$$, '0',
    'cannot delete the leads of site 2')
) as w (ord, actor, statement, expected, what)
join tests.actors a on a.name = w.actor
order by w.ord;

select * from finish();
rollback;
