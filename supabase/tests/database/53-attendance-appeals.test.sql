-- Attendance appeals (20261207130200) with frozen time: the deadline to file
-- (3 working days after the day's result closed) and to answer (5 working
-- days after filing) across a weekend, a statutory holiday (Mid-Autumn, 25
-- September 2026) and National Day with its make-up Saturday (10 October),
-- from the demo site's calendar; the boundary minute both sides; an open day
-- refused; one appeal per day (withdrawing frees it); an accepted appeal
-- changes the result through an audited override, a rejected one keeps it
-- with the reason; overdue appeals listed for managers; a locked month; and
-- who may file, answer and read (an agent only their own, a lead their
-- team's, the site's staff all, displays and kiosks nothing).
begin;
select plan(122);

\ir test-helpers.psql

-- ------------------------------------------------------------ fixture
insert into public.teams (id, site_id, name, kind)
values ('7c000000-0000-4000-8000-0000000000c2', '5a000000-0000-4000-8000-000000000001', 'Appeals test team', 'inbound');
insert into auth.users (id, aud, role, email)
select id::uuid, 'authenticated', 'authenticated', email
from (values
  ('c0000000-0000-4000-8000-000000000001', 'appeal-agent1@test.local'),
  ('c0000000-0000-4000-8000-000000000002', 'appeal-agent2@test.local'),
  ('c0000000-0000-4000-8000-000000000011', 'appeal-lead@test.local'),
  ('c0000000-0000-4000-8000-000000000007', 'appeal-kiosk@test.local')
) as u (id, email);
insert into public.agents (id, site_id, team_id, user_id, display_name, employee_no) values
  ('cc000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000c2',
   'c0000000-0000-4000-8000-000000000001', '申诉员工一', 'T911'),
  ('cc000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000c2',
   'c0000000-0000-4000-8000-000000000002', '申诉员工二', 'T912');
