-- Schedules (20261205300000): who reads and plans them (agents only the
-- published week of their own team, displays nothing), every rule at its
-- boundary (40 h allowed, 40 h 1 min not; 11 h rest allowed, 10:59 not; a
-- night shift counts for the day it starts; daylight saving in Berlin makes
-- a night an hour shorter or longer), the demo's deliberate violations,
-- drafts, versions, publishing with an override and against a stale
-- revision, and a year with no holiday data refused.
begin;
select plan(163);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- The demo's team 1 schedules (relative to today): the draft and the first published week.
create table tests.demo as
select
  (select id from schedules where team_id = '7e000000-0000-4000-8000-000000000001' and status = 'draft') as draft1,
  (select week_start from schedules where team_id = '7e000000-0000-4000-8000-000000000001' and status = 'draft') as draft1_week,
  (select id from schedules where team_id = '7e000000-0000-4000-8000-000000000001' and status = 'published'
   order by week_start limit 1) as published1;
-- How many schedules and shifts the seed gave teams 1 and 2, published and in all (drafts
-- too), counted as the owner: the matrix expects an agent to see the published ones of their
-- own team, the planners everything, however many weeks the seed fills.
create table tests.seeded as
select
  count(*) filter (where s.team_id = '7e000000-0000-4000-8000-000000000001' and s.status = 'published')::int as published1,
  count(*) filter (where s.team_id = '7e000000-0000-4000-8000-000000000001')::int as all1,
  count(*) filter (where s.team_id = '7e000000-0000-4000-8000-000000000002')::int as all2,
  (select count(*)::int from schedule_shifts sh join schedules x on x.id = sh.schedule_id
   where x.team_id = '7e000000-0000-4000-8000-000000000001' and x.status = 'published') as published1_shifts,
  (select count(*)::int from schedule_shifts sh join schedules x on x.id = sh.schedule_id
   where x.team_id = '7e000000-0000-4000-8000-000000000001') as all1_shifts
from schedules s;
select cmp_ok((select published1 from tests.seeded), '<', (select all1 from tests.seeded),
  'the seed gives team 1 a draft besides its published weeks (so the matrix tells them apart)');
select cmp_ok((select published1_shifts from tests.seeded), '<', (select all1_shifts from tests.seeded),
  'and the draft has shifts');

-- The latest version of a team's week; a shift added as the owner (the trigger still runs); the violations in short.
create function tests.sched(team text, week date) returns uuid language sql as $$
  select id from public.schedules where team_id = team::uuid and week_start = week order by version desc limit 1
$$;
create function tests.add(schedule uuid, agent text, day date, starts text, ends text, template text default null)
returns void language sql as $$
  insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, template_id, starts_at, ends_at)
  values ('5a000000-0000-4000-8000-000000000001', schedule, agent::uuid, day, template::uuid, starts::time, ends::time)
$$;
create function tests.rules(schedule uuid) returns text[] language sql as $$
  select coalesce(array_agg(format('%s %s %s', coalesce(right(v.agent_id::text, 3), '-'),
      coalesce(to_char(v.day, 'MM-DD'), '-'), v.rule) order by v.rule, v.agent_id nulls first, v.day), '{}')
  from app.schedule_violations_of(schedule) v
$$;
create function tests.publish_as(actor text, schedule uuid, rev integer, reason text default null) returns void language sql as $$
  select tests.keep_as(actor::uuid, format('select public.publish_schedule(%L, %s, %L)', schedule, rev, reason))
$$;
create function tests.detail(schedule uuid, which text) returns text language sql as $$
  select string_agg(v.detail, ' | ' order by v.agent_id, v.day) from app.schedule_violations_of(schedule) v where v.rule = which
$$;

