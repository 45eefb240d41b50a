-- Attendance corrections and month locks (20261207130000, 20261207130100):
-- a supervisor adds, moves and voids punches and overrides a day's status;
-- each change is one audit row (who, when, before, after, why), keeps the
-- original (a moved punch is voided and replaced, a cleared override stays)
-- and re-judges the closed day through the engine, which records the result
-- it changed. Who may correct (supervisors, managers, admins; not agents,
-- leads, displays, kiosks, QA or analysts), who reads the audit, and month
-- locks: a locked month refuses supervisors and records a manager's change.
begin;
select plan(127);

\ir test-helpers.psql

-- ------------------------------------------------------------ fixture
-- A team of its own (the seed's demo schedules never meet it): its lead,
-- two agents with logins, and a kiosk tablet of the site.
insert into public.teams (id, site_id, name, kind)
values ('7c000000-0000-4000-8000-0000000000c1', '5a000000-0000-4000-8000-000000000001', 'Corrections test team', 'inbound');
insert into auth.users (id, aud, role, email)
select id::uuid, 'authenticated', 'authenticated', email
from (values
  ('c0000000-0000-4000-8000-000000000001', 'fix-agent1@test.local'),
  ('c0000000-0000-4000-8000-000000000002', 'fix-agent2@test.local'),
  ('c0000000-0000-4000-8000-000000000011', 'fix-lead@test.local'),
  ('c0000000-0000-4000-8000-000000000007', 'fix-kiosk@test.local')
) as u (id, email);
insert into public.agents (id, site_id, team_id, user_id, display_name, employee_no) values
  ('cc000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000c1',
   'c0000000-0000-4000-8000-000000000001', '测试员工一', 'T901'),
  ('cc000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000c1',
   'c0000000-0000-4000-8000-000000000002', '测试员工二', 'T902');
insert into public.members (user_id, site_id, team_id, role) values
  ('c0000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000c1', 'agent'),
  ('c0000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000c1', 'agent'),
  ('c0000000-0000-4000-8000-000000000011', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000c1', 'lead'),
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

-- Site-local time in Shanghai.
create function tests.t(local text) returns timestamptz language sql as $$
  select local::timestamp at time zone 'Asia/Shanghai'
$$;
create function tests.day_id(agent_no integer, day date) returns uuid language sql as $$
  select d.id from public.attendance_days d
  where d.agent_id = ('cc000000-0000-4000-8000-00000000000' || agent_no)::uuid and d.work_date = day
$$;
create function tests.status(agent_no integer, day date) returns text language sql as $$
  select d.status::text || coalesce(' ' || d.late_min, '') from public.attendance_days d
  where d.id = tests.day_id(agent_no, day)
$$;
create function tests.punch(agent_no integer, local text) returns uuid language sql as $$
  select p.id from public.punches p
  where p.agent_id = ('cc000000-0000-4000-8000-00000000000' || agent_no)::uuid and p.punched_at = tests.t(local)
$$;

-- The week of Monday 9 November 2026, published: agent 1 works 9:00–18:00
-- Tuesday to Thursday, agent 2 on Tuesday.
insert into public.schedules (id, site_id, team_id, week_start, version)
values ('5c000000-0000-4000-8000-0000000000c1', '5a000000-0000-4000-8000-000000000001',
  '7c000000-0000-4000-8000-0000000000c1', '2026-11-09', 1);
insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
select '5a000000-0000-4000-8000-000000000001', '5c000000-0000-4000-8000-0000000000c1', agent::uuid, day::date, '09:00', '18:00'
from (values
  ('cc000000-0000-4000-8000-000000000001', '2026-11-10'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-11'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-12'),
  ('cc000000-0000-4000-8000-000000000002', '2026-11-10')
) as s (agent, day);
update public.schedules set status = 'published' where id = '5c000000-0000-4000-8000-0000000000c1';

-- The terminal's punches: Tuesday 12 minutes late, Wednesday no check-out
-- (the terminal failed), Thursday on time; agent 2 on time on Tuesday.
insert into public.punches (site_id, agent_id, punched_at, direction, source, device)
select '5a000000-0000-4000-8000-000000000001', agent::uuid, tests.t(at), dir::public.punch_direction, 'terminal', 'gate-1'
from (values
  ('cc000000-0000-4000-8000-000000000001', '2026-11-10 09:12:30', 'in'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-10 18:02', 'out'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-11 08:55', 'in'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-12 08:50', 'in'),
  ('cc000000-0000-4000-8000-000000000001', '2026-11-12 18:05', 'out'),
  ('cc000000-0000-4000-8000-000000000002', '2026-11-10 08:57', 'in'),
  ('cc000000-0000-4000-8000-000000000002', '2026-11-10 18:01', 'out')
) as p (agent, at, dir);
select app.judge_attendance('5a000000-0000-4000-8000-000000000001',
  '{cc000000-0000-4000-8000-000000000001,cc000000-0000-4000-8000-000000000002}', '2026-11-10', '2026-11-12');
select public.close_attendance_days(tests.t('2026-11-13 12:00'));

select is(
  array[tests.status(1, '2026-11-10'), tests.status(1, '2026-11-11'), tests.status(1, '2026-11-12')],
  array['late 12', 'missing_punch 0', 'present 0'],
  'the engine''s results before any correction: late 12 minutes, a missing punch, present');
select is((select count(*)::int from public.attendance_days d
           where d.agent_id = 'cc000000-0000-4000-8000-000000000001' and d.closed_at is not null),
  3, 'the three days are closed');

-- ------------------------------------------------------------ who may correct
-- Each call is undone after it (tests.run_as), so every actor meets the same day.
insert into tests.cases (actor, statement, expected, description)
select a.name, c.statement, case when a.name in ('supervisor', 'manager', 'admin') then '1' else '42501' end,
  format('%s: %s %s', a.name, c.what, case when a.name in ('supervisor', 'manager', 'admin') then 'is allowed' else 'is refused' end)
from tests.actors a
cross join (values
  (1, 'add a punch',
    $$select public.add_punch('cc000000-0000-4000-8000-000000000001', '2026-11-11 18:00+08', 'out', 'terminal down')$$),
  (2, 'move a punch',
    format($f$select public.move_punch(%L, '2026-11-10 08:59+08', 'terminal clock fast')$f$, tests.punch(1, '2026-11-10 09:12:30'))),
  (3, 'void a punch',
    format($f$select public.void_punch(%L, 'double punch')$f$, tests.punch(1, '2026-11-12 18:05'))),
  (4, 'override a day',
    format($f$select public.override_attendance_day(%L, 'present', null, 'traffic accident, proof shown')$f$, tests.day_id(1, '2026-11-10')))
) as c (ord, what, statement)
where a.name <> 'anon'
order by c.ord, a.ord;
select * from tests.check_cases();
select throws_ok($$select tests.run_as(null, 'select public.add_punch(''cc000000-0000-4000-8000-000000000001'', now() - interval ''1 hour'', null, ''x'')')$$,
  '42501', null, 'anon cannot execute add_punch');

-- ------------------------------------------------------------ add a punch
select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  $$select public.add_punch('cc000000-0000-4000-8000-000000000001', '2026-11-11 18:00+08', 'out',
    'Terminal at gate 1 was down at 18:00; checked on the camera')$$);
select is(
  (select format('%s %s %s', p.source, p.direction, p.created_by) from public.punches p where p.id = tests.punch(1, '2026-11-11 18:00')),
  'correction out a0000000-0000-4000-8000-000000000003', 'the added punch is a correction, made by the supervisor');
select is(
  (select jsonb_build_object('who', c.made_by, 'when', c.made_at = now(), 'before', c.before,
     'after', c.after ->> 'punched_at', 'source', c.after ->> 'source', 'why', c.reason, 'date', c.work_date)
   from public.attendance_corrections c where c.action = 'punch_added'),
  jsonb_build_object('who', 'a0000000-0000-4000-8000-000000000003', 'when', true, 'before', null,
    'after', to_jsonb(tests.t('2026-11-11 18:00')) #>> '{}', 'source', 'correction',
    'why', 'Terminal at gate 1 was down at 18:00; checked on the camera', 'date', '2026-11-11'),
  'punch_added is audited: who, when, no before, the punch after, why, the work date');
select is(tests.status(1, '2026-11-11'), 'present 0', 'the closed day is re-judged: present');
select is(
  (select format('%s→%s %s', c.before ->> 'status', c.after ->> 'status', c.punch_id = tests.punch(1, '2026-11-11 18:00'))
   from public.attendance_corrections c where c.action = 'day_rejudged' and c.work_date = '2026-11-11'),
  'missing_punch→present t', 'the change of result is recorded too, linked to the punch that caused it');
select is((select count(*)::int from public.attendance_corrections c where c.work_date = '2026-11-10'), 0,
  'the other days, unchanged, have no audit rows');

-- ------------------------------------------------------------ move a punch
select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  format($f$select public.move_punch(%L, '2026-11-10 08:58+08',
    'Terminal clock was 15 minutes fast that morning')$f$, tests.punch(1, '2026-11-10 09:12:30')));
select is(
  (select format('%s %s', p.voided_at is not null, p.void_reason) from public.punches p
   where p.punched_at = tests.t('2026-11-10 09:12:30')),
  't Terminal clock was 15 minutes fast that morning', 'the original punch is kept, voided, with the reason');
select is(
  (select format('%s %s %s', p.source, p.direction, p.replaces = (select o.id from public.punches o where o.punched_at = tests.t('2026-11-10 09:12:30')))
   from public.punches p where p.id = tests.punch(1, '2026-11-10 08:58')),
  'correction in t', 'the replacement is a correction punch pointing at the original, same direction');
select is(
  (select format('%s → %s by %s: %s', c.before ->> 'punched_at', c.after ->> 'punched_at', c.made_by, c.reason)
   from public.attendance_corrections c where c.action = 'punch_moved'),
  format('%s → %s by a0000000-0000-4000-8000-000000000003: Terminal clock was 15 minutes fast that morning',
    to_jsonb(tests.t('2026-11-10 09:12:30')) #>> '{}', to_jsonb(tests.t('2026-11-10 08:58')) #>> '{}'),
  'punch_moved is audited with the original before and the replacement after');
select is(tests.status(1, '2026-11-10'), 'present 0', 'the day is re-judged on time');
select is(
  (select format('%s %s→%s', c.before ->> 'late_min', c.before ->> 'status', c.after ->> 'status')
   from public.attendance_corrections c where c.action = 'day_rejudged' and c.work_date = '2026-11-10'),
  '12 late→present', 'the result''s change is recorded: late 12 minutes before, present after');

-- ------------------------------------------------------------ void a punch
select tests.keep_as('a0000000-0000-4000-8000-000000000002',
  format($f$select public.void_punch(%L, 'Badge used by a colleague at 18:05')$f$, tests.punch(1, '2026-11-12 18:05')));
select is(
  (select format('%s %s %s', p.voided_at is not null, p.voided_by, p.void_reason) from public.punches p
   where p.punched_at = tests.t('2026-11-12 18:05')),
  't a0000000-0000-4000-8000-000000000002 Badge used by a colleague at 18:05', 'a voided punch stays, with who and why');
select is(
  (select format('%s→%s', c.before ->> 'voided', c.after ->> 'voided') from public.attendance_corrections c
   where c.action = 'punch_voided'),
  'false→true', 'punch_voided is audited');
select is(tests.status(1, '2026-11-12'), 'missing_punch 0', 'without its check-out the day is a missing punch');

-- ------------------------------------------------------------ refusals
insert into tests.cases (actor, statement, expected, description) values
  ('supervisor', $$select public.add_punch('cc000000-0000-4000-8000-000000000001', '2026-11-12 18:00+08', 'out', '  ')$$,
    'CB072', 'a correction without a reason is refused'),
  ('supervisor', $$select public.add_punch('cc000000-0000-4000-8000-000000000001', now() + interval '1 hour', 'in', 'early')$$,
    'CB072', 'a punch in the future is refused'),
  ('supervisor', $$select public.add_punch('cc000000-0000-4000-8000-000000000001', '2026-11-12 08:50+08', 'in', 'again')$$,
    'CB072', 'a second live punch at the same instant is refused'),
  ('supervisor', format($f$select public.void_punch(%L, 'again')$f$, tests.punch(1, '2026-11-12 18:05')),
    'CB072', 'a voided punch cannot be voided again'),
  ('supervisor', format($f$select public.move_punch(%L, '2026-11-12 18:00+08', 'again')$f$, tests.punch(1, '2026-11-12 18:05')),
    'CB072', 'a voided punch cannot be moved'),
  ('supervisor', format($f$select public.override_attendance_day(%L, 'open', null, 'reopen')$f$, tests.day_id(1, '2026-11-12')),
    'CB072', 'a day cannot be overridden to open'),
  ('supervisor', format($f$select public.override_attendance_day(%L, 'present', -5, 'refund')$f$, tests.day_id(1, '2026-11-12')),
    'CB072', 'a negative deduction is refused'),
  ('supervisor', $$select public.add_punch('ab000000-0000-4000-8000-000000000201', '2026-11-12 18:00+08', 'out', 'x')$$,
    '42501', 'an unknown agent (another site''s) is refused like one the caller may not correct');
select * from tests.check_cases();

-- ------------------------------------------------------------ override and clear
select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  format($f$select public.override_attendance_day(%L, 'present', null,
    'Left through the back door, terminal there is broken; lead confirms')$f$, tests.day_id(1, '2026-11-12')));
select is(tests.status(1, '2026-11-12'), 'present 0', 'the override decides the day');
select is(
  (select format('%s %s %s', o.status, o.made_by, o.cleared_at is null) from public.attendance_overrides o
   where o.agent_id = 'cc000000-0000-4000-8000-000000000001' and o.work_date = '2026-11-12'),
  'present a0000000-0000-4000-8000-000000000003 t', 'the override is stored with who made it');
select is(
  (select format('%s→%s: %s', c.before ->> 'status', c.after ->> 'status', c.reason)
   from public.attendance_corrections c where c.action = 'status_overridden'),
  'missing_punch→present: Left through the back door, terminal there is broken; lead confirms',
  'status_overridden is audited with the day''s result before');
select is(
  (select count(*)::int from public.attendance_corrections c
   where c.action = 'day_rejudged' and c.work_date = '2026-11-12'
     and c.override_id = (select o.id from public.attendance_overrides o where o.work_date = '2026-11-12')),
  1, 'the re-judge caused by the override is linked to it');

-- A second override replaces the first (which is cleared, kept).
select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  format($f$select public.override_attendance_day(%L, 'half_day', 50, 'Left at 14:00 after all')$f$, tests.day_id(1, '2026-11-12')));
select is(
  (select array_agg(format('%s %s', o.status, o.cleared_at is null) order by o.made_at, o.cleared_at nulls last)
   from public.attendance_overrides o where o.work_date = '2026-11-12'),
  array['present f', 'half_day t'], 'a new override replaces the one in force, which is kept cleared');