insert into public.members (user_id, site_id, team_id, role) values
  ('c0000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000c2', 'agent'),
  ('c0000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000c2', 'agent'),
  ('c0000000-0000-4000-8000-000000000011', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000c2', 'lead'),
  ('c0000000-0000-4000-8000-000000000007', '5a000000-0000-4000-8000-000000000001', null, 'kiosk');
select tests.add_qa_and_analyst();
insert into tests.actors (ord, name, id) values
  (1, 'agent', 'c0000000-0000-4000-8000-000000000001'),
  (2, 'colleague', 'c0000000-0000-4000-8000-000000000002'),
  (3, 'lead', 'c0000000-0000-4000-8000-000000000011'),
  (4, 'other lead', 'a0000000-0000-4000-8000-000000000011'),
  (5, 'supervisor', 'a0000000-0000-4000-8000-000000000003'),
  (6, 'manager', 'a0000000-0000-4000-8000-000000000002'),
  (7, 'admin', 'a0000000-0000-4000-8000-000000000001'),
  (8, 'display', 'a0000000-0000-4000-8000-000000000004'),
  (9, 'kiosk', 'c0000000-0000-4000-8000-000000000007'),
  (10, 'qa', 'b0000000-0000-4000-8000-000000000005'),
  (11, 'analyst', 'b0000000-0000-4000-8000-000000000006'),
  (12, 'anon', null);

create function tests.t(local text) returns timestamptz language sql as $$
  select local::timestamp at time zone 'Asia/Shanghai'
$$;
create function tests.day_id(agent_no integer, day date) returns uuid language sql as $$
  select d.id from public.attendance_days d
  where d.agent_id = ('cc000000-0000-4000-8000-00000000000' || agent_no)::uuid and d.work_date = day
$$;
create function tests.day(agent_no integer, day date) returns public.attendance_days language sql as $$
  select d.* from public.attendance_days d where d.id = tests.day_id(agent_no, day)
$$;
create function tests.status(agent_no integer, day date) returns text language sql as $$
  select (tests.day(agent_no, day)).status::text
$$;
create function tests.appeal(agent_no integer, day date) returns public.attendance_appeals language sql as $$
  select a.* from public.attendance_appeals a
  where a.agent_id = ('cc000000-0000-4000-8000-00000000000' || agent_no)::uuid and a.work_date = day
  order by a.filed_at desc limit 1
$$;
-- Files an appeal as `actor` at a frozen site-local moment: the rule
-- public.file_attendance_appeal applies at now(). Returns the appeal's
-- "file_by answer_by".
create function tests.file(actor uuid, day_id uuid, reason text, local text) returns text language plpgsql as $$
declare
  filed public.attendance_appeals;
begin
  perform set_config('request.jwt.claims', json_build_object('sub', actor, 'role', 'authenticated')::text, true);
  filed := app.file_attendance_appeal_at(day_id, reason, tests.t(local));
  perform set_config('request.jwt.claims', '{}', true);
  return format('%s %s', filed.file_by, filed.answer_by);
end;
$$;
-- The overdue list as a manager sees it at a frozen moment: "work_date late_by" per appeal.
create function tests.overdue(actor uuid, local text) returns text[] language plpgsql as $$
declare
  seen text[];
begin
  perform set_config('request.jwt.claims', json_build_object('sub', actor, 'role', 'authenticated')::text, true);
  select coalesce(array_agg(format('%s %s', o.work_date, o.working_days_late) order by o.answer_by), '{}') into seen
  from app.overdue_attendance_appeals_at('5a000000-0000-4000-8000-000000000001', tests.t(local)) o;
  perform set_config('request.jwt.claims', '{}', true);
  return seen;
end;
$$;

-- Published weeks of the test team: agent 1 works 9:00–18:00 on Thursday 24
-- and Wednesday 30 September, Tuesday 10, Friday 13 and Monday 16 November;
-- agent 2 on Friday 13 November.
insert into public.schedules (id, site_id, team_id, week_start, version)
select ('5c000000-0000-4000-8000-0000000000d' || n)::uuid, '5a000000-0000-4000-8000-000000000001',
  '7c000000-0000-4000-8000-0000000000c2', week::date, 1
from (values (1, '2026-09-21'), (2, '2026-09-28'), (3, '2026-11-09'), (4, '2026-11-16')) as w (n, week);
insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
select '5a000000-0000-4000-8000-000000000001', ('5c000000-0000-4000-8000-0000000000d' || n)::uuid, agent::uuid, day::date,
  '09:00', '18:00'
from (values
  (1, 'cc000000-0000-4000-8000-000000000001', '2026-09-24'),
  (2, 'cc000000-0000-4000-8000-000000000001', '2026-09-30'),
  (3, 'cc000000-0000-4000-8000-000000000001', '2026-11-10'),
  (3, 'cc000000-0000-4000-8000-000000000001', '2026-11-13'),
  (3, 'cc000000-0000-4000-8000-000000000002', '2026-11-13'),
  (4, 'cc000000-0000-4000-8000-000000000001', '2026-11-16')
) as s (n, agent, day);
update public.schedules set status = 'published' where team_id = '7c000000-0000-4000-8000-0000000000c2';

-- 24 September 20 minutes late; 30 September no punch (absent); 10
-- November on time; 13 November 40 minutes late (half-day); agent 2 on
-- time on the 13th; 16 November still open.
insert into public.punches (site_id, agent_id, punched_at, direction, source, device)
select '5a000000-0000-4000-8000-000000000001', agent::uuid, tests.t(at), dir::public.punch_direction, 'terminal', 'gate-1'
from (values
  ('cc000000-0000-4000-8000-000000000001', '2026-09-24 09:20', 'in'),
  ('cc000000-0000-4000-8000-000000000001', '2026-09-24 18:00', 'out'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-10 08:55', 'in'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-10 18:03', 'out'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-13 09:40', 'in'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-13 18:00', 'out'),
  ('cc000000-0000-4000-8000-000000000002', '2026-11-13 08:58', 'in'),
  ('cc000000-0000-4000-8000-000000000002', '2026-11-13 18:02', 'out'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-16 08:59', 'in')
) as p (agent, at, dir);
select app.judge_attendance('5a000000-0000-4000-8000-000000000001',
  '{cc000000-0000-4000-8000-000000000001,cc000000-0000-4000-8000-000000000002}', '2026-09-24', '2026-11-16', false,
  tests.t('2026-11-16 12:00'));
-- Each day closes when its check-out window (60 minutes) has passed, on its own date.
select public.close_attendance_days(tests.t(m)) from unnest(array[
  '2026-09-24 19:30', '2026-09-30 19:30', '2026-11-10 19:30', '2026-11-13 19:30']) as m;
update public.attendance_days d set closed_at = (d.work_date + time '19:30') at time zone 'Asia/Shanghai'
where d.site_id = '5a000000-0000-4000-8000-000000000001' and d.closed_at is not null
  and d.agent_id in ('cc000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000002');

select is(
  array[tests.status(1, '2026-09-24'), tests.status(1, '2026-09-30'), tests.status(1, '2026-11-10'),
        tests.status(1, '2026-11-13'), tests.status(2, '2026-11-13'), tests.status(1, '2026-11-16')],
  array['late', 'absent', 'present', 'half_day', 'present', 'open'],
  'the judged days: late, absent, present, half-day; agent 2 present; the 16th still open');

-- ------------------------------------------------------------ deadlines to file
select is(app.appeal_file_by(tests.day(1, '2026-11-13')), '2026-11-18'::date,
  'closed on Friday 13 November: the weekend does not count, filed by Wednesday 18');
select is(app.appeal_file_by(tests.day(1, '2026-09-24')), '2026-09-30'::date,
  'closed on Thursday 24 September: Mid-Autumn (Friday 25, statutory) and the weekend do not count, filed by Wednesday 30');
select is(app.appeal_file_by(tests.day(1, '2026-09-30')), '2026-10-10'::date,
  'closed on 30 September: National Day (1–7 October) does not count, the make-up Saturday 10 October does');

-- The boundary minute, both sides (site time).
select throws_ok(format('select tests.file(%L, %L, %L, %L)', 'c0000000-0000-4000-8000-000000000002',
    tests.day_id(2, '2026-11-13'), 'I was on time', '2026-11-19 00:00'),
  'CB073', null, 'at 00:00 on Thursday 19 November it is too late');
select is(tests.file('c0000000-0000-4000-8000-000000000002', tests.day_id(2, '2026-11-13'), 'I was on time', '2026-11-18 23:59:59'),
  '2026-11-18 2026-11-25', 'at 23:59:59 on Wednesday 18 it is filed; answer by Wednesday 25 (5 working days)');
select throws_ok(format('select tests.file(%L, %L, %L, %L)', 'c0000000-0000-4000-8000-000000000001',
    tests.day_id(1, '2026-09-30'), 'I had leave approved by phone', '2026-10-11 00:00'),
  'CB073', null, 'on Sunday 11 October the time to appeal the 30 September is over');

-- ------------------------------------------------------------ filing, answer_by
select is(tests.file('c0000000-0000-4000-8000-000000000001', tests.day_id(1, '2026-11-13'),
    'The metro stopped for 40 minutes; the notice is attached', '2026-11-16 09:00'),
  '2026-11-18 2026-11-23', 'filed on Monday 16 November: answer by Monday 23 (across the weekend)');
select is(tests.file('c0000000-0000-4000-8000-000000000001', tests.day_id(1, '2026-09-24'),
    'The terminal queue was long at 9:00', '2026-09-30 23:59'),
  '2026-09-30 2026-10-13', 'filed on 30 September: answer by 13 October (National Day skipped, the make-up Saturday counted)');
select is(tests.file('c0000000-0000-4000-8000-000000000001', tests.day_id(1, '2026-09-30'),
    'I had leave approved by phone', '2026-10-10 10:00'),
  '2026-10-10 2026-10-16', 'filed on the make-up Saturday 10 October, the last day: answer by Friday 16');
select is(
  (select format('%s %s %s %s', a.status, a.filed_by, a.filed_at = tests.t('2026-11-16 09:00'), a.reason)
   from public.attendance_appeals a where a.id = (tests.appeal(1, '2026-11-13')).id),
  'open c0000000-0000-4000-8000-000000000001 t The metro stopped for 40 minutes; the notice is attached',
  'the appeal is open, filed by the agent at the moment, with the reason');

-- ------------------------------------------------------------ refusals to file
select throws_ok(format('select tests.file(%L, %L, %L, %L)', 'c0000000-0000-4000-8000-000000000001',
    tests.day_id(1, '2026-11-16'), 'Still working', '2026-11-16 12:00'),
  'CB073', null, 'a day still open cannot be appealed');
select throws_ok(format('select tests.file(%L, %L, %L, %L)', 'c0000000-0000-4000-8000-000000000001',
    tests.day_id(1, '2026-11-13'), 'Again', '2026-11-17 09:00'),
  'CB073', null, 'a day already appealed cannot be appealed again');
select throws_ok(format('select tests.file(%L, %L, %L, %L)', 'c0000000-0000-4000-8000-000000000001',
    tests.day_id(1, '2026-11-10'), '   ', '2026-11-11 09:00'),
  'CB073', null, 'an appeal needs a reason');
insert into tests.cases (actor, statement, expected, description)
select a.name, format('select public.file_attendance_appeal(%L, ''not mine'')', tests.day_id(1, '2026-11-10')), '42501',
  format('%s cannot appeal the agent''s day', a.name)
from tests.actors a where a.name in ('colleague', 'lead', 'supervisor', 'manager', 'display', 'kiosk');
insert into tests.cases (actor, statement, expected, description) values
  ('agent', format('select public.file_attendance_appeal(%L, ''late'')', tests.day_id(1, '2026-11-10')), 'CB073',
    'the agent through the API, today: the time to appeal 10 November is long over');
select * from tests.check_cases();

-- Withdrawing frees the day for a new appeal while the time lasts.
select tests.keep_as('c0000000-0000-4000-8000-000000000001',
  format('select public.withdraw_attendance_appeal(%L)', (tests.appeal(1, '2026-09-30')).id));
select is((tests.appeal(1, '2026-09-30')).status::text, 'withdrawn', 'the agent withdraws an open appeal');
select is(tests.file('c0000000-0000-4000-8000-000000000001', tests.day_id(1, '2026-09-30'),
    'Leave was approved by phone by my lead on 29 September', '2026-10-10 16:00'),
  '2026-10-10 2026-10-16', 'and files it again, better argued, on the last day');
select throws_ok(format('select tests.run_as(%L, %L)', 'c0000000-0000-4000-8000-000000000002',
    format('select public.withdraw_attendance_appeal(%L)', (tests.appeal(1, '2026-09-30')).id)),
  '42501', null, 'a colleague cannot withdraw it');

-- ------------------------------------------------------------ overdue
select is(tests.overdue('a0000000-0000-4000-8000-000000000002', '2026-10-16 18:00'), array['2026-09-24 3'],
  'on its answer date (Friday 16 October) the appeal of 30 September is not overdue; the one due on the 13th is, by 3 working days');
select is(tests.overdue('a0000000-0000-4000-8000-000000000002', '2026-10-19 09:00'),
  array['2026-09-24 4', '2026-09-30 1'], 'the next working day (Monday 19 October) it is: one working day late');
select is(tests.overdue('a0000000-0000-4000-8000-000000000002', '2026-11-24 09:00'),
  array['2026-09-24 30', '2026-09-30 27', '2026-11-13 1'],
  'on 24 November: three open appeals are late, each by its working days (the one of agent 2 is due on the 25th)');
select throws_ok(format('select tests.overdue(%L, %L)', 'a0000000-0000-4000-8000-000000000003', '2026-11-24 09:00'),
  '42501', null, 'the escalation list is the managers'': a supervisor is refused');
select throws_ok(format('select tests.overdue(%L, %L)', 'c0000000-0000-4000-8000-000000000011', '2026-11-24 09:00'),
  '42501', null, 'and a lead');
select is(tests.outcome('a0000000-0000-4000-8000-000000000001',
  $$select * from public.overdue_attendance_appeals('5a000000-0000-4000-8000-000000000001')
    where agent_id in ('cc000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000002')$$),
  '4', 'today every one of the four open appeals is overdue for an admin');
select is(tests.outcome('a0000000-0000-4000-8000-000000000003',
  $$select * from public.attendance_appeal_inbox('5a000000-0000-4000-8000-000000000001')
    where agent_id in ('cc000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000002') and overdue$$),
  '4', 'the inbox flags them overdue for a supervisor');

-- ------------------------------------------------------------ who answers
insert into tests.cases (actor, statement, expected, description)
select a.name, format('select public.answer_attendance_appeal(%L, false, ''No'')', (tests.appeal(1, '2026-11-13')).id),
  case when a.name in ('supervisor', 'manager', 'admin') then '1' else '42501' end,
  format('%s %s answer an appeal', a.name, case when a.name in ('supervisor', 'manager', 'admin') then 'may' else 'may not' end)
from tests.actors a where a.name <> 'anon';
insert into tests.cases (actor, statement, expected, description) values
  ('supervisor', format('select public.answer_attendance_appeal(%L, true, ''Yes'')', (tests.appeal(1, '2026-11-13')).id),
    'CB074', 'accepting needs the status the day gets'),
  ('supervisor', format('select public.answer_attendance_appeal(%L, true, ''Yes'', ''open'')', (tests.appeal(1, '2026-11-13')).id),
    'CB074', 'a final one'),
  ('supervisor', format('select public.answer_attendance_appeal(%L, false, '' '')', (tests.appeal(1, '2026-11-13')).id),
    'CB074', 'an answer needs words');
select * from tests.check_cases();

-- ------------------------------------------------------------ accepted
select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  format('select public.answer_attendance_appeal(%L, true, %L, ''present'')', (tests.appeal(1, '2026-11-13')).id,
    'Metro line 2 notice confirms a 40-minute stop at 8:30'));
select is(tests.status(1, '2026-11-13'), 'present', 'the accepted appeal changes the day''s result');
select is(
  (select format('%s %s %s', a.status, a.answered_by, a.answer) from public.attendance_appeals a where a.id = (tests.appeal(1, '2026-11-13')).id),
  'accepted a0000000-0000-4000-8000-000000000003 Metro line 2 notice confirms a 40-minute stop at 8:30',
  'the appeal is accepted, with who answered and the answer');
select is(
  (select format('%s %s %s', o.status, o.appeal_id = a.id, o.cleared_at is null)
   from public.attendance_appeals a join public.attendance_overrides o on o.id = a.override_id
   where a.id = (tests.appeal(1, '2026-11-13')).id),
  'present t t', 'through an override linked to the appeal');
select is(
  (select format('%s→%s %s %s %s', c.before ->> 'status', c.after ->> 'status', c.made_by, c.made_at = now(), c.reason)
   from public.attendance_corrections c where c.action = 'appeal_accepted'),
  'half_day→present a0000000-0000-4000-8000-000000000003 t Metro line 2 notice confirms a 40-minute stop at 8:30',
  'audited as appeal_accepted: before, after, who, when, why');
select is(
  (select format('%s→%s', c.before ->> 'status', c.after ->> 'status') from public.attendance_corrections c
   where c.action = 'day_rejudged' and c.appeal_id = (tests.appeal(1, '2026-11-13')).id),
  'half_day→present', 'and the re-judge it caused is linked to the appeal');
select throws_ok(format('select tests.run_as(%L, %L)', 'a0000000-0000-4000-8000-000000000003',
    format('select public.answer_attendance_appeal(%L, false, ''changed my mind'')', (tests.appeal(1, '2026-11-13')).id)),
  'CB074', null, 'an answered appeal is not answered again');

-- ------------------------------------------------------------ rejected
select tests.keep_as('a0000000-0000-4000-8000-000000000002',
  format('select public.answer_attendance_appeal(%L, false, %L)', (tests.appeal(1, '2026-09-24')).id,
    'The terminal log shows no queue at 9:00'));
select is(tests.status(1, '2026-09-24'), 'late', 'a rejected appeal keeps the result');
select is(
  (select format('%s %s %s', a.status, a.override_id is null, a.answer) from public.attendance_appeals a
   where a.id = (tests.appeal(1, '2026-09-24')).id),
  'rejected t The terminal log shows no queue at 9:00', 'with the reason, and no override');
select is(
  (select format('%s=%s %s %s', c.before ->> 'status', c.after ->> 'status', c.made_by, c.reason)
   from public.attendance_corrections c where c.action = 'appeal_rejected'),
  'late=late a0000000-0000-4000-8000-000000000002 The terminal log shows no queue at 9:00',
  'audited as appeal_rejected');
select is((select count(*)::int from public.attendance_corrections c where c.work_date = '2026-09-24' and c.action = 'day_rejudged'),
  0, 'nothing re-judged');
select throws_ok(format('select tests.file(%L, %L, %L, %L)', 'c0000000-0000-4000-8000-000000000001',
    tests.day_id(1, '2026-09-24'), 'Please look again', '2026-09-30 23:59:30'),
  'CB073', null, 'a rejected appeal is answered: the day cannot be appealed again');

-- ------------------------------------------------------------ a locked month
select tests.keep_as('a0000000-0000-4000-8000-000000000002',
  $$select public.lock_attendance_month('5a000000-0000-4000-8000-000000000001', '2026-11-01')$$);
select throws_ok(format('select tests.run_as(%L, %L)', 'a0000000-0000-4000-8000-000000000003',
    format('select public.answer_attendance_appeal(%L, true, ''ok'', ''present'')', (tests.appeal(2, '2026-11-13')).id)),
  'CB070', null, 'in a locked month a supervisor cannot answer');
select tests.keep_as('a0000000-0000-4000-8000-000000000002',
  format('select public.answer_attendance_appeal(%L, false, %L)', (tests.appeal(2, '2026-11-13')).id,
    'Present already: nothing to change'));
select is((tests.appeal(2, '2026-11-13')).status::text, 'rejected', 'a manager can');
select is(
  (select format('%s %s %s', c.agent_id, c.work_date, c.made_by) from public.attendance_corrections c
   where c.action = 'locked_month_changed'),
  'cc000000-0000-4000-8000-000000000002 2026-11-13 a0000000-0000-4000-8000-000000000002',
  'and it is recorded as a change to a locked month');

-- The navigation badge: open appeals for those who answer them, nothing for others.
create function tests.waiting(actor uuid) returns integer language plpgsql as $$
declare
  n integer;
begin
  perform set_config('request.jwt.claims', json_build_object('sub', actor, 'role', 'authenticated')::text, true);
  n := public.attendance_appeals_waiting('5a000000-0000-4000-8000-000000000001');
  perform set_config('request.jwt.claims', '{}', true);
  return n;
end;
$$;
select is(tests.waiting('a0000000-0000-4000-8000-000000000003'),
  (select count(*)::int from public.attendance_appeals where site_id = '5a000000-0000-4000-8000-000000000001' and status = 'open'),
  'a supervisor''s badge counts the site''s open appeals');
select is((select count(*)::int from public.attendance_appeals where agent_id = 'cc000000-0000-4000-8000-000000000001' and status = 'open'),
  1, 'one of them is the test agent''s (30 September, filed again)');
select is(array[tests.waiting('c0000000-0000-4000-8000-000000000011'), tests.waiting('c0000000-0000-4000-8000-000000000001'),
    tests.waiting('a0000000-0000-4000-8000-000000000004')],
  array[0, 0, 0], 'a lead, an agent and a display have none to answer');

-- ------------------------------------------------------------ who reads appeals
-- agent 1: three (24 Sep, 30 Sep twice: withdrawn and open, 13 Nov) = 4; agent 2: one.
insert into tests.matrix (op, what, statement, expected) values
  ('select', 'the test team''s appeals',
    $$select * from attendance_appeals where agent_id in ('cc000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000002')$$,
    '{4,1,5,0,5,5,5,0,0,0,0,0}'),
  ('select', 'the test team''s appeals in the inbox, answered too',
    $$select * from attendance_appeal_inbox('5a000000-0000-4000-8000-000000000001', true)
      where agent_id in ('cc000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000002')$$,
    '{4,1,5,0,5,5,5,0,0,0,0,42501}'),
  ('insert', 'an appeal directly',
    format($f$insert into attendance_appeals (site_id, agent_id, day_id, work_date, reason, file_by, answer_by)
      values ('5a000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000001', %L, '2026-11-10', 'x',
        '2026-11-13', '2026-11-20')$f$, tests.day_id(1, '2026-11-10')),
    '{42501,42501,42501,42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('update', 'an appeal directly',
    $$update attendance_appeals set status = 'accepted' where agent_id = 'cc000000-0000-4000-8000-000000000001'$$,
    '{0,0,0,0,0,0,0,0,0,0,0,0}'),
  ('select', 'the overrides placed by appeals',
    $$select * from attendance_overrides where agent_id = 'cc000000-0000-4000-8000-000000000001'$$,
    '{1,0,1,0,1,1,1,0,0,0,0,0}');
select * from tests.check_matrix();

select * from finish();
rollback;