-- ------------------------------------------------------------ RLS matrix
-- Columns: agent, lead, supervisor, manager, qa, analyst, admin, display, anon.
insert into tests.matrix (op, what, statement, expected)
select op, what, statement, expected::text[] from (values
  ('select', 'team 1''s schedules', $$select * from schedules where team_id = '7e000000-0000-4000-8000-000000000001'$$,
    (select format('{%1$s,%2$s,%2$s,%2$s,%2$s,%2$s,%2$s,0,0}', published1, all1) from tests.seeded)),
  ('select', 'team 2''s schedules', $$select * from schedules where team_id = '7e000000-0000-4000-8000-000000000002'$$,
    (select format('{0,0,%1$s,%1$s,%1$s,%1$s,%1$s,0,0}', all2) from tests.seeded)),
  ('insert', 'a schedule directly (create_schedule_draft does)',
    $$insert into schedules (site_id, team_id, week_start, version)
      values ('5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', '2026-03-09', 9)$$,
    '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('update', 'a schedule directly (publish_schedule does)',
    format($$update schedules set status = 'published' where id = %L$$, (select draft1 from tests.demo)),
    '{0,0,0,0,0,0,0,0,0}'),
  ('delete', 'team 1''s draft', format('delete from schedules where id = %L', (select draft1 from tests.demo)),
    '{0,1,1,1,0,0,1,0,0}'),
  ('delete', 'a published schedule', format('delete from schedules where id = %L', (select published1 from tests.demo)),
    '{0,0,0,0,0,0,0,0,0}'),
  ('select', 'team 1''s shifts',
    $$select * from schedule_shifts where schedule_id in (select id from schedules where team_id = '7e000000-0000-4000-8000-000000000001')$$,
    (select format('{%1$s,%2$s,%2$s,%2$s,%2$s,%2$s,%2$s,0,0}', published1_shifts, all1_shifts) from tests.seeded)),
  ('insert', 'a shift into team 1''s draft',
    format($$insert into schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
      values ('5a000000-0000-4000-8000-000000000001', %L, 'ac000000-0000-4000-8000-000000000103', %L, '19:00', '20:00')$$,
      (select draft1 from tests.demo), (select draft1_week + 6 from tests.demo)),
    '{42501,1,1,1,42501,42501,1,42501,42501}'),
  ('update', 'agent03''s shifts in the draft',
    format($$update schedule_shifts set note = 'moved' where schedule_id = %L and agent_id = 'ac000000-0000-4000-8000-000000000103'$$,
      (select draft1 from tests.demo)),
    '{0,5,5,5,0,0,5,0,0}'),
  ('update', 'a shift of a published week',
    format($$update schedule_shifts set note = 'moved' where schedule_id = %L$$, (select published1 from tests.demo)),
    '{0,CB011,CB011,CB011,0,0,CB011,0,0}'),
  ('delete', 'a shift of the draft',
    format($$delete from schedule_shifts where schedule_id = %L and agent_id = 'ac000000-0000-4000-8000-000000000103' and day = %L$$,
      (select draft1 from tests.demo), (select draft1_week from tests.demo)),
    '{0,1,1,1,0,0,1,0,0}'),
  ('select', 'the site''s schedule policy', 'select * from schedule_policies', '{1,1,1,1,1,1,1,0,0}'),
  ('update', 'the site''s schedule policy', 'update schedule_policies set min_rest_between_min = 600', '{0,0,0,1,0,0,1,0,0}')
) as m (op, what, statement, expected);

select * from tests.check_matrix();

-- ------------------------------------------------------------ the demo

select is(
  (select count(*)::int from schedules s cross join lateral app.schedule_violations_of(s.id) v
   where s.status = 'published' and v.rule <> 'calendar'),
  0, 'the published demo weeks of all four teams break no rule');
select is(
  (select array_agg(x order by x) from unnest(tests.rules((select draft1 from tests.demo))) as x where x not like '%calendar'),
  array['101 - rest_days', format('102 %s skills', to_char((select draft1_week from tests.demo), 'MM-DD'))],
  'the demo draft breaks exactly its two deliberate rules: agent01 works seven days, agent02 lacks a skill');