select is((select d.status::text || ' ' || d.deduction from public.attendance_days d where d.id = tests.day_id(1, '2026-11-12')),
  'half_day 50.00', 'with its own deduction');

select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  $$select public.clear_attendance_override(
      (select o.id from public.attendance_overrides o where o.work_date = '2026-11-12' and o.cleared_at is null),
      'Wrong day: she left at 14:00 on Friday')$$);
select is(tests.status(1, '2026-11-12'), 'missing_punch 0', 'clearing returns the day to the engine''s result');
select is(
  (select format('%s %s', count(*), count(*) filter (where o.cleared_at is not null)) from public.attendance_overrides o
   where o.work_date = '2026-11-12'),
  '2 2', 'cleared overrides are kept');
select is(
  (select format('%s %s→%s %s', c.before ->> 'status', c.before ->> 'cleared', c.after ->> 'cleared', c.reason)
   from public.attendance_corrections c where c.action = 'override_cleared'),
  'half_day false→true Wrong day: she left at 14:00 on Friday', 'override_cleared is audited');
select throws_ok(
  format('select tests.run_as(%L, %L)', 'a0000000-0000-4000-8000-000000000003',
    format('select public.clear_attendance_override(%L, ''again'')',
      (select o.id from public.attendance_overrides o where o.work_date = '2026-11-12' and o.status = 'half_day'))),
  'CB072', null, 'an override cleared already cannot be cleared again');

