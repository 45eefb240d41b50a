-- The schedule rules' facts (20261208100000): each violation carries the
-- numbers, dates and names its English detail is made of, as JSON, for the
-- rota editor to word in the user's language. A draft of our own in a week
-- the seed leaves empty (2 March 2026, team 1), one rule broken per agent at
-- its boundary, so every count below is of our own rows.
begin;
select plan(19);

\ir test-helpers.psql

-- A standard 40 h week with the limits the facts are checked against.
update schedule_policies set hours_mode = 'standard', max_day_paid_min = 480, max_week_paid_min = 2400,
  min_rest_between_min = 660, min_rest_days_per_week = 1
where site_id = '5a000000-0000-4000-8000-000000000001';

insert into schedules (id, site_id, team_id, week_start, version) values
  ('5c600000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001',
   '7e000000-0000-4000-8000-000000000001', '2026-03-02', 1);

create function tests.add(agent text, day date, starts text, ends text, template text default null)
returns void language sql as $$
  insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, template_id, starts_at, ends_at)
  values ('5a000000-0000-4000-8000-000000000001', '5c600000-0000-4000-8000-000000000001', agent::uuid, day,
    template::uuid, starts::time, ends::time)
$$;
-- The facts of one rule for one agent (null: an open shift) in our draft, in day order.
create function tests.facts(which text, agent text) returns jsonb language sql as $$
  select jsonb_agg(v.facts order by v.day)
  from app.schedule_violations_of('5c600000-0000-4000-8000-000000000001') v
  where v.rule = which and v.agent_id is not distinct from agent::uuid
$$;

-- agent03: five 8-hour days and a minute on Saturday, 40:01 h.
select tests.add('ac000000-0000-4000-8000-000000000103', '2026-03-02'::date + d, '09:00', '17:00') from generate_series(0, 4) as d;
select tests.add('ac000000-0000-4000-8000-000000000103', '2026-03-07', '09:00', '09:01');
-- agent04: 8:01 h on Tuesday.
select tests.add('ac000000-0000-4000-8000-000000000104', '2026-03-03', '09:00', '17:01');
-- agent05: a shift on a day of approved leave.
insert into approved_leave (site_id, agent_id, starts_on, ends_on, kind) values
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000105', '2026-03-04', '2026-03-05', 'sick');
select tests.add('ac000000-0000-4000-8000-000000000105', '2026-03-04', '09:00', '17:00');
-- agent06: 10:59 h between Monday evening and Tuesday morning.
select tests.add('ac000000-0000-4000-8000-000000000106', '2026-03-02', '13:01', '21:01');
select tests.add('ac000000-0000-4000-8000-000000000106', '2026-03-03', '08:00', '16:00');
-- agent07: two shifts on Wednesday overlapping by an hour.
select tests.add('ac000000-0000-4000-8000-000000000107', '2026-03-04', '09:00', '13:00');
select tests.add('ac000000-0000-4000-8000-000000000107', '2026-03-04', '12:00', '16:00');
-- agent09: seven short days, no rest day.
select tests.add('ac000000-0000-4000-8000-000000000109', '2026-03-02'::date + d, '09:00', '13:00') from generate_series(0, 6) as d;
-- agent01: the day shift, which staffs after-sales, a skill Hotline A lacks.
select tests.add('ac000000-0000-4000-8000-000000000101', '2026-03-02', null, null, '57000000-0000-4000-8000-000000000002');
-- An open shift on the summer template in winter.
select tests.add(null, '2026-03-03', null, null, '57000000-0000-4000-8000-000000000007');

select is(
  (select array_agg(format('%s %s', right(coalesce(v.agent_id::text, '-'), 3), v.rule) order by v.rule, v.agent_id)
   from app.schedule_violations_of('5c600000-0000-4000-8000-000000000001') v),
  array['104 day_hours', '105 leave', '107 overlap', '106 rest_between', '109 rest_days', '101 skills',
    '- template_season', '103 week_hours'],
  'the fixture breaks one rule per agent and nothing else');
select is(
  (select count(*)::int from app.schedule_violations_of('5c600000-0000-4000-8000-000000000001') v
   where jsonb_typeof(v.facts) is distinct from 'object'),
  0, 'every violation has its facts as a JSON object');

select is(tests.facts('day_hours', 'ac000000-0000-4000-8000-000000000104'),
  '[{"paid_min": 481, "max_min": 480}]'::jsonb, 'day_hours: the day''s paid minutes and the limit');
select is(tests.facts('week_hours', 'ac000000-0000-4000-8000-000000000103'),
  '[{"paid_min": 2401, "max_min": 2400}]'::jsonb, 'week_hours: the week''s paid minutes and the limit');
select is(tests.facts('rest_days', 'ac000000-0000-4000-8000-000000000109'),
  '[{"days_worked": 7, "min_rest_days": 1}]'::jsonb, 'rest_days: the days worked and the rest days owed');