select is(
  (select hours_mode::text || ' ' || averaging_period from schedule_policies where site_id = '5a000000-0000-4000-8000-000000000001'),
  'averaged month', 'the demo counts averaged hours over a month');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000101',
    format('select * from schedule_violations(%L)', (select draft1 from tests.demo))),
  'error 42501', 'an agent may not check a schedule');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000011',
    format($$select * from schedule_violations(%L) where rule <> 'calendar'$$, (select draft1 from tests.demo))),
  '2', 'the team''s lead reads its two violations');

-- ------------------------------------------------------------ drafts

update schedule_policies set hours_mode = 'standard' where site_id = '5a000000-0000-4000-8000-000000000001';

select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000003',
    $x$select public.create_schedule_draft('7e000000-0000-4000-8000-000000000001', '2026-03-03')$x$)$$,
  '22023', 'a schedule week starts on a Monday; 2026-03-03 is not one', 'a week must start on a Monday');
select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  $$select public.create_schedule_draft('7e000000-0000-4000-8000-000000000001', '2026-03-02')$$);
select is(
  (select format('v%s %s r%s by %s', version, status, revision, created_by) from schedules
   where id = tests.sched('7e000000-0000-4000-8000-000000000001', '2026-03-02')),
  'v1 draft r0 by a0000000-0000-4000-8000-000000000003', 'a supervisor starts version 1 as an empty draft');
select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000011',
    $x$select public.create_schedule_draft('7e000000-0000-4000-8000-000000000001', '2026-03-02')$x$)$$,
  '23505', 'the team already has a draft for the week of 2026-03-02', 'one draft per team and week');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000011',
    $$select 1 from public.create_schedule_draft('7e000000-0000-4000-8000-000000000002', '2026-03-02')$$),
  'error 42501', 'a lead may not start another team''s schedule');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000101',
    $$select 1 from public.create_schedule_draft('7e000000-0000-4000-8000-000000000001', '2026-03-09')$$),
  'error 42501', 'nor may an agent');

-- ------------------------------------------------------------ the rules at their boundaries
-- The week of 2 March 2026 (winter) for team 1, a standard 40 h week.

create table tests.w as select tests.sched('7e000000-0000-4000-8000-000000000001', '2026-03-02') as id;

-- agent03: five 8-hour days, exactly 40 h.
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000103', '2026-03-02'::date + d, '09:00', '17:00')
from generate_series(0, 4) as d;
select is(tests.rules((select id from tests.w)), '{}', 'exactly 40 h a week in five 8-hour days breaks nothing');
select is((select revision from schedules where id = (select id from tests.w)), 5, 'each shift added bumps the draft''s revision');

-- agent03 then a minute more on Saturday: 40:01.
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000103', '2026-03-07', '09:00', '09:01');
select is(tests.rules((select id from tests.w)), '{103 - week_hours}', '40 h 1 min is one minute too many');
select is(tests.detail((select id from tests.w), 'week_hours'),
  '40:01 h paid this week: at most 40:00 h; more is overtime that needs an approved request', 'said in words');

-- agent04: 8 h on Monday is fine, 8 h 1 min on Tuesday is not.
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000104', '2026-03-02', '09:00', '17:00');
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000104', '2026-03-03', '09:00', '17:01');
-- agent05: exactly 11 h between shifts; agent06: 10 h 59 min.
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000105', '2026-03-02', '13:00', '21:00');
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000105', '2026-03-03', '08:00', '16:00');
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000106', '2026-03-02', '13:01', '21:01');
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000106', '2026-03-03', '08:00', '16:00');
-- agent07: two shifts on Wednesday that overlap by an hour.
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000107', '2026-03-04', '09:00', '13:00');
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000107', '2026-03-04', '12:00', '16:00');
-- agent08: 22:00–06:00 on Thursday (8 h, Thursday's) and 22:00–06:01 on Friday (Friday's 8:01).
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000108', '2026-03-05', '22:00', '06:00');
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000108', '2026-03-06', '22:00', '06:01');
-- agent09: seven short days, no rest day.
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000109', '2026-03-02'::date + d, '09:00', '13:00')
from generate_series(0, 6) as d;
-- agent10: the summer day shift in March (and it staffs the outbound queue).
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000110', '2026-03-02', null, null,
  '57000000-0000-4000-8000-000000000007');