-- ------------------------------------------------------------ every audit row is complete
select is(
  (select count(*)::int from public.attendance_corrections c
   where c.agent_id = 'cc000000-0000-4000-8000-000000000001'
     and (c.made_by is null or c.made_at is null or length(btrim(c.reason)) = 0
          or (c.before is null and c.action <> 'punch_added') or c.after is null)),
  0, 'every audit row says who, when, before (but for an added punch), after and why');

-- ------------------------------------------------------------ who reads the audit
insert into tests.matrix (op, what, statement, expected)
select 'select', 'the agent''s audit rows',
  $$select * from attendance_corrections where agent_id = 'cc000000-0000-4000-8000-000000000001'$$,
  array[n, '0', n, '0', n, n, n, '0', '0', '0', '0', '0']
from (select count(*)::text as n from public.attendance_corrections where agent_id = 'cc000000-0000-4000-8000-000000000001') c;
select * from tests.check_matrix();
select is(tests.outcome('c0000000-0000-4000-8000-000000000001',
  $$select * from public.attendance_day_audit('cc000000-0000-4000-8000-000000000001', '2026-11-10')$$),
  '2', 'the agent reads their day''s trail through attendance_day_audit (the move and the result it changed)');
select throws_ok($$select tests.run_as('c0000000-0000-4000-8000-000000000002',
  'select * from public.attendance_day_audit(''cc000000-0000-4000-8000-000000000001'', ''2026-11-10'')')$$,
  '42501', null, 'a colleague cannot');

