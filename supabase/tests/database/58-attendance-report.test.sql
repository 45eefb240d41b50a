-- The monthly attendance report (20261207170000): its figures for a month
-- built by hand (March 2026, away from the seed's demo month) — counts,
-- minutes, deductions per tier, leave by type in days, outings, overtime
-- only when approved, team and site totals — and who may read it.
begin;
select plan(43);

\ir test-helpers.psql

-- A team of its own at the demo site: agents R1 (with a login) and R2, a lead
-- of the team; R3 in a second team; and a kiosk at the site.
insert into teams (id, site_id, name) values
  ('7e000000-0000-4000-8000-0000000000f1', '5a000000-0000-4000-8000-000000000001', '报表测试组 Report test'),
  ('7e000000-0000-4000-8000-0000000000f2', '5a000000-0000-4000-8000-000000000001', '报表对照组 Report other');
insert into auth.users (id, aud, role, email) values
  ('b0000000-0000-4000-8000-0000000009a1', 'authenticated', 'authenticated', 'r1@report.test'),
  ('b0000000-0000-4000-8000-0000000009a3', 'authenticated', 'authenticated', 'r3@report.test'),
  ('b0000000-0000-4000-8000-0000000009b1', 'authenticated', 'authenticated', 'lead@report.test'),
  ('b0000000-0000-4000-8000-0000000009c1', 'authenticated', 'authenticated', 'kiosk@report.test');
insert into agents (id, site_id, team_id, user_id, display_name, employee_no) values
  ('ac000000-0000-4000-8000-0000000009a1', '5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-0000000000f1',
    'b0000000-0000-4000-8000-0000000009a1', 'R1 报表', 'R-01'),
  ('ac000000-0000-4000-8000-0000000009a2', '5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-0000000000f1',
    null, 'R2 报表', 'R-02'),
  ('ac000000-0000-4000-8000-0000000009a3', '5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-0000000000f2',
    'b0000000-0000-4000-8000-0000000009a3', 'R3 报表', 'R-03');
insert into members (user_id, site_id, team_id, role) values
  ('b0000000-0000-4000-8000-0000000009a1', '5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-0000000000f1', 'agent'),
  ('b0000000-0000-4000-8000-0000000009a3', '5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-0000000000f2', 'agent'),
  ('b0000000-0000-4000-8000-0000000009b1', '5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-0000000000f1', 'lead'),
  ('b0000000-0000-4000-8000-0000000009c1', '5a000000-0000-4000-8000-000000000001', null, 'kiosk');
select tests.seat_actors('b0000000-0000-4000-8000-0000000009a1', 'b0000000-0000-4000-8000-0000000009b1');
insert into tests.actors (ord, name, id) values (10, 'kiosk', 'b0000000-0000-4000-8000-0000000009c1');
select tests.add_second_site();

-- Published shifts 09:00–18:00: R1 on 2–6, 9, 10, 30 and 31 March (and 27
-- February, outside the month), R2 on 2–6 March, R3 on 2 March; a draft's
-- shift on 11 March does not count.
create function tests.publish(team uuid, week date, shifts jsonb, publish boolean default true) returns void
language plpgsql as $$
declare
  s uuid;
begin
  insert into schedules (site_id, team_id, week_start, version)
  values ('5a000000-0000-4000-8000-000000000001', team, week,
    coalesce((select max(version) from schedules where team_id = team and week_start = week), 0) + 1)
  returning id into s;
  insert into schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
  select '5a000000-0000-4000-8000-000000000001', s, (x ->> 'agent')::uuid, (x ->> 'day')::date, '09:00', '18:00'
  from jsonb_array_elements(shifts) as x;
  if publish then
    update schedules set status = 'published' where id = s;
  end if;
end;
$$;
select tests.publish('7e000000-0000-4000-8000-0000000000f1', '2026-02-23',
  '[{"agent": "ac000000-0000-4000-8000-0000000009a1", "day": "2026-02-27"}]');
select tests.publish('7e000000-0000-4000-8000-0000000000f1', '2026-03-02', (
  select jsonb_agg(jsonb_build_object('agent', a, 'day', d))
  from unnest('{ac000000-0000-4000-8000-0000000009a1,ac000000-0000-4000-8000-0000000009a2}'::uuid[]) as a,
    generate_series(date '2026-03-02', date '2026-03-06', interval '1 day') as d));
select tests.publish('7e000000-0000-4000-8000-0000000000f1', '2026-03-09',
  '[{"agent": "ac000000-0000-4000-8000-0000000009a1", "day": "2026-03-09"},
    {"agent": "ac000000-0000-4000-8000-0000000009a1", "day": "2026-03-10"}]');
select tests.publish('7e000000-0000-4000-8000-0000000000f1', '2026-03-09',
  '[{"agent": "ac000000-0000-4000-8000-0000000009a1", "day": "2026-03-11"}]', false);
select tests.publish('7e000000-0000-4000-8000-0000000000f1', '2026-03-30',
  '[{"agent": "ac000000-0000-4000-8000-0000000009a1", "day": "2026-03-30"},
    {"agent": "ac000000-0000-4000-8000-0000000009a1", "day": "2026-03-31"}]');
select tests.publish('7e000000-0000-4000-8000-0000000000f2', '2026-03-02',
  '[{"agent": "ac000000-0000-4000-8000-0000000009a3", "day": "2026-03-02"}]');

-- Requests (as the request functions leave them): leave, outings, overtime.
insert into attendance_requests (site_id, agent_id, kind, leave_type, starts_at, ends_at, status) values
  -- R1: a whole day of annual leave, two hours of sick leave on a worked day.
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a1', 'leave', 'annual',
    '2026-03-31 09:00+08', '2026-03-31 18:00+08', 'approved'),
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a1', 'leave', 'sick',
    '2026-03-30 09:00+08', '2026-03-30 11:00+08', 'approved'),
  -- a rejected leave on a worked day counts for nothing
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a1', 'leave', 'personal',
    '2026-03-03 09:00+08', '2026-03-03 12:00+08', 'rejected'),
  -- R1: an approved outing in the month, a pending one, an approved one that starts in February.
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a1', 'outing', null,
    '2026-03-05 14:00+08', '2026-03-05 16:00+08', 'approved'),
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a1', 'outing', null,
    '2026-03-06 14:00+08', '2026-03-06 15:00+08', 'pending'),
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a1', 'outing', null,
    '2026-02-28 10:00+08', '2026-02-28 11:00+08', 'approved'),
  -- R1 overtime: approved 60 min after the 2 March shift (90 worked), pending on
  -- the 3rd, rejected on the 4th, approved on the rest day 7 March (120 worked).
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a1', 'overtime', null,
    '2026-03-02 18:00+08', '2026-03-02 19:00+08', 'approved'),
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a1', 'overtime', null,
    '2026-03-03 18:00+08', '2026-03-03 19:00+08', 'pending'),
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a1', 'overtime', null,
    '2026-03-04 18:00+08', '2026-03-04 19:00+08', 'rejected'),
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a1', 'overtime', null,
    '2026-03-07 10:00+08', '2026-03-07 12:00+08', 'approved');