-- agent01: the day shift, which staffs after-sales, a skill Hotline A lacks.
select tests.add((select id from tests.w), 'ac000000-0000-4000-8000-000000000101', '2026-03-02', null, null,
  '57000000-0000-4000-8000-000000000002');
-- An open shift (nobody yet) on the summer template.
select tests.add((select id from tests.w), null, '2026-03-03', null, null, '57000000-0000-4000-8000-000000000007');

select is(
  tests.rules((select id from tests.w)),
  array['104 03-03 day_hours', '108 03-06 day_hours', '107 03-04 overlap', '106 03-03 rest_between', '109 - rest_days',
    '101 03-02 skills', '110 03-02 skills', '- 03-03 template_season', '110 03-02 template_season', '103 - week_hours'],
  'every rule, each at its boundary, and nothing else');
select is(tests.detail((select id from tests.w), 'rest_between'),
  '10:59 h rest before the shift starting 2026-03-03 08:00: at least 11:00 h between shifts', 'rest between, in words');
select is(tests.detail((select id from tests.w), 'day_hours'),
  '8:01 h paid on 2026-03-03: at most 8:00 h a day | 8:01 h paid on 2026-03-06: at most 8:00 h a day',
  'the night shift''s minute too many counts for the day it starts');
select is(tests.detail((select id from tests.w), 'overlap'),
  'the shift starting 2026-03-04 12:00 overlaps the one before it (ending 2026-03-04 13:00)', 'overlap, in words');
select is(tests.detail((select id from tests.w), 'rest_days'), 'works 7 days: at least 1 rest day(s) a week', 'rest days, in words');
select is(tests.detail((select id from tests.w), 'skills'),
  'lacks the skills of 售后服务 After-sales for shift "白班 Day" | lacks the skills of 电开外呼 Outbound calling for shift "夏季白班 Summer day"',
  'skills, naming the queues');
select is(tests.detail((select id from tests.w), 'template_season'),
  'shift template "夏季白班 Summer day" applies in 夏季 Summer only; 2026-03-02 is in 冬季 Winter | shift template "夏季白班 Summer day" applies in 夏季 Summer only; 2026-03-03 is in 冬季 Winter',
  'the season, with the reason app.template_problem gives');
select is(
  (select format('%s–%s %s min, breaks %s', starts_at, ends_at, paid_min, breaks) from schedule_shifts
   where schedule_id = (select id from tests.w) and agent_id = 'ac000000-0000-4000-8000-000000000110'),
  '09:00:00–17:30:00 450 min, breaks [{"paid": false, "minutes": 60, "start_min": 180}]',
  'a shift from a template takes its times and breaks');
select is(
  (select to_char(start_ts at time zone 'Asia/Shanghai', 'MM-DD HH24:MI') || ' → ' || to_char(end_ts at time zone 'Asia/Shanghai', 'MM-DD HH24:MI')
   from schedule_shifts where schedule_id = (select id from tests.w) and agent_id = 'ac000000-0000-4000-8000-000000000108' and day = '2026-03-05'),
  '03-05 22:00 → 03-06 06:00', 'a night shift ends the next morning, in the site''s time zone');

select throws_ok(
  format($$insert into schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
    values ('5a000000-0000-4000-8000-000000000001', %L, 'ac000000-0000-4000-8000-000000000103', '2026-03-09', '09:00', '17:00')$$,
    (select id from tests.w)),
  '23514', 'the shift''s day 2026-03-09 is outside the schedule''s week (2026-03-02 to 2026-03-08)', 'a day outside the week');
select throws_ok(
  format($$insert into schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
    values ('5a000000-0000-4000-8000-000000000001', %L, 'ac000000-0000-4000-8000-000000000111', '2026-03-02', '09:00', '17:00')$$,
    (select id from tests.w)),
  '23514', 'agent ac000000-0000-4000-8000-000000000111 is not in the schedule''s team', 'an agent of another team');

-- ------------------------------------------------------------ publishing