-- The day page's punches: those counted for the date, the voided original too.
select is(
  (select array_agg(format('%s %s %s', to_char(p.punched_at at time zone 'Asia/Shanghai', 'HH24:MI:SS'), p.source,
     p.voided_at is not null) order by p.punched_at)
   from public.attendance_day_punches('cc000000-0000-4000-8000-000000000001', '2026-11-10') p),
  array['08:58:00 correction f', '09:12:30 terminal t', '18:02:00 terminal f'],
  'attendance_day_punches gives the day''s punches, the voided original beside its replacement');
select is(tests.outcome('c0000000-0000-4000-8000-000000000011',
  $$select * from public.attendance_day_punches('cc000000-0000-4000-8000-000000000001', '2026-11-10')$$),
  '3', 'the team''s lead reads them');
select is(tests.outcome('a0000000-0000-4000-8000-000000000011',
  $$select * from public.attendance_day_punches('cc000000-0000-4000-8000-000000000001', '2026-11-10')$$),
  '0', 'another team''s lead reads none');

-- ------------------------------------------------------------ month locks
insert into tests.cases (actor, statement, expected, description) values
  ('supervisor', $$select public.lock_attendance_month('5a000000-0000-4000-8000-000000000001', '2026-11-01')$$,
    '42501', 'a supervisor cannot lock a month'),
  ('lead', $$select public.lock_attendance_month('5a000000-0000-4000-8000-000000000001', '2026-11-01')$$,
    '42501', 'nor a lead'),
  ('manager', $$select public.lock_attendance_month('5a000000-0000-4000-8000-000000000001', now()::date + 62)$$,
    'CB071', 'a month that has not begun cannot be locked'),
  ('manager', $$select public.unlock_attendance_month('5a000000-0000-4000-8000-000000000001', '2026-11-01', 'x')$$,
    'CB071', 'an open month cannot be unlocked');
