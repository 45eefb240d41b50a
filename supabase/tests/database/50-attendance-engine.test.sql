-- The attendance engine (20261207110000): every rule at its boundaries with
-- frozen time (app.judge_attendance's as_of, close_attendance_days' moment):
-- grace exactly and a minute past it (seconds dropped), each late and
-- early-leave tier from both sides, both punch windows at their inclusive
-- ends and a second past, the worked-minute thresholds, a night shift
-- across midnight, a punch before midnight for a shift starting after it,
-- two shifts in a day and the tie between them, leave / outing / overtime
-- approved and not, approved_leave days, a statutory holiday and a judged
-- rest day, a day without a shift, overrides, policy versions, the day
-- staying open until its window has passed and closing after it, closed
-- days changed only through app.rejudge_audited, a republished week, a site
-- in New York across the DST night, and who may call what.
begin;
select plan(91);

\ir test-helpers.psql

-- ------------------------------------------------------------ fixture
-- Sites of their own (the seed's schedules never meet them): Shanghai and
-- New York, a team each, agents ea…0001–0040 (Shanghai) and ea…0101–0103.
insert into public.sites (id, name, time_zone) values
  ('e5000000-0000-4000-8000-000000000001', 'Engine test Shanghai', 'Asia/Shanghai'),
  ('e5000000-0000-4000-8000-000000000002', 'Engine test New York', 'America/New_York');
insert into public.teams (id, site_id, name) values
  ('e7000000-0000-4000-8000-000000000001', 'e5000000-0000-4000-8000-000000000001', 'Engine team'),
  ('e7000000-0000-4000-8000-000000000002', 'e5000000-0000-4000-8000-000000000002', 'Engine team NY');
create function tests.ag(n integer) returns uuid language sql as $$
  select ('ea000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid
$$;
insert into public.agents (id, site_id, team_id, display_name, employee_no)
select tests.ag(n), 'e5000000-0000-4000-8000-000000000001', 'e7000000-0000-4000-8000-000000000001', 'E' || n, 'E' || n
from generate_series(1, 40) n;
insert into public.agents (id, site_id, team_id, display_name, employee_no)
select tests.ag(n), 'e5000000-0000-4000-8000-000000000002', 'e7000000-0000-4000-8000-000000000002', 'N' || n, 'N' || n
from generate_series(101, 103) n;
insert into public.site_calendar_years (site_id, year, source) values
  ('e5000000-0000-4000-8000-000000000001', 2026, 'test'), ('e5000000-0000-4000-8000-000000000002', 2026, 'test');
-- Deductions in yuan (the product default is 0: the site sets them).
update public.attendance_policies set judge_rest_days = true where site_id = 'e5000000-0000-4000-8000-000000000002';
update public.attendance_policies set deduction_late = 20, deduction_early = 20, deduction_half_day = 100,
  deduction_absent = 200, deduction_missing_punch = 10
where site_id = 'e5000000-0000-4000-8000-000000000001';

-- Shanghai's week of Monday 9 March 2026; New York's of 2 March (DST starts Sunday 8 March, 02:00).
insert into public.schedules (id, site_id, team_id, week_start, version) values
  ('e8000000-0000-4000-8000-000000000001', 'e5000000-0000-4000-8000-000000000001',
   'e7000000-0000-4000-8000-000000000001', '2026-03-09', 1),
  ('e8000000-0000-4000-8000-000000000002', 'e5000000-0000-4000-8000-000000000002',
   'e7000000-0000-4000-8000-000000000002', '2026-03-02', 1);
create function tests.shift(n integer, day date, starts text, ends text,
  breaks text default '[{"start_min": 240, "minutes": 60, "paid": false}]') returns void
language sql as $$
  insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at, breaks)
  select a.site_id, case when n > 100 then 'e8000000-0000-4000-8000-000000000002'::uuid
    else 'e8000000-0000-4000-8000-000000000001'::uuid end, a.id, day, starts::time, ends::time, breaks::jsonb
  from public.agents a where a.id = tests.ag(n)
$$;
create function tests.punch(n integer, at timestamptz, dir text default null) returns void language sql as $$
  insert into public.punches (site_id, agent_id, punched_at, direction, source)
  select a.site_id, a.id, at, dir::public.punch_direction, 'terminal' from public.agents a where a.id = tests.ag(n)
$$;
create function tests.judge(as_of timestamptz) returns integer language sql as $$
  select app.judge_attendance('e5000000-0000-4000-8000-000000000001', null, '2026-03-08', '2026-03-16', false, as_of)
$$;
-- A judged day in short: status tier late early worked deduction; shifts in order, ' | ' between.
create function tests.day(n integer, work_date date) returns text language sql as $$
  select string_agg(format('%s %s %s %s %s %s', d.status, coalesce(d.tier, '-'), d.late_min, d.early_min, d.worked_min,
    d.deduction), ' | ' order by d.shift_start nulls last)
  from public.attendance_days d where d.agent_id = tests.ag(n) and d.work_date = day.work_date
$$;
-- The explanation's codes in order.
create function tests.why(n integer, work_date date) returns text language sql as $$
  select string_agg(e ->> 'code', ' ' order by d.shift_start nulls last, x.i)
  from public.attendance_days d cross join lateral jsonb_array_elements(d.explanation) with ordinality as x(e, i)
  where d.agent_id = tests.ag(n) and d.work_date = why.work_date
$$;
create function tests.sh(text) returns timestamptz language sql as $$ select ($1 || '+08')::timestamptz $$;

-- Shifts 09:00–18:00 with an unpaid lunch 13:00–14:00 (480 paid minutes) unless said.
select tests.shift(n, '2026-03-10', '09:00', '18:00') from generate_series(1, 18) n;
select tests.shift(n, '2026-03-10', '09:00', '18:00') from generate_series(24, 29) n;
select tests.shift(33, '2026-03-10', '09:00', '18:00');
select tests.shift(19, '2026-03-10', '22:00', '06:00', '[]');
select tests.shift(20, '2026-03-10', '00:30', '08:30', '[]');
select tests.shift(n, '2026-03-10', '08:00', '12:00', '[]') from generate_series(21, 23) n;
select tests.shift(n, '2026-03-10', '13:00', '17:00', '[]') from generate_series(21, 23) n;
select tests.shift(30, '2026-03-12', '09:00', '18:00');
select tests.shift(31, '2026-03-14', '09:00', '18:00');
select tests.shift(n, '2026-03-13', '09:00', '18:00') from generate_series(34, 38) n;
select tests.shift(101, '2026-03-07', '22:00', '06:00', '[]');
select tests.shift(102, '2026-03-07', '22:00', '06:00', '[]');
select tests.shift(103, '2026-03-06', '09:00', '17:00', '[]');
update public.schedules set status = 'published' where id in
  ('e8000000-0000-4000-8000-000000000001', 'e8000000-0000-4000-8000-000000000002');

select is((select count(*) from attendance_days where site_id = 'e5000000-0000-4000-8000-000000000001'
  and shift_id is not null), 40::bigint, 'publishing the week judges every shift of it');
select is(tests.day(17, '2026-03-10'), 'absent absent 0 0 0 200.00',
  'published, no punch, the window long past (the triggers judge as of now): absent (旷工)');

-- ------------------------------------------------------------ punches
select tests.punch(1, tests.sh('2026-03-10 09:05:59')), tests.punch(1, tests.sh('2026-03-10 18:00'));
select tests.punch(2, tests.sh('2026-03-10 09:06:00')), tests.punch(2, tests.sh('2026-03-10 18:00'));
select tests.punch(3, tests.sh('2026-03-10 09:30:59')), tests.punch(3, tests.sh('2026-03-10 18:00'));
select tests.punch(4, tests.sh('2026-03-10 09:31:00')), tests.punch(4, tests.sh('2026-03-10 18:00'));
select tests.punch(5, tests.sh('2026-03-10 11:00:59')), tests.punch(5, tests.sh('2026-03-10 18:00'));
select tests.punch(6, tests.sh('2026-03-10 11:01:00')), tests.punch(6, tests.sh('2026-03-10 18:00'));
select tests.punch(7, tests.sh('2026-03-10 09:00')), tests.punch(7, tests.sh('2026-03-10 17:54:01'));
select tests.punch(8, tests.sh('2026-03-10 09:00')), tests.punch(8, tests.sh('2026-03-10 17:54:00'));
select tests.punch(9, tests.sh('2026-03-10 09:00')), tests.punch(9, tests.sh('2026-03-10 17:29:00'));
select tests.punch(10, tests.sh('2026-03-10 09:00')), tests.punch(10, tests.sh('2026-03-10 15:59:00'));
select tests.punch(11, tests.sh('2026-03-10 09:10')), tests.punch(11, tests.sh('2026-03-10 17:50'));
select tests.punch(12, tests.sh('2026-03-10 09:40')), tests.punch(12, tests.sh('2026-03-10 17:20'));
select tests.punch(13, tests.sh('2026-03-10 07:59:59')), tests.punch(13, tests.sh('2026-03-10 18:00'));
select tests.punch(14, tests.sh('2026-03-10 08:00:00')), tests.punch(14, tests.sh('2026-03-10 18:00'));
select tests.punch(15, tests.sh('2026-03-10 09:00')), tests.punch(15, tests.sh('2026-03-10 19:00:00'));
select tests.punch(16, tests.sh('2026-03-10 09:00')), tests.punch(16, tests.sh('2026-03-10 19:00:01'));
select tests.punch(18, tests.sh('2026-03-10 09:20')), tests.punch(18, tests.sh('2026-03-10 18:00'));
select tests.punch(19, tests.sh('2026-03-10 21:58')), tests.punch(19, tests.sh('2026-03-11 06:01'));
select tests.punch(20, tests.sh('2026-03-09 23:45'), 'in'), tests.punch(20, tests.sh('2026-03-10 08:30'));
select tests.punch(21, tests.sh('2026-03-10 07:58')), tests.punch(21, tests.sh('2026-03-10 12:02')),
  tests.punch(21, tests.sh('2026-03-10 12:55')), tests.punch(21, tests.sh('2026-03-10 17:01'));
select tests.punch(22, tests.sh('2026-03-10 08:00')), tests.punch(22, tests.sh('2026-03-10 12:30'), 'in'),
  tests.punch(22, tests.sh('2026-03-10 17:00'));
select tests.punch(23, tests.sh('2026-03-10 08:00')), tests.punch(23, tests.sh('2026-03-10 12:30')),
  tests.punch(23, tests.sh('2026-03-10 17:00'));
select tests.punch(25, tests.sh('2026-03-10 13:05')), tests.punch(25, tests.sh('2026-03-10 18:00'));
select tests.punch(27, tests.sh('2026-03-10 09:00')), tests.punch(27, tests.sh('2026-03-10 15:00'));
select tests.punch(28, tests.sh('2026-03-10 09:00')), tests.punch(28, tests.sh('2026-03-10 20:00'));
select tests.punch(29, tests.sh('2026-03-10 09:00')), tests.punch(29, tests.sh('2026-03-10 18:50'));
select tests.punch(32, tests.sh('2026-03-15 10:00')), tests.punch(32, tests.sh('2026-03-15 12:00'));

-- Requests and leave (approved straight away here; the workflow is tested in 51).
insert into public.attendance_requests (site_id, agent_id, kind, leave_type, starts_at, ends_at, status) values
  ('e5000000-0000-4000-8000-000000000001', tests.ag(25), 'leave', 'annual', tests.sh('2026-03-10 09:00'),
   tests.sh('2026-03-10 13:00'), 'approved'),
  ('e5000000-0000-4000-8000-000000000001', tests.ag(26), 'leave', 'sick', tests.sh('2026-03-10 00:00'),
   tests.sh('2026-03-11 00:00'), 'pending'),
  ('e5000000-0000-4000-8000-000000000001', tests.ag(27), 'outing', null, tests.sh('2026-03-10 15:00'),
   tests.sh('2026-03-10 18:00'), 'approved'),
  ('e5000000-0000-4000-8000-000000000001', tests.ag(28), 'overtime', null, tests.sh('2026-03-10 18:00'),
   tests.sh('2026-03-10 20:00'), 'approved'),
  ('e5000000-0000-4000-8000-000000000001', tests.ag(29), 'overtime', null, tests.sh('2026-03-10 18:00'),
   tests.sh('2026-03-10 20:00'), 'pending');
insert into public.approved_leave (site_id, agent_id, starts_on, ends_on, kind)
values ('e5000000-0000-4000-8000-000000000001', tests.ag(24), '2026-03-10', '2026-03-10', 'personal');
-- Thursday 12 March a statutory holiday (added after publishing: the calendar trigger re-judges).
insert into public.site_calendar_days (site_id, day, kind, name)
values ('e5000000-0000-4000-8000-000000000001', '2026-03-12', 'statutory_holiday', 'Test holiday');
-- Policy version 2 from Friday 13 March: worked-minute thresholds, early leave
-- tiers out of the way, one punch = absence, rest days judged.
insert into public.attendance_policies (site_id, effective_from, version, min_present_worked_min,
  min_half_day_worked_min, early_max_min, early_half_day_max_min, single_punch_status, judge_rest_days,
  deduction_late, deduction_early, deduction_half_day, deduction_absent, deduction_missing_punch)
values ('e5000000-0000-4000-8000-000000000001', '2026-03-13', 2, 480, 240, 600, 700, 'absent', true,
  20, 20, 100, 200, 10);
select tests.punch(34, tests.sh('2026-03-13 09:00')), tests.punch(34, tests.sh('2026-03-13 18:00'));
select tests.punch(35, tests.sh('2026-03-13 09:01')), tests.punch(35, tests.sh('2026-03-13 18:00'));
select tests.punch(36, tests.sh('2026-03-13 09:00')), tests.punch(36, tests.sh('2026-03-13 13:00'));
select tests.punch(37, tests.sh('2026-03-13 09:00')), tests.punch(37, tests.sh('2026-03-13 12:59'));
select tests.punch(38, tests.sh('2026-03-13 09:00'));
-- New York: the DST night, and a day shift.
select tests.punch(101, '2026-03-07 21:59-05'), tests.punch(101, '2026-03-08 06:00-04');
select tests.punch(102, '2026-03-07 22:06-05'), tests.punch(102, '2026-03-08 05:54-04');
select tests.punch(103, '2026-03-06 09:06-05'), tests.punch(103, '2026-03-06 17:00-05');

select tests.judge('2026-03-20 00:00+08');
select is(tests.judge('2026-03-20 00:00+08'), 0, 'judging again changes nothing (idempotent, nothing rewritten)');

-- ------------------------------------------------------------ grace and late tiers
select is(tests.day(1, '2026-03-10'), 'present - 5 0 474 0.00', '09:05:59 is 5 whole minutes: within the grace, on time');
select is(tests.day(2, '2026-03-10'), 'late late 6 0 474 20.00', '09:06:00, start + grace + 1 minute: late');
select is(tests.day(3, '2026-03-10'), 'late late 30 0 449 20.00', '30 minutes (09:30:59): still the late tier');
select is(tests.day(4, '2026-03-10'), 'half_day half_day 31 0 449 100.00', '31 minutes: half-day absence');
select is(tests.day(5, '2026-03-10'), 'half_day half_day 120 0 359 100.00', '120 minutes (11:00:59): still half a day');
select is(tests.day(6, '2026-03-10'), 'absent absent 121 0 359 200.00', '121 minutes: absence');
select is(tests.why(2, '2026-03-10'), 'late left_on_time deduction policy', 'the explanation says late, left on time, the deduction and the policy');
select is((select e -> 'params' from attendance_days d, jsonb_array_elements(d.explanation) e
   where d.agent_id = tests.ag(2) and e ->> 'code' = 'late'),
  jsonb_build_object('at', '2026-03-10T01:06:00Z', 'expected', '2026-03-10T01:00:00Z', 'minutes', 6, 'grace', 5,
    'late_max', 30, 'half_day_max', 120),
  'with the instants (UTC) and the limits it applied');

-- ------------------------------------------------------------ early leave tiers
select is(tests.day(7, '2026-03-10'), 'present - 0 5 474 0.00', 'leaving at 17:54:01 is 5 whole minutes early: within the grace');
select is(tests.day(8, '2026-03-10'), 'early_leave early 0 6 474 20.00', '17:54:00, 6 minutes: early leave');
select is(tests.day(9, '2026-03-10'), 'half_day half_day 0 31 449 100.00', '31 minutes early: half-day absence');
select is(tests.day(10, '2026-03-10'), 'absent absent 0 121 359 200.00', '121 minutes early: absence');
select is(tests.day(11, '2026-03-10'), 'late late 10 10 460 40.00', 'late and early at the first tier: late, both deducted');
select is(tests.day(12, '2026-03-10'), 'absent absent 40 40 400 200.00', 'two half-days make an absence');
select ok(tests.why(12, '2026-03-10') like '%two_half_days%', 'and the explanation says so');

-- ------------------------------------------------------------ windows
select is(tests.day(13, '2026-03-10'), 'missing_punch missing_punch 0 0 0 10.00',
  'a punch a second before the check-in window (07:59:59) does not count: one punch left, a missing punch');
select is(tests.why(13, '2026-03-10'), 'single_punch punches_outside_window deduction policy',
  'the explanation names the single punch and the punch outside the window');
select is((select e -> 'params' ->> 'missing' from attendance_days d, jsonb_array_elements(d.explanation) e
   where d.agent_id = tests.ag(13) and e ->> 'code' = 'single_punch'), 'in', 'the missing one is the check-in');
select is(tests.day(14, '2026-03-10'), 'present - 0 0 480 0.00',
  'a punch exactly at the window''s start (08:00:00) counts; time before the shift is not worked time');
select is(tests.day(15, '2026-03-10'), 'present - 0 0 480 0.00', 'a punch exactly at the window''s end (19:00:00) counts');
select is(tests.day(16, '2026-03-10'), 'missing_punch missing_punch 0 0 0 10.00', 'a second later (19:00:01) it does not');
select ok(tests.why(15, '2026-03-10') like '%overtime_unapproved%',
  'an hour past the shift without an approved request is noted, not counted');
select is((select overtime_min from attendance_days where agent_id = tests.ag(15)), 0, 'no overtime without approval');

-- ------------------------------------------------------------ across midnight, two shifts
select is(tests.day(19, '2026-03-10'), 'present - 0 0 480 0.00', 'a night shift 22:00–06:00 counts for the evening it began');
select is(tests.day(19, '2026-03-11'), null, 'and nothing for the morning after');
select is(tests.day(20, '2026-03-10'), 'present - 0 0 480 0.00',
  'a check-in at 23:45 the evening before belongs to the 00:30 shift of the next date');
select is(tests.day(20, '2026-03-09'), null, 'the evening before gets no row');
select is(tests.day(21, '2026-03-10'), 'present - 0 0 240 0.00 | present - 0 0 240 0.00',
  'two shifts in a day: each punch to the nearest shift');
select is(tests.day(22, '2026-03-10'), 'missing_punch missing_punch 0 0 0 10.00 | present - 0 0 240 0.00',
  'a check-in halfway between the two shifts goes to the later one');
select is(tests.day(23, '2026-03-10'), 'present - 0 0 240 0.00 | missing_punch missing_punch 0 0 0 10.00',
  'a punch without direction halfway between goes to the earlier one');

-- ------------------------------------------------------------ leave, outing, overtime
select is(tests.day(24, '2026-03-10'), 'leave - 0 0 0 0.00', 'approved leave for the day: leave, no deduction');
select is(tests.day(25, '2026-03-10'), 'present - 5 0 240 0.00',
  'approved leave 09:00–13:00: the expected start is 13:00, 13:05 is within the grace');
select is(tests.day(26, '2026-03-10'), 'absent absent 0 0 0 200.00', 'leave requested but not approved: absence');
update public.attendance_requests set status = 'approved' where agent_id = tests.ag(26);
select is(tests.day(26, '2026-03-10'), 'leave - 0 0 0 0.00', 'approving it re-judges the day (trigger): leave');
select is(tests.day(27, '2026-03-10'), 'present - 0 0 480 0.00',
  'an approved outing 15:00–18:00 ends the expected day at 15:00 and counts as worked');
select is((select overtime_min || ' ' || app.iso(closes_at) from attendance_days where agent_id = tests.ag(28)),
  '120 2026-03-10T13:00:00Z', 'approved overtime to 20:00: 120 minutes, the window stretched to 21:00');
select is(tests.day(28, '2026-03-10'), 'present - 0 0 480 0.00', 'and the day present');
select is((select overtime_min from attendance_days where agent_id = tests.ag(29)), 0,
  'overtime requested but not approved counts nothing');
select ok(tests.why(29, '2026-03-10') like '%overtime_unapproved%', 'and the explanation says why');

-- ------------------------------------------------------------ calendar, days without a shift
select is(tests.day(30, '2026-03-12'), 'holiday - 0 0 0 0.00',
  'a shift on a statutory holiday is not judged by default (judge_holidays off)');
select is(tests.why(30, '2026-03-12'), 'holiday_not_judged policy', 'and says so, with the holiday''s name');
select is(tests.day(31, '2026-03-14'), 'absent absent 0 0 0 200.00',
  'a Saturday shift under a policy that judges rest days: absence');
select is(tests.day(32, '2026-03-15'), 'rest - 0 0 120 0.00', 'punches on a day without a shift: rest, 120 minutes there');
select is(tests.why(32, '2026-03-15'), 'no_shift punches_without_shift policy', 'explained as punches without a shift');
select is((select count(*) from attendance_days where agent_id = tests.ag(40)), 0::bigint,
  'an agent with nothing scheduled and no punches has no rows');

-- ------------------------------------------------------------ policy version 2
select is(tests.day(34, '2026-03-13'), 'present - 0 0 480 0.00', 'worked 480 of the 480 required: present');
select is(tests.day(35, '2026-03-13'), 'half_day half_day 1 0 479 100.00',
  'on time by the grace but 479 worked minutes: half-day by the threshold');
select is(tests.day(36, '2026-03-13'), 'half_day half_day 0 300 240 100.00', '240 worked: at the half-day threshold, half a day');
select is(tests.day(37, '2026-03-13'), 'absent absent 0 301 239 200.00', '239 worked: below it, absence');
select is(tests.why(37, '2026-03-13'), 'on_time early worked_below_half_day deduction policy', 'explained by the worked minutes');
select is(tests.day(38, '2026-03-13'), 'absent absent 0 0 0 200.00', 'one punch under version 2 (single punch = absence)');
select is((select p.version from attendance_days d join attendance_policies p on p.id = d.policy_id
   where d.agent_id = tests.ag(38)), 2, 'the day records the policy version that judged it');
select is((select p.version from attendance_days d join attendance_policies p on p.id = d.policy_id
   where d.agent_id = tests.ag(30)), 1, 'the day before it takes effect, version 1');

-- ------------------------------------------------------------ overrides
insert into public.attendance_overrides (site_id, agent_id, work_date, shift_id, status, reason)
select site_id, agent_id, work_date, shift_id, 'present', 'terminal fault' from attendance_days where agent_id = tests.ag(33);
select is(tests.day(33, '2026-03-10'), 'present - 0 0 0 0.00', 'an override stands over the engine''s absence');
select is(tests.why(33, '2026-03-10'), 'no_punch override policy', 'and the explanation keeps why the engine said otherwise');
update public.attendance_overrides set status = 'half_day', reason = 'half' where agent_id = tests.ag(33);
select is(tests.day(33, '2026-03-10'), 'half_day half_day 0 0 0 100.00', 'an override''s status takes the policy''s deduction');
update public.attendance_overrides set cleared_at = now() where agent_id = tests.ag(33);
select is(tests.day(33, '2026-03-10'), 'absent absent 0 0 0 200.00', 'cleared, the engine''s result is back');

-- ------------------------------------------------------------ New York, DST
select is(tests.day(101, '2026-03-07'), 'present - 0 0 420 0.00',
  'a Saturday night judged (the New York site judges rest days); the night the clocks go forward, 22:00–06:00 is 7 hours: all of it worked');
select is((select extract(epoch from shift_end - shift_start) / 3600 from attendance_days where agent_id = tests.ag(101))::integer,
  7, 'the shift itself is 7 hours long');
select is(tests.day(102, '2026-03-07'), 'late late 6 6 408 0.00',
  'late 6 (22:06 EST) and early 6 (05:54 EDT) measured in local time across the change');
select is(tests.day(103, '2026-03-06'), 'late late 6 0 474 0.00', 'a day shift in New York: 09:06 local is 6 minutes late');

-- ------------------------------------------------------------ open until the window has passed
select tests.judge(tests.sh('2026-03-10 09:30'));
select is(tests.day(17, '2026-03-10'), 'open - 0 0 0 0.00', 'at 09:30, no punch yet: open, not absent');
select is(tests.why(17, '2026-03-10'), 'not_in_yet open policy', 'explained as not in yet');
select is(tests.day(18, '2026-03-10'), 'open - 20 0 0 0.00', 'checked in at 09:20: open, 20 minutes late so far');
select is(tests.day(24, '2026-03-10'), 'leave - 0 0 0 0.00', 'approved leave is known at once');
select tests.judge(tests.sh('2026-03-10 19:00:00'));
select is(tests.day(17, '2026-03-10'), 'open - 0 0 0 0.00', 'at the window''s last instant (19:00:00) still open');
select tests.judge(tests.sh('2026-03-10 19:00:01'));
select is(tests.day(17, '2026-03-10'), 'absent absent 0 0 0 200.00', 'a second later: absent');
select is(tests.day(18, '2026-03-10'), 'late late 20 0 460 20.00', 'and late for the one who came at 09:20');

-- ------------------------------------------------------------ closing
select tests.judge(tests.sh('2026-03-10 09:30'));
select public.close_attendance_days(tests.sh('2026-03-10 19:00:00'));
select is((select count(*) from attendance_days where site_id = 'e5000000-0000-4000-8000-000000000001'
  and closed_at is not null and work_date = '2026-03-10' and shift_end = tests.sh('2026-03-10 18:00')), 0::bigint,
  'closing at 19:00:00 closes none of the 09:00–18:00 days');
select ok(public.close_attendance_days(tests.sh('2026-03-10 19:00:01')) >= 24, 'at 19:00:01 it closes them');
select is((select count(*) from attendance_days where site_id = 'e5000000-0000-4000-8000-000000000001'
  and closed_at is null and work_date = '2026-03-10' and shift_end = tests.sh('2026-03-10 18:00')), 1::bigint,
  'all but the one with overtime');
select is((select status::text || ' ' || app.iso(closed_at) from attendance_days where agent_id = tests.ag(17)),
  'absent 2026-03-10T11:00:01Z', 'judged as of the closing moment, and stamped with it');
select is((select status::text || ' ' || (closed_at is null) from attendance_days where agent_id = tests.ag(28)),
  'open true', 'a day with approved overtime to 20:00 stays open until 21:00');
select is((select status::text || ' ' || (closed_at is null) from attendance_days where agent_id = tests.ag(19)),
  'open true', 'the night shift stays open');

-- A closed day changes only through the audited path.
select tests.punch(17, tests.sh('2026-03-10 09:00')), tests.punch(17, tests.sh('2026-03-10 18:00'));
select is(tests.day(17, '2026-03-10'), 'absent absent 0 0 0 200.00', 'a punch added later leaves the closed day alone');
select app.rejudge_audited('e5000000-0000-4000-8000-000000000001', tests.ag(17), '2026-03-09', '2026-03-11',
  'day_rejudged', 'terminal fault fixed');
select is(tests.day(17, '2026-03-10'), 'present - 0 0 480 0.00', 'app.rejudge_audited re-judges it');
select is((select jsonb_build_object('n', count(*), 'action', min(action), 'reason', min(reason),
    'before', min(before::text), 'after', min(after::text))
  from attendance_corrections where agent_id = tests.ag(17)),
  jsonb_build_object('n', 1, 'action', 'day_rejudged', 'reason', 'terminal fault fixed',
    'before', '{"tier": "absent", "status": "absent", "late_min": 0, "deduction": 200.00, "early_min": 0, "worked_min": 0}',
    'after', '{"tier": null, "status": "present", "late_min": 0, "deduction": 0.00, "early_min": 0, "worked_min": 480}'),
  'and records one correction with the result before and after');
select app.rejudge_audited('e5000000-0000-4000-8000-000000000001', tests.ag(17), '2026-03-09', '2026-03-11',
  'day_rejudged', 'again');
select is((select count(*) from attendance_corrections where agent_id = tests.ag(17)), 1::bigint,
  'nothing changed, nothing recorded');
select is((select closed_at is not null from attendance_days where agent_id = tests.ag(17)), true, 'the day stays closed');

-- A week published again: the closed day stays one row, following the new shift.
update public.schedules set status = 'superseded' where id = 'e8000000-0000-4000-8000-000000000001';
insert into public.schedules (id, site_id, team_id, week_start, version) values
  ('e8000000-0000-4000-8000-000000000003', 'e5000000-0000-4000-8000-000000000001',
   'e7000000-0000-4000-8000-000000000001', '2026-03-09', 2);
insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at, breaks)
select site_id, 'e8000000-0000-4000-8000-000000000003', agent_id, day, starts_at, ends_at, breaks
from public.schedule_shifts where schedule_id = 'e8000000-0000-4000-8000-000000000001';
update public.schedules set status = 'published' where id = 'e8000000-0000-4000-8000-000000000003';
select is((select count(*) || ' ' || bool_and(s.schedule_id = 'e8000000-0000-4000-8000-000000000003')
  from attendance_days d join schedule_shifts s on s.id = d.shift_id where d.agent_id = tests.ag(2)),
  '1 true', 'republished: agent 2''s closed day is still one row, now on the new version''s shift');
