-- Attendance policy editing (20261207180000): who may save a version (the
-- site's managers and admins; not its agents, leads, supervisors, displays,
-- kiosks or analysts, nor another site's manager), every value refused with
-- its rule, the version in force switching at its date (the day before
-- judged with the old grace, the day itself and after with the new), open
-- days re-judged, closed days untouched and never claimed by a version
-- dated before today, a version replaced on its own date, the audit row of
-- each save, and the versions list.
--
-- Time: the engine and the save read now(). The site's time zone is chosen
-- so that it is afternoon there (12:00–19:59) whenever the test runs; a
-- shift 01:00–03:00 today has then closed its check-out window (04:00) and
-- one 22:00–23:00 today is still ahead.
begin;
select plan(93);

\ir test-helpers.psql

-- ------------------------------------------------------------ fixture
create table tests.clock as
select tz, (now() at time zone tz)::date as today
from (values ('Etc/GMT+8'), ('UTC'), ('Etc/GMT-8')) as v(tz)
where extract(hour from now() at time zone tz) between 12 and 19;
create function tests.today() returns date language sql stable as $$ select today from tests.clock $$;
create function tests.at(day date, local text) returns timestamptz language sql stable as $$
  select (day + local::time) at time zone (select tz from tests.clock)
$$;

insert into public.sites (id, name, time_zone, rest_weekdays)
select 'f5000000-0000-4000-8000-000000000059', 'Policy editing test', tz, '{}' from tests.clock;
insert into public.teams (id, site_id, name)
values ('f7000000-0000-4000-8000-000000000059', 'f5000000-0000-4000-8000-000000000059', 'Policy team');
create function tests.site() returns uuid language sql immutable as $$ select 'f5000000-0000-4000-8000-000000000059'::uuid $$;
create function tests.ag(n integer) returns uuid language sql immutable as $$
  select ('fa000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid
$$;
insert into auth.users (id, aud, role, email)
select ('f0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 'authenticated', 'authenticated', name || '@policy.test'
from (values (1, 'manager'), (2, 'admin'), (3, 'supervisor'), (4, 'lead'), (5, 'agent'), (6, 'display'), (7, 'kiosk'),
  (8, 'analyst')) as u (n, name);
insert into public.agents (id, site_id, team_id, user_id, display_name, employee_no)
select tests.ag(n), tests.site(), 'f7000000-0000-4000-8000-000000000059',
  case when n = 1 then 'f0000000-0000-4000-8000-000000000005'::uuid end, 'P' || n, 'P' || n
from generate_series(1, 4) n;
insert into public.members (user_id, site_id, team_id, role)
select ('f0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, tests.site(),
  case when role in ('lead', 'agent') then 'f7000000-0000-4000-8000-000000000059'::uuid end, role::public.app_role
from (values (1, 'manager'), (2, 'admin'), (3, 'supervisor'), (4, 'lead'), (5, 'agent'), (6, 'display'), (7, 'kiosk'),
  (8, 'analyst')) as u (n, role);
update auth.users set raw_user_meta_data = '{"display_name": "Policy Manager"}'
where id = 'f0000000-0000-4000-8000-000000000001';
insert into tests.actors (ord, name, id)
select n, name, ('f0000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid
from (values (1, 'manager'), (2, 'admin'), (3, 'supervisor'), (4, 'lead'), (5, 'agent'), (6, 'display'), (7, 'kiosk'),
  (8, 'analyst')) as u (n, name);
-- The demo site's manager: a manager, of another site.
insert into tests.actors (ord, name, id) values (9, 'other site manager', 'a0000000-0000-4000-8000-000000000002'),
  (10, 'anon', null);

-- The site's own policy (version 1 from 2000-01-01, product defaults: grace
-- 5, late to 30, half-day to 120) with deductions set.
update public.attendance_policies set deduction_late = 20, deduction_half_day = 100, deduction_absent = 200
where site_id = tests.site();

-- Shifts 09:00–18:00 without breaks; the agent comes in at 09:08:30 (8
-- whole minutes late) and leaves at 18:00.
--   agent 1: days today−10, −9, −8 (open);
--   agent 2: today−20, closed below;
--   agents 3 and 4: today 01:00–03:00, in at 01:08:30 (3 closed below, 4 left open).
insert into public.site_calendar_years (site_id, year, source)
select distinct tests.site(), extract(year from d)::integer, 'test'
from generate_series(tests.today() - 21, tests.today() + 1, interval '1 day') as d;
insert into public.schedules (id, site_id, team_id, week_start, version)
select gen_random_uuid(), tests.site(), 'f7000000-0000-4000-8000-000000000059', w::date, 1
from generate_series(date_trunc('week', (tests.today() - 21)::timestamp), date_trunc('week', tests.today()::timestamp),
  interval '7 days') as w;
create function tests.shift(n integer, day date, starts text, ends text) returns void language sql as $$
  insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at, breaks)
  select tests.site(), s.id, tests.ag(n), day, starts::time, ends::time, '[]'
  from public.schedules s where s.site_id = tests.site() and s.week_start = date_trunc('week', day::timestamp)::date
$$;
select tests.shift(1, tests.today() - d, '09:00', '18:00') from generate_series(8, 10) d;
select tests.shift(2, tests.today() - 20, '09:00', '18:00');
select tests.shift(n, tests.today(), '01:00', '03:00') from generate_series(3, 4) n;
update public.schedules set status = 'published' where site_id = tests.site();
insert into public.punches (site_id, agent_id, punched_at, source)
select tests.site(), tests.ag(1), tests.at(tests.today() - d, t), 'terminal'
from generate_series(8, 10) d cross join (values ('09:08:30'), ('18:00')) as v(t);
insert into public.punches (site_id, agent_id, punched_at, source) values
  (tests.site(), tests.ag(2), tests.at(tests.today() - 20, '09:08:30'), 'terminal'),
  (tests.site(), tests.ag(2), tests.at(tests.today() - 20, '18:00'), 'terminal');
insert into public.punches (site_id, agent_id, punched_at, source)
select tests.site(), tests.ag(n), tests.at(tests.today(), t), 'terminal'
from generate_series(3, 4) n cross join (values ('01:08:30'), ('03:00')) as v(t);

-- Closed as close_attendance_days would close it (tested in 50), for this
-- agent alone: the others stay open.
update public.attendance_days set closed_at = now() where agent_id = tests.ag(2);

-- A judged day in short: status, late minutes, deduction, policy version.
create function tests.day(n integer, day date) returns text language sql stable as $$
  select format('%s %s %s v%s', d.status, d.late_min, d.deduction, p.version)
  from public.attendance_days d join public.attendance_policies p on p.id = d.policy_id
  where d.agent_id = tests.ag(n) and d.work_date = day
$$;
create function tests.versions() returns bigint language sql stable as $$
  select count(*) from public.attendance_policies where site_id = tests.site()
$$;
create function tests.audits() returns bigint language sql stable as $$
  select count(*) from public.attendance_corrections where site_id = tests.site() and action = 'policy_saved'
$$;
-- A save as the manager (kept).
create function tests.save(day date, policy jsonb, actor text default 'manager') returns void language sql as $$
  select tests.keep_as(tests.actor(actor), format('select public.save_attendance_policy(%L, %L, %L)',
    tests.site(), day, policy))
$$;
-- A refused save: its SQLSTATE and the JSON detail (the rule the page words).
create function tests.refusal(day date, policy jsonb, actor text default 'manager', reason text default null)
returns jsonb language plpgsql as $$
declare
  state text;
  detail text;
begin
  perform tests.run_as(tests.actor(actor), format('select public.save_attendance_policy(%L, %L, %L, %L)',
    tests.site(), day, policy, reason));
  return null;
exception when others then
  get stacked diagnostics state = returned_sqlstate, detail = pg_exception_detail;
  return jsonb_build_object('code', state) || coalesce(nullif(detail, '')::jsonb, '{}');
end;
$$;

select is(tests.day(1, tests.today() - 10), 'late 8 20.00 v1', 'fixture: 09:08:30 with the default 5-minute grace is late');
select is(tests.day(2, tests.today() - 20), 'late 8 20.00 v1', 'fixture: the closed day was judged late too');
select is(tests.day(4, tests.today()), 'late 8 20.00 v1', 'fixture: today''s 01:00 shift, window passed, late');

-- ------------------------------------------------------------ who
select is(tests.refusal(tests.today() + 7, '{"grace_min": 10}', a.name) ->> 'code', '42501',
  format('%s may not save the site''s attendance policy', a.name))
from tests.actors a where a.name not in ('manager', 'admin') order by a.ord;
select is(tests.versions(), 1::bigint, 'nothing refused was saved');

-- ------------------------------------------------------------ every value
select is(tests.refusal(tests.today() + 7, v.policy) - 'code' - 'min' - 'max' - 'choices',
  v.detail, v.what)
from (values
  (1, '[5]'::jsonb, '{"rule": "object"}'::jsonb, 'the policy must be a JSON object'),
  (2, '{"grase_min": 5}', '{"knob": "grase_min", "rule": "unknown"}', 'a misspelt knob is refused, not ignored'),
  (3, '{"check_in_window_min": 241}', '{"knob": "check_in_window_min", "rule": "range"}', 'check-in window above 240'),
  (4, '{"check_in_window_min": -1}', '{"knob": "check_in_window_min", "rule": "range"}', 'check-in window below 0'),
  (5, '{"check_out_window_min": 12.5}', '{"knob": "check_out_window_min", "rule": "range"}', 'a window in whole minutes'),
  (6, '{"check_out_window_min": "60"}', '{"knob": "check_out_window_min", "rule": "range"}', 'a window is a number, not text'),
  (7, '{"grace_min": -1}', '{"knob": "grace_min", "rule": "range"}', 'a negative grace'),
  (8, '{"grace_min": 30}', '{"knob": "grace_min", "rule": "below", "other": "late_max_min"}',
    'a grace equal to the end of the late tier leaves the tier empty'),
  (9, '{"late_max_min": 120}', '{"knob": "late_max_min", "rule": "below", "other": "half_day_max_min"}',
    'late tier ending where the half-day tier ends'),
  (10, '{"late_max_min": 30, "half_day_max_min": 20}', '{"knob": "late_max_min", "rule": "below", "other": "half_day_max_min"}',
    'tiers out of order'),
  (11, '{"early_grace_min": 40}', '{"knob": "early_grace_min", "rule": "below", "other": "early_max_min"}',
    'early-leave grace beyond its first tier'),
  (12, '{"early_max_min": 130}', '{"knob": "early_max_min", "rule": "below", "other": "early_half_day_max_min"}',
    'early-leave tiers overlapping'),
  (13, '{"half_day_max_min": 721}', '{"knob": "half_day_max_min", "rule": "range"}', 'a tier beyond 12 hours'),
  (14, '{"min_half_day_worked_min": 480, "min_present_worked_min": 240}',
    '{"knob": "min_half_day_worked_min", "rule": "below", "other": "min_present_worked_min"}',
    'the half-day minimum above the full-day minimum'),
  (15, '{"min_present_worked_min": 1441}', '{"knob": "min_present_worked_min", "rule": "range"}', 'a minimum beyond a day'),
  (16, '{"deduction_late": -5}', '{"knob": "deduction_late", "rule": "amount"}', 'a negative deduction'),
  (17, '{"deduction_absent": 10.005}', '{"knob": "deduction_absent", "rule": "amount"}', 'a deduction in fractions of a fen'),
  (18, '{"deduction_half_day": "100"}', '{"knob": "deduction_half_day", "rule": "amount"}', 'a deduction as text'),
  (19, '{"single_punch_status": "present"}', '{"knob": "single_punch_status", "rule": "choice"}',
    'a single punch judged present'),
  (20, '{"late_leave": "ignore"}', '{"knob": "late_leave", "rule": "choice"}', 'late leave neither refused nor flagged'),
  (21, '{"judge_holidays": "yes"}', '{"knob": "judge_holidays", "rule": "boolean"}', 'yes/no as text'),
  (22, '{"approval_chain": []}', '{"knob": "approval_chain", "rule": "chain"}', 'an empty approval chain'),
  (23, '{"approval_chain": ["lead", "lead"]}', '{"knob": "approval_chain", "rule": "chain"}', 'a role twice in the chain'),
  (24, '{"approval_chain": ["lead", "director"]}', '{"knob": "approval_chain", "rule": "chain"}', 'a role that does not approve'),
  (25, '{"approval_chain": "lead"}', '{"knob": "approval_chain", "rule": "chain"}', 'a chain that is not a list'),
  (26, '{"appeal_file_days": 0}', '{"knob": "appeal_file_days", "rule": "range"}', 'no days to appeal'),
  (27, '{"appeal_answer_days": 61}', '{"knob": "appeal_answer_days", "rule": "range"}', 'more than 60 days to answer'),
  (28, '{"offline_allowance_s": 86401}', '{"knob": "offline_allowance_s", "rule": "range"}', 'a kiosk allowance beyond a day'),
  (29, '{"leave_notice_hours": 721}', '{"knob": "leave_notice_hours", "rule": "range"}', 'a leave notice beyond 30 days')
) as v(ord, policy, detail, what)
order by v.ord;
select is(tests.refusal(tests.today() + 7, '{"check_in_window_min": 241}'),
  '{"code": "CB092", "knob": "check_in_window_min", "rule": "range", "min": 0, "max": 240}',
  'a refusal names its code, knob, rule and limits');
select throws_ok(format('select tests.run_as(%L, %L)', tests.actor('manager'),
    format('select public.save_attendance_policy(%L, %L, %L)', tests.site(), tests.today() + 7, '{"grace_min": 30}')),
  'CB092', 'the late grace (30 minutes) must be below the end of the late tier (30 minutes)',
  'the message says it in words');
select throws_ok(format('select tests.run_as(%L, %L)', tests.actor('manager'),
    format('select public.save_attendance_policy(%L, %L, %L)', tests.site(), tests.today() + 7, '{"deduction_late": -5}')),
  'CB092', 'the deduction for a late arrival is an amount of yuan from 0 to 100000 with at most two decimals, not -5',
  'with the unit and the limits');
select throws_ok(format('select public.save_attendance_policy(%L, %L, %L)', tests.site(), tests.today() + 7, '{}'),
  '42501', null, 'a caller with no membership (the service role, the owner) is refused too: the table is theirs to write');
select is(tests.refusal(null, '{}') ->> 'rule', 'date', 'a version needs a date');
select is(tests.refusal(tests.today() + 731, '{}') ->> 'code', 'CB093', 'at most two years ahead');
select is(tests.refusal(tests.today() + 7, '{}', 'manager', repeat('x', 501)) ->> 'rule', 'reason',
  'a reason of at most 500 characters');
select is(tests.versions(), 1::bigint, 'nothing refused was saved');
select is(tests.audits(), 0::bigint, 'and nothing recorded');

-- ------------------------------------------------------------ the version in force switches at its date
-- Open days only after it: a date before today is accepted.
select tests.save(tests.today() - 9, '{"grace_min": 10}');
select is(tests.versions(), 2::bigint, 'the manager saves version 2 from nine days ago');
select is(tests.day(1, tests.today() - 10), 'late 8 20.00 v1', 'the day before: judged under version 1 (grace 5), late');
select is(tests.day(1, tests.today() - 9), 'present 8 0.00 v2',
  'the day itself: re-judged under version 2 (grace 10), on time');
select is(tests.day(1, tests.today() - 8), 'present 8 0.00 v2', 'the day after too');
select is((select e -> 'params' ->> 'grace' from public.attendance_days d, jsonb_array_elements(d.explanation) e
    where d.agent_id = tests.ag(1) and d.work_date = tests.today() - 9 and e ->> 'code' = 'on_time'), '10',
  'the explanation names the new grace');
select is((select row(late_max_min, half_day_max_min, deduction_late, approval_chain)::text from public.attendance_policies
    where site_id = tests.site() and version = 2), '(30,120,20.00,"{lead,supervisor}")',
  'knobs left out keep the values of the version in force that day');
select is(tests.day(2, tests.today() - 20), 'late 8 20.00 v1', 'the closed day before it is untouched');

-- The audit row: who, when, before (none: a new version), after.
select is((select row(c.agent_id, c.work_date = tests.today() - 9, c.made_by, c.before, c.after -> 'version',
      c.after -> 'policy' -> 'grace_min', c.after -> 'policy' -> 'late_max_min', c.reason)::text
    from public.attendance_corrections c where c.site_id = tests.site() and c.action = 'policy_saved'),
  row(null::uuid, true, 'f0000000-0000-4000-8000-000000000001'::uuid, null::jsonb, '2'::jsonb, '10'::jsonb, '30'::jsonb,
    format('Attendance policy version 2 from %s saved', tests.today() - 9))::text,
  'one policy_saved row: site-wide, the date, the manager, no before, the whole version after, a reason');

-- Closed days are never claimed.
select is(tests.refusal(tests.today() - 21, '{"deduction_late": 30}'),
  jsonb_build_object('code', 'CB093', 'rule', 'closed_days', 'count', 1, 'first', tests.today() - 20,
    'last', tests.today() - 20, 'today', tests.today()),
  'a date before the closed day is refused: the closed day would fall under the version');
select throws_like(format('select public.save_attendance_policy(%L, %L, %L)', tests.site(), tests.today() - 21, '{}'),
  '%closed days are not judged again%', 'in words');
-- The month of that date is locked (payroll): only a manager or admin gets
-- past it, and the change to the month is recorded.
insert into public.attendance_month_locks (site_id, month) values (tests.site(), date_trunc('month', tests.today() - 19));
select tests.save(tests.today() - 19, '{"deduction_late": 30}', 'admin');
select is((select count(*) from public.attendance_corrections where site_id = tests.site()
    and action = 'locked_month_changed' and reason like 'Attendance policy version 3 from %'), 1::bigint,
  'a version reaching into a locked month records the change to that month');
select is(tests.versions(), 3::bigint, 'a date after the closed day (and before version 2) is accepted: the admin saves version 3');
select is(tests.day(1, tests.today() - 10), 'late 8 30.00 v3',
  'the open day between them is re-judged under version 3 (grace 5 kept, deduction 30)');
select is(tests.day(1, tests.today() - 9), 'present 8 0.00 v2', 'version 2 still rules from its date');
select is(tests.day(2, tests.today() - 20), 'late 8 20.00 v1', 'the closed day is untouched');

-- ------------------------------------------------------------ today, and replacing a version
-- Agent 3's day today, judged under version 2, closes before version 4 is saved.
update public.attendance_days set closed_at = now() where agent_id = tests.ag(3);
select is(tests.day(3, tests.today()), 'present 8 0.00 v2', 'fixture: agent 3''s day today, closed under version 2');
select tests.save(tests.today(), '{"grace_min": 5, "deduction_late": 25}');
select is(tests.versions(), 4::bigint, 'a version from today is accepted with a closed day today: version 4');
select is(tests.day(4, tests.today()), 'late 8 25.00 v4', 'today''s open day is re-judged under it');
select is(tests.day(3, tests.today()), 'present 8 0.00 v2',
  'today''s closed day is untouched and names the version that judged it');
select is(tests.day(1, tests.today() - 8), 'present 8 0.00 v2', 'the days before today keep version 2');

select tests.save(tests.today(), (select app.attendance_policy_document(p) from public.attendance_policies p
  where p.site_id = tests.site() and p.version = 4));
select is((select updated_by from public.attendance_policies where site_id = tests.site() and version = 4), null,
  'saving a version''s own values again changes nothing');
select is(tests.audits(), 3::bigint, 'and records nothing: three saves, three rows');

select tests.save(tests.today(), '{"deduction_late": 26}');
select is(tests.versions(), 4::bigint, 'saving on a version''s own date replaces it');
select is((select row(version, grace_min, deduction_late, updated_by)::text from public.attendance_policies
    where site_id = tests.site() and effective_from = tests.today()),
  row(4, 5, 26.00, 'f0000000-0000-4000-8000-000000000001'::uuid)::text,
  'same number, the new value, the knobs left out kept, who replaced it');
select is(tests.day(4, tests.today()), 'late 8 26.00 v4', 'the open day follows the replaced version');
select is((select row(c.made_by, c.before -> 'version', c.before -> 'policy' -> 'deduction_late',
      c.after -> 'version', c.after -> 'policy' -> 'deduction_late')::text
    from public.attendance_corrections c where c.site_id = tests.site() and c.action = 'policy_saved'
      and c.before is not null),
  row('f0000000-0000-4000-8000-000000000001'::uuid, '4'::jsonb, '25.00'::jsonb, '4'::jsonb, '26.00'::jsonb)::text,
  'the replacement is recorded with the values before and after');

update public.attendance_days set closed_at = now() where agent_id = tests.ag(4);
select is(tests.refusal(tests.today(), '{"grace_min": 10}') - 'first' - 'last',
  '{"code": "CB093", "rule": "closed_version", "version": 4, "count": 1}',
  'once a day judged under it has closed, a version is not replaced');
select is(tests.day(4, tests.today()), 'late 8 26.00 v4', 'and the closed day stays as it was');

select tests.save(tests.today() + 1, '{"grace_min": 10}');
select tests.save(tests.today() + 1, '{"grace_min": 12, "approval_chain": ["supervisor", "manager"]}', 'admin');
select is((select row(version, grace_min, approval_chain, updated_by)::text from public.attendance_policies
    where site_id = tests.site() and effective_from = tests.today() + 1),
  row(5, 12, '{supervisor,manager}'::text, 'f0000000-0000-4000-8000-000000000002'::uuid)::text,
  'a version from tomorrow, replaced by the admin');
select is(tests.audits(), 6::bigint, 'six saves, six audit rows');

-- ------------------------------------------------------------ who reads the audit and the versions
select tests.check(tests.actor('supervisor'),
  format('select * from public.attendance_corrections where site_id = %L and action = %L', tests.site(), 'policy_saved'),
  '6', 'the supervisor reads the policy audit');
select tests.check(tests.actor('lead'),
  format('select * from public.attendance_corrections where site_id = %L and action = %L', tests.site(), 'policy_saved'),
  '0', 'a lead does not');
select tests.check(tests.actor(a.name), format('select * from public.attendance_policy_versions(%L)', tests.site()),
  a.expected, format('%s: %s', a.name, case when a.expected = '5' then 'lists the 5 versions' else 'is refused' end))
from (values (1, 'manager', '5'), (2, 'lead', '5'), (3, 'agent', '5'), (4, 'analyst', '5'), (5, 'display', '42501'),
  (6, 'kiosk', '42501'), (7, 'other site manager', '42501'), (8, 'anon', '42501')) as a(ord, name, expected)
order by a.ord;

create function tests.listed() returns text language plpgsql as $$
declare
  site uuid := tests.site();
  listed text;
begin
  perform tests.become(tests.actor('lead'));
  select string_agg(format('v%s %s%s %s', v.version, case when v.in_force then 'in force' else '' end,
      case when v.upcoming then 'upcoming' else '' end, v.saved_by_name), ', ' order by v.effective_from desc)
  into listed
  from public.attendance_policy_versions(site) v;
  perform set_config('role', 'none', true);
  return listed;
end;
$$;
select is(tests.listed(),
  'v5 upcoming admin@policy.test, v4 in force Policy Manager, v2  Policy Manager, v3  admin@policy.test, v1  ',
  'latest date first: which is in force today, which is to come, who saved it');
select is((select policy -> 'grace_min' from public.attendance_policy_versions(tests.site()) where version = 5)::text,
  '12', 'with the knobs as save takes them');
select is((select count(*) from jsonb_object_keys((select policy from public.attendance_policy_versions(tests.site())
    where version = 1)))::integer, 25, 'all 25 knobs');

select * from finish();
rollback;