select * from tests.check_cases();

select tests.keep_as('a0000000-0000-4000-8000-000000000002',
  $$select public.lock_attendance_month('5a000000-0000-4000-8000-000000000001', '2026-11-17', 'November payroll run')$$);
select is(
  (select format('%s %s', l.month, l.locked_by) from public.attendance_month_locks l
   where l.site_id = '5a000000-0000-4000-8000-000000000001'),
  '2026-11-01 a0000000-0000-4000-8000-000000000002', 'any day of a month locks the month, recorded with who');
select is(
  (select format('%s %s %s→%s %s', c.agent_id is null, c.work_date, c.before ->> 'locked', c.after ->> 'locked', c.reason)
   from public.attendance_corrections c where c.action = 'month_locked'),
  't 2026-11-01 false→true November payroll run', 'month_locked is audited');
select throws_ok($$select tests.run_as('a0000000-0000-4000-8000-000000000002',
  'select public.lock_attendance_month(''5a000000-0000-4000-8000-000000000001'', ''2026-11-01'')')$$,
  'CB071', null, 'a locked month is not locked twice');

insert into tests.cases (actor, statement, expected, description) values
  ('supervisor', $$select public.add_punch('cc000000-0000-4000-8000-000000000001', '2026-11-12 18:00+08', 'out', 'late fix')$$,
    'CB070', 'a locked month refuses a supervisor''s punch'),
  ('supervisor', format($f$select public.void_punch(%L, 'late fix')$f$, tests.punch(1, '2026-11-12 08:50')),
    'CB070', 'and a void'),
  ('supervisor', format($f$select public.override_attendance_day(%L, 'present', null, 'late fix')$f$, tests.day_id(1, '2026-11-12')),
    'CB070', 'and an override'),
  ('admin', $$select public.add_punch('cc000000-0000-4000-8000-000000000002', '2026-11-10 12:00+08', null, 'late fix')$$,
    '1', 'an admin may still correct');