select is(tests.day(2, '2026-03-10'), 'late late 6 0 474 20.00', 'with its result unchanged');
select is((select count(*) from attendance_days where site_id = 'e5000000-0000-4000-8000-000000000001'
  and shift_id is not null), 40::bigint, 'and every shift still has exactly one row');

-- ------------------------------------------------------------ who may
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');
select tests.check(tests.actor('agent'), $$select public.judge_attendance_range('5a000000-0000-4000-8000-000000000001',
  current_date, current_date)$$, 'CB061', 'an agent may not judge on demand');
select tests.check(tests.actor('supervisor'), $$select public.judge_attendance_range('5a000000-0000-4000-8000-000000000001',
  current_date, current_date)$$, '1', 'a supervisor may');
select tests.check(tests.actor('supervisor'), $$select public.judge_attendance_range('5a000000-0000-4000-8000-000000000001',
  current_date, current_date + 62)$$, 'CB060', 'at most 62 days');
select tests.check(tests.actor('supervisor'), $$select app.judge_attendance('5a000000-0000-4000-8000-000000000001',
  null, current_date, current_date)$$, '42501', 'nobody signed in calls the engine itself');
select tests.check(tests.actor('manager'), $$select public.close_attendance_days()$$, '42501',
  'closing is the server''s (service role), not a manager''s');
select throws_ok($$select app.judge_attendance('e5000000-0000-4000-8000-000000000001', null, '2026-03-10', '2026-03-09')$$,
  'CB060', null, 'a range that ends before it starts is refused');

select * from finish();
rollback;