select is(
  tests.outcome('a0000000-0000-4000-8000-000000000011',
    format('select 1 from publish_schedule(%L, 0)', (select id from tests.w))),
  'error PT409', 'publishing against a revision someone changed since is refused (409)');
select throws_ok(
  format($$select tests.publish_as('a0000000-0000-4000-8000-000000000011', %L, %s)$$,
    (select id from tests.w), (select revision from schedules where id = (select id from tests.w))),
  'CB010', 'the schedule breaks 10 rule(s): fix them, or publish anyway with a reason', 'with violations and no reason: refused');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000101', format('select * from schedules where id = %L', (select id from tests.w))),
  '0', 'agents do not see the draft');
select tests.publish_as('a0000000-0000-4000-8000-000000000011', (select id from tests.w),
  (select revision from schedules where id = (select id from tests.w)), 'Short-staffed in March: overtime approved by HR');
select is(
  (select format('%s by %s: %s', status, published_by, override_reason) from schedules where id = (select id from tests.w)),
  'published by a0000000-0000-4000-8000-000000000011: Short-staffed in March: overtime approved by HR',
  'published anyway, with the reason and who recorded');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000101', format('select * from schedules where id = %L', (select id from tests.w))),
  '1', 'now the team''s agents see it');
select throws_ok(
  format($$update schedule_shifts set note = 'x' where schedule_id = %L$$, (select id from tests.w)),
  'CB011', 'version 1 of this schedule is published: only a draft can be changed; start a new draft',
  'a published week cannot be edited');

select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  $$select public.create_schedule_draft('7e000000-0000-4000-8000-000000000001', '2026-03-02')$$);
create table tests.v2 as select tests.sched('7e000000-0000-4000-8000-000000000001', '2026-03-02') as id;
select is(
  (select format('v%s %s, %s shifts', s.version, s.status, (select count(*) from schedule_shifts sh where sh.schedule_id = s.id))
   from schedules s where s.id = (select id from tests.v2)),
  format('v2 draft, %s shifts', (select count(*) from schedule_shifts where schedule_id = (select id from tests.w))),
  'the next draft starts as a copy of the published version');
delete from schedule_shifts where schedule_id = (select id from tests.v2) and agent_id <> 'ac000000-0000-4000-8000-000000000103';
delete from schedule_shifts where schedule_id = (select id from tests.v2) and day = '2026-03-07';
delete from schedule_shifts where schedule_id = (select id from tests.v2) and agent_id is null;
select is(tests.rules((select id from tests.v2)), '{}', 'fixed: nothing broken');
select tests.publish_as('a0000000-0000-4000-8000-000000000003', (select id from tests.v2),
  (select revision from schedules where id = (select id from tests.v2)));
select is(
  (select array_agg(format('v%s %s', version, status) order by version) from schedules
   where team_id = '7e000000-0000-4000-8000-000000000001' and week_start = '2026-03-02'),
  '{"v1 superseded","v2 published"}', 'publishing v2 keeps v1, superseded');
select is(
  (select override_reason from schedules where id = (select id from tests.v2)), null, 'no override when nothing was broken');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000101',
    $$select * from schedules where team_id = '7e000000-0000-4000-8000-000000000001' and week_start = '2026-03-02'$$),
  '1', 'agents see only the published version, not the superseded one');

-- ------------------------------------------------------------ a year with no holiday data

select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  $$select public.create_schedule_draft('7e000000-0000-4000-8000-000000000001', '2027-01-04')$$);
select is(tests.rules(tests.sched('7e000000-0000-4000-8000-000000000001', '2027-01-04')), '{- - calendar}',
  'a week in 2027, which the demo has no holidays for, is a violation');
select throws_ok(
  format($$select tests.publish_as('a0000000-0000-4000-8000-000000000003', %L, 0, 'anyway')$$,
    tests.sched('7e000000-0000-4000-8000-000000000001', '2027-01-04')),
  'CB001', 'the site''s calendar has no public holiday data for 2027: fill it in before scheduling',
  'and it cannot be published, not even with a reason');

-- ------------------------------------------------------------ averaged hours