select * from tests.check_cases();

select tests.keep_as('a0000000-0000-4000-8000-000000000002',
  $$select public.add_punch('cc000000-0000-4000-8000-000000000001', '2026-11-12 18:00+08', 'out',
    'Payroll dispute settled: she left at 18:00')$$);
select is(tests.status(1, '2026-11-12'), 'present 0', 'a manager''s change to a locked month is made');
select is(
  (select format('%s %s %s %s', c.made_by, c.work_date, c.before ->> 'month', c.reason)
   from public.attendance_corrections c where c.action = 'locked_month_changed'),
  'a0000000-0000-4000-8000-000000000002 2026-11-12 2026-11-01 Payroll dispute settled: she left at 18:00',
  'and recorded as locked_month_changed: who, the day, the lock, why');
select is(
  (select array_agg(x.action order by x.action) from public.attendance_corrections x
   where x.work_date = '2026-11-12' and x.reason = 'Payroll dispute settled: she left at 18:00'),
  array['day_rejudged', 'locked_month_changed', 'punch_added'], 'next to the change itself and the result it changed');
select is(app.require_month_open('5a000000-0000-4000-8000-000000000001', '2026-12-01'), false,
  'an open month passes the guard and records nothing');

select throws_ok($$select tests.run_as('a0000000-0000-4000-8000-000000000002',
  'select public.unlock_attendance_month(''5a000000-0000-4000-8000-000000000001'', ''2026-11-01'', '' '')')$$,
  'CB071', null, 'unlocking needs a reason');
select throws_ok($$select tests.run_as('a0000000-0000-4000-8000-000000000003',
  'select public.unlock_attendance_month(''5a000000-0000-4000-8000-000000000001'', ''2026-11-01'', ''why not'')')$$,
  '42501', null, 'a supervisor cannot unlock');
select tests.keep_as('a0000000-0000-4000-8000-000000000002',
  $$select public.unlock_attendance_month('5a000000-0000-4000-8000-000000000001', '2026-11-01', 'Payroll reopened for a late sick note')$$);
select is(
  (select format('%s→%s %s %s', c.before ->> 'locked', c.after ->> 'locked', c.before ->> 'locked_by', c.reason)
   from public.attendance_corrections c where c.action = 'month_unlocked'),
  'true→false a0000000-0000-4000-8000-000000000002 Payroll reopened for a late sick note',
  'month_unlocked is audited with the lock it removed');
select is(tests.outcome('a0000000-0000-4000-8000-000000000003',
  format($f$select public.void_punch(%L, 'unlocked again')$f$, tests.punch(1, '2026-11-12 08:50'))),
  '1', 'an unlocked month takes a supervisor''s corrections again');

-- Site-wide rows (locks) are for the site's staff, not agents or leads.
insert into tests.matrix (op, what, statement, expected) values
  ('select', 'the site''s month-lock audit rows',
    $$select * from attendance_corrections where action in ('month_locked', 'month_unlocked')$$,
    '{0,0,0,0,2,2,2,0,0,0,0,0}');
delete from tests.matrix where what = 'the agent''s audit rows';
select * from tests.check_matrix();

select * from finish();
rollback;