select is(tests.facts('rest_between', 'ac000000-0000-4000-8000-000000000106'),
  '[{"starts_at": "2026-03-03T08:00", "previous_end": "2026-03-02T21:01", "rest_min": 659, "min_rest_min": 660}]'::jsonb,
  'rest_between: both times on the site''s clock, the rest and the minimum');
select is(tests.facts('overlap', 'ac000000-0000-4000-8000-000000000107'),
  '[{"starts_at": "2026-03-04T12:00", "previous_end": "2026-03-04T13:00", "rest_min": -60, "min_rest_min": 660}]'::jsonb,
  'overlap: the later shift''s start and the earlier one''s end');
select is(tests.facts('skills', 'ac000000-0000-4000-8000-000000000101'),
  jsonb_build_array(jsonb_build_object(
    'queues', (select jsonb_agg(q.name order by q.name) from shift_template_queues tq join queues q on q.id = tq.queue_id
               where tq.template_id = '57000000-0000-4000-8000-000000000002'),
    'template', (select name from shift_templates where id = '57000000-0000-4000-8000-000000000002'))),
  'skills: the queues lacked, by name, and the template');
select is(tests.facts('skills', 'ac000000-0000-4000-8000-000000000101') #>> '{0,queues,0}', '售后服务 After-sales',
  'the queue is named as the site calls it');
select is(tests.facts('leave', 'ac000000-0000-4000-8000-000000000105'),
  '[{"kind": "sick", "starts_on": "2026-03-04", "ends_on": "2026-03-05"}]'::jsonb, 'leave: its kind and days');
select is(tests.facts('template_season', null),
  '[{"template": "夏季白班 Summer day", "problem": "wrong_season", "day": "2026-03-03", "season": "冬季 Winter", "valid_seasons": ["夏季 Summer"]}]'::jsonb,
  'template_season: the template, the day''s season and the seasons it applies in');
select is(
  (select detail from app.schedule_violations_of('5c600000-0000-4000-8000-000000000001') where rule = 'day_hours'),
  '8:01 h paid on 2026-03-03: at most 8:00 h a day', 'the English detail is as it was');

-- The API passes the facts on to the team's planners.
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000011',
    $$select 1 from schedule_violations('5c600000-0000-4000-8000-000000000001')
      where rule = 'week_hours' and facts = '{"paid_min": 2401, "max_min": 2400}'$$),
  '1', 'the team''s lead reads the facts through schedule_violations');

-- period_hours: averaged over March at 1:40 h a week (7:22 h in the month), agent04's 8:01 h is too many.
update schedule_policies set hours_mode = 'averaged', averaging_period = 'month', max_week_paid_min = 100
where site_id = '5a000000-0000-4000-8000-000000000001';
select is(tests.facts('period_hours', 'ac000000-0000-4000-8000-000000000104'),
  '[{"total_min": 481, "first_day": "2026-03-01", "last_day": "2026-03-31", "max_avg_min": 442, "week_min": 100}]'::jsonb,
  'period_hours: the period''s paid minutes, its days, the average allowed and the weekly figure');

-- calendar: a week in a year with no holiday data (2035, made sure of).
delete from site_calendar_years where site_id = '5a000000-0000-4000-8000-000000000001' and year = 2035;
insert into schedules (id, site_id, team_id, week_start, version) values
  ('5c600000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001',
   '7e000000-0000-4000-8000-000000000001', '2035-01-01', 1);
select is(
  (select jsonb_agg(v.facts) from app.schedule_violations_of('5c600000-0000-4000-8000-000000000002') v where v.rule = 'calendar'),
  '[{"year": 2035}]'::jsonb, 'calendar: the year');

-- The swap check still reads the violations as records with the facts among them.
select is(
  (select count(*)::int from (
     select * from app.schedule_violations_of('5c600000-0000-4000-8000-000000000001')
     except
     select * from app.schedule_violations_of('5c600000-0000-4000-8000-000000000001')) x),
  0, 'two results of the function still compare column for column');

-- Made again, the functions keep the privileges they had.
select ok(has_function_privilege('authenticated', 'public.schedule_violations(uuid)', 'execute')
  and not has_function_privilege('anon', 'public.schedule_violations(uuid)', 'execute'),
  'schedule_violations: the signed-in may call it (it checks they plan the team), anon may not');
select ok(not has_function_privilege('authenticated', 'app.schedule_violations_of(uuid)', 'execute')
  and not has_function_privilege('anon', 'app.schedule_violations_of(uuid)', 'execute'),
  'app.schedule_violations_of stays internal');
select is(obj_description('public.schedule_violations(uuid)'::regprocedure, 'pg_proc'),
  'Every rule a schedule version breaks: agent, day (null for the week), rule, reason (English) and its facts as JSON. Planners only.',
  'the API function keeps its comment, naming the facts');

select * from finish();
rollback;