update schedule_policies set hours_mode = 'averaged', averaging_period = 'month', max_week_paid_min = 300
where site_id = '5a000000-0000-4000-8000-000000000001';
select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  $$select public.create_schedule_draft('7e000000-0000-4000-8000-000000000002', '2026-03-09')$$);
select tests.add(tests.sched('7e000000-0000-4000-8000-000000000002', '2026-03-09'), 'ac000000-0000-4000-8000-000000000111',
  '2026-03-09'::date + d, '09:00', '17:00')
from generate_series(0, 2) as d;
select is(tests.rules(tests.sched('7e000000-0000-4000-8000-000000000002', '2026-03-09')), '{111 - period_hours}',
  'averaged hours: the week may pass the weekly limit, the month may not');
select is(tests.detail(tests.sched('7e000000-0000-4000-8000-000000000002', '2026-03-09'), 'period_hours'),
  '24:00 h paid from 2026-03-01 to 2026-03-31: at most 22:08 h on average (5:00 h a week)', 'said with the period');

-- ------------------------------------------------------------ daylight saving (Europe/Berlin)

insert into sites (id, name, time_zone) values ('5d000000-0000-4000-8000-000000000001', 'Berlin test site', 'Europe/Berlin');
insert into teams (id, site_id, name) values ('7d000000-0000-4000-8000-000000000001', '5d000000-0000-4000-8000-000000000001', 'Berlin team');
insert into agents (id, site_id, team_id, display_name, employee_no)
values ('ad000000-0000-4000-8000-000000000001', '5d000000-0000-4000-8000-000000000001', '7d000000-0000-4000-8000-000000000001', 'Berlin agent', 'B1');
insert into site_calendar_years (site_id, year, source) values ('5d000000-0000-4000-8000-000000000001', 2026, 'test: no holidays');
insert into schedules (id, site_id, team_id, week_start, version) values
  ('5cd00000-0000-4000-8000-000000000001', '5d000000-0000-4000-8000-000000000001', '7d000000-0000-4000-8000-000000000001', '2026-03-23', 1),
  ('5cd00000-0000-4000-8000-000000000002', '5d000000-0000-4000-8000-000000000001', '7d000000-0000-4000-8000-000000000001', '2026-10-19', 1);
insert into schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
select '5d000000-0000-4000-8000-000000000001', s, 'ad000000-0000-4000-8000-000000000001', w + d, '09:00', '17:00'
from (values ('5cd00000-0000-4000-8000-000000000001'::uuid, date '2026-03-23'), ('5cd00000-0000-4000-8000-000000000002', date '2026-10-19')) as x (s, w)
cross join generate_series(0, 3) as d;
insert into schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at) values
  ('5d000000-0000-4000-8000-000000000001', '5cd00000-0000-4000-8000-000000000001', 'ad000000-0000-4000-8000-000000000001', '2026-03-28', '22:00', '06:00'),
  ('5d000000-0000-4000-8000-000000000001', '5cd00000-0000-4000-8000-000000000002', 'ad000000-0000-4000-8000-000000000001', '2026-10-24', '22:00', '06:00');
select is(
  (select array_agg(format('%s %s min', day, paid_min) order by day) from schedule_shifts where agent_id = 'ad000000-0000-4000-8000-000000000001' and starts_at = '22:00'),
  '{"2026-03-28 420 min","2026-10-24 540 min"}', '22:00–06:00 is 7 h on the night clocks go forward and 9 h when they go back');
select is(tests.rules('5cd00000-0000-4000-8000-000000000001'), '{}',
  'the spring week: 4 × 8 h + 7 h = 39 h, within a standard week');
select is(tests.rules('5cd00000-0000-4000-8000-000000000002'), '{"001 10-24 day_hours","001 - week_hours"}',
  'the autumn night is 9 h worked: over the daily limit, and 4 × 8 h + 9 h = 41 h over the week');
select is(tests.detail('5cd00000-0000-4000-8000-000000000002', 'day_hours'), '9:00 h paid on 2026-10-24: at most 8:00 h a day',
  'said with the hours actually worked');

select * from finish();
rollback;