-- R2: a day of personal leave entered on the schedule side only (no request).
insert into approved_leave (site_id, agent_id, starts_on, ends_on, kind)
values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-0000000009a2', '2026-03-02', '2026-03-02', 'personal');
-- A policy version that pays overtime without a request (for R2's 4 March),
-- and one with amounts per tier (for R3's days late and leaving early).
insert into attendance_policies (id, site_id, effective_from, version, overtime_needs_approval,
  deduction_late, deduction_early, deduction_half_day, deduction_absent)
values
  ('a9000000-0000-4000-8000-0000000009f1', '5a000000-0000-4000-8000-000000000001', '2099-01-01', 99, false, 0, 0, 0, 0),
  ('a9000000-0000-4000-8000-0000000009f2', '5a000000-0000-4000-8000-000000000001', '2099-02-01', 98, true, 20, 15, 50, 100);

-- The judged days, by hand: whatever the engine made of the inputs above is
-- replaced, so the figures depend on the report alone.
delete from attendance_days where agent_id in (
  'ac000000-0000-4000-8000-0000000009a1', 'ac000000-0000-4000-8000-0000000009a2', 'ac000000-0000-4000-8000-0000000009a3');
insert into attendance_days (site_id, agent_id, work_date, shift_id, shift_start, shift_end, first_in, last_out,
  worked_min, late_min, early_min, overtime_min, status, tier, deduction, policy_id, explanation, closed_at)
select '5a000000-0000-4000-8000-000000000001', d.agent::uuid, d.day::date,
  (select sh.id from schedule_shifts sh join schedules s on s.id = sh.schedule_id and s.status = 'published'
   where sh.agent_id = d.agent::uuid and sh.day = d.day::date),
  case when d.shift then (d.day || ' 09:00+08')::timestamptz end,
  case when d.shift then (d.day || ' 18:00+08')::timestamptz end,
  (d.day || ' ' || d.came || '+08')::timestamptz, (d.day || ' ' || d.went || '+08')::timestamptz,
  0, d.late, d.early, d.overtime, d.status::attendance_status, d.tier, d.deduction,
  coalesce(d.policy::uuid, (select id from attendance_policies where site_id = '5a000000-0000-4000-8000-000000000001' and version = 1)),
  coalesce(d.why::jsonb, '[]'), case when d.status <> 'open' then now() end
from (values
  -- R1
  ('ac000000-0000-4000-8000-0000000009a1', '2026-02-27', true, '09:20', '18:00', 20, 0, 0, 'late', 'late', 20, null, null),
  ('ac000000-0000-4000-8000-0000000009a1', '2026-03-02', true, '09:03', '19:30', 3, 0, 90, 'present', null, 0, null, null),
  ('ac000000-0000-4000-8000-0000000009a1', '2026-03-03', true, '09:12', '18:40', 12, 0, 30, 'late', 'late', 20, null, null),
  ('ac000000-0000-4000-8000-0000000009a1', '2026-03-04', true, '09:25', '18:45', 25, 0, 45, 'late', 'late', 20, null, null),
  ('ac000000-0000-4000-8000-0000000009a1', '2026-03-05', true, '08:58', '17:45', 0, 15, 0, 'early_leave', 'early', 15, null, null),
  ('ac000000-0000-4000-8000-0000000009a1', '2026-03-06', true, '09:45', '18:00', 45, 0, 0, 'half_day', 'half_day', 50, null, null),
  ('ac000000-0000-4000-8000-0000000009a1', '2026-03-07', false, '10:00', '12:05', 0, 0, 120, 'rest', null, 0, null, null),
  ('ac000000-0000-4000-8000-0000000009a1', '2026-03-09', true, null, null, 0, 0, 0, 'absent', 'absent', 100, null, null),
  ('ac000000-0000-4000-8000-0000000009a1', '2026-03-10', true, '08:55', null, 0, 0, 0, 'missing_punch', 'missing_punch', 10, null, null),
  ('ac000000-0000-4000-8000-0000000009a1', '2026-03-30', true, '11:00', '18:00', 0, 0, 0, 'present', null, 0, null, null),
  ('ac000000-0000-4000-8000-0000000009a1', '2026-03-31', true, null, null, 0, 0, 0, 'leave', null, 0, null, null),
  -- R2: leave from approved_leave, leave with no source, overtime under a
  -- policy without approval, a day still open, an overridden absence.
  ('ac000000-0000-4000-8000-0000000009a2', '2026-03-02', true, null, null, 0, 0, 0, 'leave', null, 0, null, null),
  ('ac000000-0000-4000-8000-0000000009a2', '2026-03-03', true, null, null, 0, 0, 0, 'leave', null, 0, null, null),
  ('ac000000-0000-4000-8000-0000000009a2', '2026-03-04', true, '08:50', '18:50', 0, 0, 50, 'present', null, 0,
    'a9000000-0000-4000-8000-0000000009f1', null),
  ('ac000000-0000-4000-8000-0000000009a2', '2026-03-05', true, '08:50', null, 0, 0, 0, 'open', null, 0, null, null),
  ('ac000000-0000-4000-8000-0000000009a2', '2026-03-06', true, null, null, 0, 0, 0, 'absent', null, 30, null, null),
  ('ac000000-0000-4000-8000-0000000009a2', '2026-04-01', false, null, null, 0, 0, 0, 'absent', 'absent', 100, null, null),
  -- R3, under the policy with amounts: late and left early (both tiers charged), a half-day
  -- from lateness that also left early, a half-day for too few hours worked after a late
  -- arrival (one tier charged: no split), a late day overridden to present.
  ('ac000000-0000-4000-8000-0000000009a3', '2026-03-02', true, null, null, 0, 0, 0, 'absent', 'absent', 100, null, null),
  ('ac000000-0000-4000-8000-0000000009a3', '2026-03-03', true, '09:12', '17:50', 12, 10, 0, 'late', 'late', 35,
    'a9000000-0000-4000-8000-0000000009f2', '[{"code": "late", "params": {}}, {"code": "early", "params": {}}]'),
  ('ac000000-0000-4000-8000-0000000009a3', '2026-03-04', true, '09:45', '17:50', 45, 10, 0, 'half_day', 'half_day', 65,
    'a9000000-0000-4000-8000-0000000009f2', '[{"code": "late_half_day", "params": {}}, {"code": "early", "params": {}}]'),
  ('ac000000-0000-4000-8000-0000000009a3', '2026-03-05', true, '09:12', '12:00', 12, 0, 0, 'half_day', 'half_day', 50,
    'a9000000-0000-4000-8000-0000000009f2', '[{"code": "late", "params": {}}, {"code": "worked_below_present", "params": {}}]'),
  ('ac000000-0000-4000-8000-0000000009a3', '2026-03-06', true, '09:12', '18:00', 12, 0, 0, 'present', null, 0,
    'a9000000-0000-4000-8000-0000000009f2', '[{"code": "late", "params": {}}, {"code": "override", "params": {}}]')
) as d (agent, day, shift, came, went, late, early, overtime, status, tier, deduction, policy, why);

-- The report as each actor gets it (rows as JSON), or the SQLSTATE it is refused with.
create function tests.report_as(actor text, month date, team uuid default null) returns setof jsonb
language plpgsql as $$
begin
  perform tests.become(tests.actor(actor));
  return query select to_jsonb(r) from public.attendance_month_report('5a000000-0000-4000-8000-000000000001', month, team) r;
  perform set_config('role', 'none', true);
end;
$$;
create table tests.seen as
select actor, r from unnest('{agent,lead,supervisor,analyst}'::text[]) as actor, tests.report_as(actor, '2026-03-17') as r;
create function tests.row_of(actor text, kind text, id uuid default null) returns jsonb
language sql as $$
  select r from tests.seen
  where seen.actor = row_of.actor and r ->> 'row_kind' = kind
    and (id is null or (r ->> case kind when 'agent' then 'agent' else 'team' end)::uuid = id)
$$;
create function tests.figures(r jsonb, keys text[]) returns text
language sql as $$
  select string_agg(k || '=' || case jsonb_typeof(r -> k)
      when 'number' then trim_scale((r ->> k)::numeric)::text
      else coalesce(r ->> k, 'null') end, ' ' order by ord)
  from unnest(keys) with ordinality as u (k, ord)
$$;

-- ------------------------------------------------------------ R1's figures
select is(
  tests.figures(tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a1'),
    '{scheduled_days,present_days,late_count,late_min,early_count,early_min,half_days,absent_days,missing_punches,open_days}'),
  'scheduled_days=9 present_days=5 late_count=2 late_min=37 early_count=1 early_min=15 half_days=1 absent_days=1 missing_punches=1 open_days=0',
  'R1: published shifts in the month only (not February''s, not a draft''s), days by status, late and early minutes of those days');
select is(
  tests.figures(tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a1'),
    '{deduction_late,deduction_early,deduction_half_day,deduction_absent,deduction_missing_punch,deduction_other,deduction_total}'),
  'deduction_late=40 deduction_early=15 deduction_half_day=50 deduction_absent=100 deduction_missing_punch=10 deduction_other=0 deduction_total=215',
  'R1: deductions per tier and in total, February''s late day left out');
select is(
  tests.figures(tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a1'),
    '{leave_days,leave_annual,leave_sick,leave_personal,leave_other}'),
  'leave_days=1.5 leave_annual=1 leave_sick=0.5 leave_personal=0 leave_other=0',
  'R1: a day judged leave counts 1 for its request''s type; two hours of sick leave on a worked day 0.5; a rejected leave nothing');
select is(
  tests.figures(tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a1'), '{outings,outing_min}'),
  'outings=1 outing_min=120',
  'R1: the approved outing starting in the month; not the pending one, not the one in February');
select is(
  (tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a1') ->> 'overtime_min')::int, 180,
  'R1: overtime only as approved: 60 of 90 worked on 2 March, none without approval (pending, rejected), 120 on the rest day');
select is(
  tests.figures(tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a1'),
    '{team_name,agent_name,employee_no,agents}'),
  'team_name=报表测试组 Report test agent_name=R1 报表 employee_no=R-01 agents=1',
  'R1: named with team and employee number');

-- ------------------------------------------------------------ R2's figures
select is(
  tests.figures(tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a2'),
    '{scheduled_days,present_days,absent_days,open_days,leave_days,leave_personal,leave_other,overtime_min}'),
  'scheduled_days=5 present_days=1 absent_days=1 open_days=1 leave_days=2 leave_personal=1 leave_other=1 overtime_min=50',
  'R2: leave typed from approved_leave, else other; overtime paid without a request where the policy says so; an open day apart');
select is(
  tests.figures(tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a2'),
    '{deduction_absent,deduction_other,deduction_total}'),
  'deduction_absent=0 deduction_other=30 deduction_total=30',
  'R2: an override''s deduction without a tier counts as other; April''s absence not at all');

-- ------------------------------------------------------------ R3: late and early at once
select is(
  tests.figures(tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a3'),
    '{present_days,late_count,late_min,early_count,early_min,half_days,absent_days}'),
  'present_days=2 late_count=2 late_min=24 early_count=2 early_min=20 half_days=2 absent_days=1',
  'R3: a day late and left early counts in both; a half-day that also left early counts as an early leave; an overridden day only as present');
select is(
  tests.figures(tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a3'),
    '{deduction_late,deduction_early,deduction_half_day,deduction_absent,deduction_total}'),
  'deduction_late=20 deduction_early=30 deduction_half_day=100 deduction_absent=100 deduction_total=250',
  'R3: deductions split back into their tiers where they are exactly the tiers'' amounts; the total unchanged');

-- ------------------------------------------------------------ totals
select is(
  tests.figures(tests.row_of('supervisor', 'team', '7e000000-0000-4000-8000-0000000000f1'),
    '{agents,scheduled_days,present_days,late_count,late_min,leave_days,overtime_min,outings,deduction_total,agent}'),
  'agents=2 scheduled_days=14 present_days=6 late_count=2 late_min=37 leave_days=3.5 overtime_min=230 outings=1 deduction_total=245 agent=null',
  'the team''s total adds up its agents');
select is(
  (select count(*)::int from tests.seen where actor = 'supervisor' and r ->> 'row_kind' = 'site'), 1,
  'one site total');
select is(
  (tests.row_of('supervisor', 'site') ->> 'deduction_total')::numeric,
  (select sum((r ->> 'deduction_total')::numeric) from tests.seen where actor = 'supervisor' and r ->> 'row_kind' = 'team'),
  'the site''s total is the sum of its teams''');
select is(
  (tests.row_of('supervisor', 'site') ->> 'agents')::int,
  (select count(*)::int from tests.seen where actor = 'supervisor' and r ->> 'row_kind' = 'agent'),
  'the site''s total counts every agent row');
select ok(
  (select bool_and((r ->> 'scheduled_days')::int = 0) from tests.seen
   where actor = 'supervisor' and r ->> 'row_kind' = 'agent'
     and (r ->> 'agent')::uuid not in ('ac000000-0000-4000-8000-0000000009a1', 'ac000000-0000-4000-8000-0000000009a2',
       'ac000000-0000-4000-8000-0000000009a3')),
  'the demo site''s other agents are listed with an empty month');
select is(
  (select string_agg(r ->> 'row_kind' || ':' || coalesce(r ->> 'employee_no', '-'), ' ' order by ord)
   from (select r, row_number() over () as ord from tests.report_as('supervisor', '2026-03-01', '7e000000-0000-4000-8000-0000000000f1') r) x),
  'agent:R-01 agent:R-02 team:- site:-',
  'one team: its agents by employee number, its total, then the site''s (the same figures)');
select is(
  (select (r ->> 'deduction_total')::numeric from tests.report_as('supervisor', '2026-03-31', '7e000000-0000-4000-8000-0000000000f1') r
   where r ->> 'row_kind' = 'site'),
  245::numeric,
  'any date of the month names the month');
select is(
  (select count(*)::int from tests.report_as('supervisor', '2026-02-01', '7e000000-0000-4000-8000-0000000000f1') r
   where r ->> 'row_kind' = 'agent' and (r ->> 'deduction_late')::numeric = 20),
  1,
  'February holds R1''s late 27 February');

-- ------------------------------------------------------------ who reads what
select is(
  (select string_agg(r ->> 'employee_no', ',' order by r ->> 'employee_no') from tests.seen
   where actor = 'agent' and r ->> 'row_kind' = 'agent'),
  'R-01', 'an agent reads their own row only');
select is(
  (tests.row_of('agent', 'site') ->> 'deduction_total')::numeric, 215::numeric,
  'and the totals an agent gets are of that row alone');
select is(
  (select string_agg(r ->> 'employee_no', ',' order by r ->> 'employee_no') from tests.seen
   where actor = 'lead' and r ->> 'row_kind' = 'agent'),
  'R-01,R-02', 'a lead reads their team''s agents, not R3 of another team');
select is(
  (select string_agg(r ->> 'row_kind', ',' order by r ->> 'row_kind') from tests.seen where actor = 'lead'),
  'agent,agent,site,team', 'a lead gets their team''s total and a site total of what they read');
select is(
  (tests.row_of('lead', 'site') ->> 'deduction_total')::numeric, 245::numeric,
  'the lead''s site total is their team''s');
select ok(
  tests.row_of('supervisor', 'agent', 'ac000000-0000-4000-8000-0000000009a3') is not null,
  'a supervisor reads every team of the site');
select ok(
  tests.row_of('analyst', 'agent', 'ac000000-0000-4000-8000-0000000009a3') is not null,
  'so does an analyst (judged days are what reports are made of)');
select is(
  (select count(*)::int from tests.seen where actor = 'analyst'),
  (select count(*)::int from tests.seen where actor = 'supervisor'),
  'the analyst''s report is the supervisor''s');
select is(
  tests.outcome(tests.actor('manager'), $$select * from public.attendance_month_report('5a000000-0000-4000-8000-000000000001', '2026-03-01') where row_kind = 'agent' and agent = 'ac000000-0000-4000-8000-0000000009a3'$$),
  '1', 'a manager reads R3');
select is(
  tests.outcome(tests.actor('admin'), $$select * from public.attendance_month_report('5a000000-0000-4000-8000-000000000001', '2026-03-01') where row_kind = 'agent' and agent = 'ac000000-0000-4000-8000-0000000009a3'$$),
  '1', 'so does an admin');

insert into tests.cases (actor, statement, expected, description)
select actor, $$select * from public.attendance_month_report('5a000000-0000-4000-8000-000000000001', '2026-03-01')$$,
  '42501', format('a %s reads no report', actor)
from unnest('{display,kiosk,qa,anon}'::text[]) as actor;
insert into tests.cases (actor, statement, expected, description) values
  ('agent', $$select * from public.attendance_month_report('5b000000-0000-4000-8000-000000000002', '2026-03-01')$$,
    '42501', 'nobody reads the report of a site they are not at'),
  ('supervisor', $$select * from public.attendance_month_report('5a000000-0000-4000-8000-000000000001', null)$$,
    'CB090', 'a report needs a month'),
  ('supervisor', $$select * from public.attendance_month_report(null, '2026-03-01')$$,
    'CB090', 'and a site'),
  ('supervisor', $$select * from public.attendance_month_report('5a000000-0000-4000-8000-000000000001', '2026-03-01', '7b000000-0000-4000-8000-000000000021')$$,
    'CB091', 'a team of another site is refused'),
  ('lead', $$select * from public.attendance_month_report('5a000000-0000-4000-8000-000000000001', '2026-03-01', '7e000000-0000-4000-8000-0000000000f2') where row_kind = 'agent'$$,
    '0', 'a lead asking for another team reads none of its agents');
select * from tests.check_cases();

-- The second site's manager and agent: their own site's report, nothing of ours.
insert into tests.actors (ord, name, id) values
  (11, 'manager2', 'b0000000-0000-4000-8000-000000000202'),
  (12, 'agent2', 'b0000000-0000-4000-8000-000000000201');
insert into tests.cases (actor, statement, expected, description) values
  ('manager2', $$select * from public.attendance_month_report('5a000000-0000-4000-8000-000000000001', '2026-03-01')$$,
    '42501', 'another site''s manager reads nothing of this site'),
  ('manager2', $$select * from public.attendance_month_report('5b000000-0000-4000-8000-000000000002', '2026-03-01') where row_kind = 'agent'$$,
    '1', 'but reads their own site''s agents'),
  ('agent2', $$select * from public.attendance_month_report('5b000000-0000-4000-8000-000000000002', '2026-03-01') where row_kind = 'agent'$$,
    '1', 'and its agent their own row');
select * from tests.check_cases();

-- Not for anon, not for a new function's default.
select ok(not has_function_privilege('anon', 'public.attendance_month_report(uuid, date, uuid)', 'execute'),
  'anon may not call the report');
select ok(not has_function_privilege('authenticated', 'app.attendance_month_figures(uuid, date, date, uuid)', 'execute'),
  'the figures behind it are not callable directly');

-- An inactive agent with days in the month stays in it; one without goes.
update agents set active = false where id in ('ac000000-0000-4000-8000-0000000009a2', 'ac000000-0000-4000-8000-0000000009a3');
delete from attendance_days where agent_id = 'ac000000-0000-4000-8000-0000000009a3';
update schedules set status = 'superseded' where team_id = '7e000000-0000-4000-8000-0000000000f2' and status = 'published';
select is(
  (select string_agg(r ->> 'employee_no', ',' order by r ->> 'employee_no')
   from tests.report_as('supervisor', '2026-03-01') r
   where r ->> 'row_kind' = 'agent' and r ->> 'employee_no' like 'R-%'),
  'R-01,R-02', 'an agent who left stays in the months they have days in, not in the others');

select * from finish();
rollback;
