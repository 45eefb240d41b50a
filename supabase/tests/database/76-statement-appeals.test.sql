-- Statement disputes through the attendance appeal flow (20261209700000)
-- with frozen time: the deadline to file (3 working days after the month's
-- last day) across National Day with its make-up Saturday (September 2026)
-- and a weekend (October 2026), the boundary minute both sides, too early;
-- only the agent's own statement, a line that exists (and is still the one
-- the agent read), a reason, one standing dispute per rule (withdrawing
-- frees it); answering by the site's supervisors, managers and admins (a
-- lead refused), accepting with an adjustment that the statement then shows
-- as a line traceable to the appeal, rejecting keeping the statement; the
-- two answer functions refuse each other's kind; attendance appeals still
-- filed and answered; the inbox, the badge and the overdue list carry both
-- kinds; who reads the dispute (the agent, the lead, the site's staff) and
-- its adjustment (also the team: amounts, not the agent's reason).
begin;
select plan(126);

\ir test-helpers.psql

-- ------------------------------------------------------------ fixture
insert into public.teams (id, site_id, name, kind) values
  ('e7000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', 'Disputes team', 'outbound'),
  ('e7000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', 'Other disputes team', 'outbound');
-- Only this file's callers are active, so the quarter's ranking does not depend on the seed.
update public.agents set active = false where site_id = '5a000000-0000-4000-8000-000000000001';

create function tests.usr(n integer) returns uuid language sql immutable as $$
  select ('e0000000-0000-4000-8000-0000000000' || lpad(n::text, 2, '0'))::uuid
$$;
create function tests.ag(n integer) returns uuid language sql immutable as $$
  select ('ee000000-0000-4000-8000-0000000000' || lpad(n::text, 2, '0'))::uuid
$$;
insert into auth.users (id, aud, role, email)
select tests.usr(n), 'authenticated', 'authenticated', format('dispute%s@test.local', n)
from unnest(array[1, 2, 3, 11]) n;
-- 1 and 2 in the disputes team (11 leads it), 3 in the other team.
insert into public.agents (id, site_id, team_id, user_id, display_name, employee_no)
select tests.ag(n), '5a000000-0000-4000-8000-000000000001',
  case n when 3 then 'e7000000-0000-4000-8000-000000000002'::uuid else 'e7000000-0000-4000-8000-000000000001'::uuid end,
  tests.usr(n), format('申诉员%s', n), format('DS%s', lpad(n::text, 2, '0'))
from generate_series(1, 3) n;
insert into public.members (user_id, site_id, team_id, role)
select tests.usr(n), '5a000000-0000-4000-8000-000000000001', a.team_id, 'agent'
from generate_series(1, 3) n join public.agents a on a.id = tests.ag(n);
insert into public.members (user_id, site_id, team_id, role) values
  (tests.usr(11), '5a000000-0000-4000-8000-000000000001', 'e7000000-0000-4000-8000-000000000001', 'lead');
insert into public.leads (id, site_id, owner_agent_id, customer_name, phone, source)
values (tests.ag(1), '5a000000-0000-4000-8000-000000000001', tests.ag(1), 'Dispute 客户', '13900009901', 'own_project');
insert into tests.actors (ord, name, id) values
  (1, 'own', tests.usr(1)), (2, 'colleague', tests.usr(2)), (3, 'lead', tests.usr(11)), (4, 'other team', tests.usr(3)),
  (5, 'supervisor', 'a0000000-0000-4000-8000-000000000003'), (6, 'manager', 'a0000000-0000-4000-8000-000000000002'),
  (7, 'admin', 'a0000000-0000-4000-8000-000000000001'), (8, 'display', 'a0000000-0000-4000-8000-000000000004'),
  (9, 'anon', null);

create function tests.t(local text) returns timestamptz language sql as $$
  select local::timestamp at time zone 'Asia/Shanghai'
$$;
-- The rules of agent n's statement for a month at a site-local moment, in line order.
create function tests.rules(n integer, month date, moment text) returns text language sql as $$
  select coalesce(string_agg(s.rule, ' ' order by s.line), '') from app.agent_statement_at(tests.ag(n), month, tests.t(moment)) s
$$;
-- A line (jsonb) of agent n's statement by rule; null when there is none.
create function tests.line(n integer, month date, moment text, rule text) returns jsonb language sql as $$
  select to_jsonb(s) from app.agent_statement_at(tests.ag(n), month, tests.t(moment)) s where s.rule = line.rule
  order by s.line limit 1
$$;
-- Agent n's net for a month: rewards less penalties.
create function tests.net(n integer, month date, moment text) returns numeric language sql as $$
  select coalesce(sum(case s.kind when 'reward' then s.amount when 'penalty' then -s.amount else 0 end), 0)
  from app.agent_statement_at(tests.ag(n), month, tests.t(moment)) s
$$;
-- Files a dispute of agent n's line `line` as `actor` at a frozen site-local
-- moment (public.file_statement_appeal applies the rule at now()). Returns
-- "file_by answer_by".
create function tests.file_line(actor uuid, n integer, month date, line integer, reason text, local text,
  rule text default null) returns text language plpgsql as $$
declare
  filed public.attendance_appeals;
begin
  perform set_config('request.jwt.claims', json_build_object('sub', actor, 'role', 'authenticated')::text, true);
  filed := app.file_statement_appeal_at(tests.ag(n), month, line, reason, tests.t(local), rule);
  perform set_config('request.jwt.claims', '{}', true);
  return format('%s %s', filed.file_by, filed.answer_by);
end;
$$;
-- The same, by the line's rule as the statement has it at that moment.
create function tests.file(actor uuid, n integer, month date, rule text, reason text, local text) returns text
language sql as $$
  select tests.file_line(actor, n, month, (tests.line(n, month, local, rule) ->> 'line')::integer, reason, local, rule)
$$;
-- The latest dispute of agent n's month and rule.
create function tests.appeal(n integer, month date, rule text) returns public.attendance_appeals language sql as $$
  select a.* from public.attendance_appeals a
  where a.agent_id = tests.ag(n) and a.kind = 'statement' and a.statement_month = month and a.statement_rule = appeal.rule
  order by a.filed_at desc limit 1
$$;

-- September 2026: three visits on the 10th, one of them a villa deal. At 8
-- October every September week is over (each missed: flagged), and the
-- quarter too (rank 1 of the active callers).
insert into public.invitations (site_id, agent_id, lead_id, appointment_at, status, visited_at, confirmed_at, deal_product, deal_at)
select '5a000000-0000-4000-8000-000000000001', tests.ag(1), tests.ag(1), tests.t('2026-09-10 10:00'), 'visited',
  tests.t('2026-09-10 10:00') + make_interval(secs => g), tests.t('2026-09-10 10:00') + make_interval(secs => g),
  case when g = 1 then 'villa'::public.product_kind end, case when g = 1 then tests.t('2026-09-11 10:00') end
from generate_series(1, 3) g;
select is(tests.rules(1, '2026-09-01', '2026-10-08 10:00'), 'weekly_invitations deal_bonus monthly_target quarterly_top',
  'the September statement: the weekly flag, the villa deal bonus, the monthly target (not met) and the quarter''s top award');
select is(tests.net(1, '2026-09-01', '2026-10-08 10:00'), 1500::numeric, 'its net: 500 + 1000');

-- ------------------------------------------------------------ deadlines to file
select is(app.statement_appeal_file_by('5a000000-0000-4000-8000-000000000001', '2026-09-01'), '2026-10-10'::date,
  'September ends on Wednesday 30: National Day (1–7 October) does not count, the make-up Saturday 10 October does');
select is(app.statement_appeal_file_by('5a000000-0000-4000-8000-000000000001', '2026-10-17'), '2026-11-04'::date,
  'October ends on Saturday 31: the weekend does not count, disputed by Wednesday 4 November (any day of the month names it)');
select throws_ok(format('select tests.file(%L, 1, %L, %L, %L, %L)', tests.usr(1), '2026-09-01', 'monthly_target',
    'The visits of 29 September are missing', '2026-10-11 00:00'),
  'CB073', null, 'at 00:00 on Sunday 11 October it is too late');
select throws_ok(format('select tests.file(%L, 1, %L, %L, %L, %L)', tests.usr(1), '2026-10-01', 'monthly_target',
    'Too late', '2026-11-05 00:00'),
  'CB073', null, 'and for October at 00:00 on Thursday 5 November');
select is(tests.file(tests.usr(1), 1, '2026-09-01', 'deal_bonus', 'The villa deal of 28 September (合同 V-0928) is missing', '2026-10-10 23:59:59'),
  '2026-10-10 2026-10-16', 'at 23:59:59 on the make-up Saturday it is filed; answer by Friday 16 October (5 working days)');
select is(tests.file(tests.usr(1), 1, '2026-10-01', 'monthly_target', 'Two visits of 30 October were confirmed late',
    '2026-11-04 23:59'),
  '2026-11-04 2026-11-11', 'October''s on Wednesday 4 November, the last day: answer by Wednesday 11');
select throws_ok(format('select tests.file(%L, 1, %L, %L, %L, %L)', tests.usr(1), '2026-12-01', 'monthly_target',
    'Early', '2026-11-30 12:00'),
  'CB073', null, 'a month that has not begun cannot be disputed');
delete from public.site_calendar_years where site_id = '5a000000-0000-4000-8000-000000000001' and year = 2027;
select is(tests.outcome(tests.usr(1), $$select 1 from public.statement_appeal_deadline('ee000000-0000-4000-8000-000000000001', '2026-09-01')
    where statement_appeal_deadline = '2026-10-10'$$), '1', 'the statement page reads the deadline');
select is(tests.outcome(tests.usr(1), $$select 1 from public.statement_appeal_deadline('ee000000-0000-4000-8000-000000000001', '2026-12-01')
    where statement_appeal_deadline is null$$), '1', 'none yet for December while 2027 is not in the site calendar');
select is(tests.file(tests.usr(1), 1, '2026-12-01', 'monthly_target', 'A December visit is missing', '2026-12-10 10:00'),
  ' 2026-12-17', 'December is disputed all the same while still in 2026 (no deadline recorded yet); answer by Thursday 17');
select tests.keep_as(tests.usr(1), format('select public.withdraw_attendance_appeal(%L)', (tests.appeal(1, '2026-12-01', 'monthly_target')).id));
select throws_ok(format('select tests.file(%L, 1, %L, %L, %L, %L)', tests.usr(1), '2026-12-01', 'monthly_target',
    'A December visit is missing', '2027-01-04 10:00'),
  'CB001', null, 'in 2027 the calendar must tell whether the time to dispute December has passed');
delete from public.attendance_appeals where agent_id = tests.ag(1) and statement_month = '2026-12-01';

-- ------------------------------------------------------------ the dispute as filed
select is(
  (select format('%s %s %s %s %s %s %s', a.kind, a.day_id is null, a.work_date, a.statement_month, a.statement_rule, a.status, a.filed_by)
   from public.attendance_appeals a where a.id = (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
  'statement t 2026-09-01 2026-09-01 deal_bonus open e0000000-0000-4000-8000-000000000001',
  'an appeal of kind statement: no day, the month''s first day as its date, the rule, open, filed by the agent');
select is((tests.appeal(1, '2026-09-01', 'deal_bonus')).statement_line,
  (select jsonb_build_object('line', s.line, 'rule', s.rule, 'kind', s.kind, 'amount', s.amount, 'quantity', s.quantity,
     'facts', s.facts)
   from app.agent_statement_at(tests.ag(1), '2026-09-01', tests.t('2026-10-10 23:59:59')) s where s.rule = 'deal_bonus'),
  'with the disputed line as it stood: number, rule, kind, amount, quantity and facts');

-- ------------------------------------------------------------ refusals to file
select throws_ok(format('select tests.file_line(%L, 1, %L, 9, %L, %L)', tests.usr(1), '2026-09-01', 'No such line', '2026-10-08 10:00'),
  'CB073', null, 'a line the statement does not have');
select throws_ok(format('select tests.file_line(%L, 1, %L, 2, %L, %L, %L)', tests.usr(1), '2026-09-01', 'Changed meanwhile',
    '2026-10-08 10:00', 'monthly_target'),
  'CB073', null, 'a line number that is no longer the rule the agent read');
select throws_ok(format('select tests.file(%L, 1, %L, %L, %L, %L)', tests.usr(1), '2026-09-01', 'monthly_target', '  ',
    '2026-10-08 10:00'),
  'CB073', null, 'a dispute needs a reason');
select throws_ok(format('select tests.file(%L, 1, %L, %L, %L, %L)', tests.usr(1), '2026-09-01', 'deal_bonus', 'Again',
    '2026-10-09 10:00'),
  'CB073', null, 'a rule already disputed this month cannot be disputed again');
insert into tests.cases (actor, statement, expected, description)
select a.name, format($$select public.file_statement_appeal('ee000000-0000-4000-8000-000000000001', '2026-11-01', 1, 'not mine')$$),
  '42501', format('%s cannot dispute the agent''s statement', a.name)
from tests.actors a where a.name in ('colleague', 'lead', 'supervisor', 'manager', 'display', 'anon');
select * from tests.check_cases();

-- Withdrawing frees the rule for a new dispute while the time lasts.
select throws_ok(format('select tests.run_as(%L, %L)', tests.usr(2),
    format('select public.withdraw_attendance_appeal(%L)', (tests.appeal(1, '2026-10-01', 'monthly_target')).id)),
  '42501', null, 'a colleague cannot withdraw it');
select tests.keep_as(tests.usr(1), format('select public.withdraw_attendance_appeal(%L)', (tests.appeal(1, '2026-10-01', 'monthly_target')).id));
select is((tests.appeal(1, '2026-10-01', 'monthly_target')).status::text, 'withdrawn',
  'the agent withdraws an open dispute through the attendance appeal flow');
select is(tests.file(tests.usr(1), 1, '2026-10-01', 'monthly_target', 'Visits of 30 October confirmed on 2 November: list attached',
    '2026-11-04 23:59:30'),
  '2026-11-04 2026-11-11', 'and files it again, better argued, on the last day');

-- ------------------------------------------------------------ who answers
insert into tests.cases (actor, statement, expected, description)
select a.name, format('select public.answer_statement_appeal(%L, false, ''No'')', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
  case when a.name in ('supervisor', 'manager', 'admin') then '1' else '42501' end,
  format('%s %s answer a dispute', a.name, case when a.name in ('supervisor', 'manager', 'admin') then 'may' else 'may not' end)
from tests.actors a;
insert into tests.cases (actor, statement, expected, description) values
  ('supervisor', format('select public.answer_statement_appeal(%L, true, ''Yes'')', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    'CB074', 'accepting needs the adjustment'),
  ('supervisor', format('select public.answer_statement_appeal(%L, true, ''Yes'', 0)', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    'CB074', 'not 0'),
  ('supervisor', format('select public.answer_statement_appeal(%L, true, ''Yes'', 100000.01)', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    'CB074', 'at most 100000'),
  ('supervisor', format('select public.answer_statement_appeal(%L, true, ''Yes'', -100000.01)', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    'CB074', 'either way'),
  ('supervisor', format('select public.answer_statement_appeal(%L, true, ''Yes'', 12.345)', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    'CB074', 'to the fen'),
  ('supervisor', format('select public.answer_statement_appeal(%L, false, ''No'', 10)', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    'CB074', 'a rejection takes no adjustment'),
  ('supervisor', format('select public.answer_statement_appeal(%L, null, ''Hm'')', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    'CB074', 'accept or reject must be said'),
  ('supervisor', format('select public.answer_statement_appeal(%L, false, '' '')', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    'CB074', 'an answer needs words'),
  ('supervisor', format('select public.answer_attendance_appeal(%L, true, ''Yes'', ''present'')', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    'CB074', 'answer_attendance_appeal refuses a statement dispute'),
  ('lead', format('select public.answer_attendance_appeal(%L, false, ''No'')', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    '42501', 'and a lead is refused there too'),
  ('supervisor', format('select public.answer_statement_appeal(%L, true, ''Yes'', 100000)', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
    '1', 'an adjustment of 100000 is taken');
select * from tests.check_cases();

-- ------------------------------------------------------------ accepted
-- The test is one transaction: forget whom it has told already (the agent
-- was, when the invitations above were written).
select set_config('callboard.stats_sent', '', true);
select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  format('select public.answer_statement_appeal(%L, true, %L, 37)', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id,
    'The deal of 28 September was signed late: 37 yuan by the bonus table'));
select is(
  (select format('%s %s %s', a.status, a.answered_by, a.answer) from public.attendance_appeals a
   where a.id = (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
  'accepted a0000000-0000-4000-8000-000000000003 The deal of 28 September was signed late: 37 yuan by the bonus table',
  'the dispute is accepted, with who answered and the answer');
select is(
  (select format('%s %s %s %s %s %s %s', x.agent_id, x.month, x.rule, x.amount, x.created_by, x.created_at = now(), x.reason)
   from public.statement_adjustments x where x.appeal_id = (tests.appeal(1, '2026-09-01', 'deal_bonus')).id),
  'ee000000-0000-4000-8000-000000000001 2026-09-01 deal_bonus 37.00 a0000000-0000-4000-8000-000000000003 t The deal of 28 September was signed late: 37 yuan by the bonus table',
  'through an adjustment linked to the appeal: the month, the disputed rule, the amount, who, when, why');
select is(
  (select m.payload - 'id' from realtime.messages m
   where m.event = 'stats_changed' and m.topic = 'agent:' || tests.ag(1) and m.payload ->> 'what' = 'adjustments'),
  jsonb_build_object('agent_id', tests.ag(1), 'what', 'adjustments'),
  'the agent''s topic is told, with no amount in the message');
select is(tests.rules(1, '2026-09-01', '2026-10-20 10:00'),
  'weekly_invitations deal_bonus monthly_target quarterly_top adjustment', 'the statement shows it as its last line');
select is(
  (select format('%s %s %s', l ->> 'kind', l ->> 'amount', l ->> 'quantity') from tests.line(1, '2026-09-01', '2026-10-20 10:00', 'adjustment') l),
  'reward 37.00 ', 'a reward of 37 (it adds to the pay)');
select is(
  (select format('%s %s %s %s %s %s', f ->> 'appeal_id' = (tests.appeal(1, '2026-09-01', 'deal_bonus')).id::text, f ->> 'disputed_rule',
     f ->> 'reason', (f ->> 'answered_at')::timestamptz = now(), f ->> 'answered_on' = (now() at time zone 'Asia/Shanghai')::date::text,
     f ->> 'adjustment_id' = (select x.id::text from public.statement_adjustments x where x.appeal_id = (tests.appeal(1, '2026-09-01', 'deal_bonus')).id))
   from (select tests.line(1, '2026-09-01', '2026-10-20 10:00', 'adjustment') -> 'facts' as f) q),
  't deal_bonus The deal of 28 September was signed late: 37 yuan by the bonus table t t t',
  'its facts name the appeal, the disputed rule, the answer, when (and the site date) and the adjustment row');
select is(tests.net(1, '2026-09-01', '2026-10-20 10:00'), 1537::numeric, 'the net moves by 37');
select throws_ok(format('select tests.run_as(%L, %L)', 'a0000000-0000-4000-8000-000000000002',
    format('select public.answer_statement_appeal(%L, false, ''changed my mind'')', (tests.appeal(1, '2026-09-01', 'deal_bonus')).id)),
  'CB074', null, 'an answered dispute is not answered again');
select throws_ok(format('select tests.file(%L, 1, %L, %L, %L, %L)', tests.usr(1), '2026-09-01', 'adjustment', 'More please',
    '2026-10-09 10:00'),
  'CB073', null, 'an adjustment line is not disputed');

-- A deduction: the monthly target of October, accepted with −50.
select tests.keep_as('a0000000-0000-4000-8000-000000000002',
  format('select public.answer_statement_appeal(%L, true, %L, -50)', (tests.appeal(1, '2026-10-01', 'monthly_target')).id,
    'Two of the visits were counted twice in the target; 50 yuan back'));
select is(
  (select format('%s %s', l ->> 'kind', l ->> 'amount') from tests.line(1, '2026-10-01', '2026-11-20 10:00', 'adjustment') l),
  'penalty 50.00', 'a negative adjustment is a penalty line of 50 (it takes away)');
select is(tests.net(1, '2026-10-01', '2026-11-20 10:00'), -50::numeric, 'October''s net: −50');
select is(tests.net(1, '2026-09-01', '2026-10-20 10:00'), 1537::numeric, 'September keeps its own');

-- ------------------------------------------------------------ rejected
select is(tests.file(tests.usr(1), 1, '2026-09-01', 'weekly_invitations', 'The week of 28 September had 10 visits',
    '2026-10-09 15:00'),
  '2026-10-10 2026-10-15', 'the weekly flag is disputed too');
select tests.keep_as('a0000000-0000-4000-8000-000000000001',
  format('select public.answer_statement_appeal(%L, false, %L)', (tests.appeal(1, '2026-09-01', 'weekly_invitations')).id,
    'The register shows 3 visits that week'));
select is(
  (select format('%s %s %s', a.status, a.answered_by, a.answer) from public.attendance_appeals a
   where a.id = (tests.appeal(1, '2026-09-01', 'weekly_invitations')).id),
  'rejected a0000000-0000-4000-8000-000000000001 The register shows 3 visits that week', 'rejected with the answer');
select is((select count(*)::integer from public.statement_adjustments x
           where x.appeal_id = (tests.appeal(1, '2026-09-01', 'weekly_invitations')).id), 0, 'and no adjustment');
select is(tests.rules(1, '2026-09-01', '2026-10-20 10:00'),
  'weekly_invitations deal_bonus monthly_target quarterly_top adjustment', 'the statement is as it was');
select throws_ok(format('select tests.file(%L, 1, %L, %L, %L, %L)', tests.usr(1), '2026-09-01', 'weekly_invitations',
    'Please look again', '2026-10-10 10:00'),
  'CB073', null, 'a rejected dispute is answered: the rule cannot be disputed again');

-- ------------------------------------------------------------ attendance appeals beside them
insert into public.attendance_days (id, site_id, agent_id, work_date, status, closed_at) values
  ('ed000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', tests.ag(1), '2026-11-10', 'absent',
   tests.t('2026-11-10 19:30'));
create function tests.file_day(actor uuid, day_id uuid, reason text, local text) returns text language plpgsql as $$
declare
  filed public.attendance_appeals;
begin
  perform set_config('request.jwt.claims', json_build_object('sub', actor, 'role', 'authenticated')::text, true);
  filed := app.file_attendance_appeal_at(day_id, reason, tests.t(local));
  perform set_config('request.jwt.claims', '{}', true);
  return format('%s %s %s', filed.kind, filed.day_id, filed.answer_by);
end;
$$;
select is(tests.file_day(tests.usr(1), 'ed000000-0000-4000-8000-000000000001', 'I was at the customer''s site', '2026-11-11 09:00'),
  'attendance ed000000-0000-4000-8000-000000000001 2026-11-18', 'an attendance appeal is filed as before, of kind attendance');
select throws_ok(format('select tests.run_as(%L, %L)', 'a0000000-0000-4000-8000-000000000003',
    format('select public.answer_statement_appeal(%L, false, ''No'')',
      (select a.id from public.attendance_appeals a where a.day_id = 'ed000000-0000-4000-8000-000000000001'))),
  'CB074', null, 'answer_statement_appeal refuses an attendance appeal');
select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  format('select public.answer_attendance_appeal(%L, false, %L)',
    (select a.id from public.attendance_appeals a where a.day_id = 'ed000000-0000-4000-8000-000000000001'), 'No visit was booked that day'));
select is(
  (select format('%s %s', a.status, c.action) from public.attendance_appeals a
   join public.attendance_corrections c on c.appeal_id = a.id
   where a.day_id = 'ed000000-0000-4000-8000-000000000001'),
  'rejected appeal_rejected', 'and answered as before, audited');

-- ------------------------------------------------------------ inbox, badge, overdue
select is(tests.file(tests.usr(1), 1, '2026-09-01', 'quarterly_top', 'Rank 1 should be 1200 for Q3 this year', '2026-10-09 09:00'),
  '2026-10-10 2026-10-15', 'an open dispute of the quarter''s award');
create function tests.inbox(actor uuid) returns text language plpgsql as $$
declare
  seen text;
begin
  perform tests.become(actor);
  select string_agg(format('%s %s %s %s %s %s %s', i.kind, i.work_date, i.status, coalesce(i.statement_rule, '-'),
      coalesce(i.statement_amount::text, '-'), coalesce(i.statement_line_kind, '-'), coalesce(i.statement_adjustment::text, '-')),
    ' | ' order by i.kind, i.statement_rule, i.status::text)
  into seen
  from public.attendance_appeal_inbox('5a000000-0000-4000-8000-000000000001', true) i
  where i.agent_id = 'ee000000-0000-4000-8000-000000000001';
  perform set_config('role', 'none', true);
  return seen;
end;
$$;
select is(tests.inbox('a0000000-0000-4000-8000-000000000003'),
  'attendance 2026-11-10 rejected - - - - | statement 2026-09-01 accepted deal_bonus 500.00 reward 37.00 | '
  'statement 2026-10-01 accepted monthly_target 0.00 reward -50.00 | statement 2026-10-01 withdrawn monthly_target 0.00 reward - | '
  'statement 2026-09-01 open quarterly_top 1000.00 reward - | '
  'statement 2026-09-01 rejected weekly_invitations - flag -',
  'the inbox lists both kinds: for a dispute the month, rule, disputed amount and kind, and the adjustment once accepted');
select is(tests.inbox(tests.usr(11)), tests.inbox('a0000000-0000-4000-8000-000000000003'), 'the team lead reads the same');
select is(tests.inbox(tests.usr(2)), null, 'a colleague reads none of them');
select set_config('request.jwt.claims', json_build_object('sub', 'a0000000-0000-4000-8000-000000000002', 'role', 'authenticated')::text, true);
select is(
  (select count(*)::integer from app.overdue_attendance_appeals_at('5a000000-0000-4000-8000-000000000001', tests.t('2026-10-15 18:00')) o
   where o.agent_id = tests.ag(1)), 0, 'on its answer date the open dispute is not overdue');
select is(
  (select format('%s %s', o.work_date, o.working_days_late)
   from app.overdue_attendance_appeals_at('5a000000-0000-4000-8000-000000000001', tests.t('2026-10-16 09:00')) o
   where o.agent_id = tests.ag(1)),
  '2026-09-01 1', 'the next working day it is escalated to the managers: one working day late');
select is(public.attendance_appeals_waiting('5a000000-0000-4000-8000-000000000001'),
  (select count(*)::integer from public.attendance_appeals a where a.site_id = '5a000000-0000-4000-8000-000000000001' and a.status = 'open'),
  'the badge counts it with the attendance appeals');
select ok((select count(*) from public.attendance_appeals a
           where a.site_id = '5a000000-0000-4000-8000-000000000001' and a.status = 'open' and a.kind = 'statement') = 1,
  'one of them the open statement dispute');
select set_config('request.jwt.claims', '{}', true);

-- ------------------------------------------------------------ the table's rules
select throws_ok($$insert into public.attendance_appeals (site_id, agent_id, kind, work_date, reason, file_by, answer_by)
  values ('5a000000-0000-4000-8000-000000000001', 'ee000000-0000-4000-8000-000000000001', 'statement', '2026-09-01', 'x',
    '2026-10-10', '2026-10-16')$$,
  '23514', null, 'a statement dispute names its month, rule and line');
select throws_ok($$insert into public.attendance_appeals (site_id, agent_id, work_date, reason, file_by, answer_by)
  values ('5a000000-0000-4000-8000-000000000001', 'ee000000-0000-4000-8000-000000000001', '2026-09-01', 'x',
    '2026-10-10', '2026-10-16')$$,
  '23514', null, 'an attendance appeal names its day');

-- ------------------------------------------------------------ who reads
-- Agent 1's disputes: deal_bonus (accepted), monthly_target of October
-- (withdrawn, then accepted), weekly_invitations (rejected), quarterly_top (open) = 5;
-- adjustments: 2.
insert into tests.matrix (op, what, statement, expected) values
  ('select', 'the agent''s statement disputes',
    $$select * from attendance_appeals where agent_id = 'ee000000-0000-4000-8000-000000000001' and kind = 'statement'$$,
    '{5,0,5,0,5,5,5,0,0}'),
  ('select', 'the agent''s statement adjustments',
    $$select * from statement_adjustments where agent_id = 'ee000000-0000-4000-8000-000000000001'$$,
    '{2,2,2,0,2,2,2,0,0}'),
  ('insert', 'an adjustment directly',
    format($f$insert into statement_adjustments (site_id, agent_id, month, rule, amount, reason, appeal_id)
      values ('5a000000-0000-4000-8000-000000000001', 'ee000000-0000-4000-8000-000000000001', '2026-09-01', 'quarterly_top',
        1000, 'x', %L)$f$, (tests.appeal(1, '2026-09-01', 'quarterly_top')).id),
    '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('update', 'an adjustment directly',
    $$update statement_adjustments set amount = 1000 where agent_id = 'ee000000-0000-4000-8000-000000000001'$$,
    '{0,0,0,0,0,0,0,0,0}'),
  ('delete', 'an adjustment directly',
    $$delete from statement_adjustments where agent_id = 'ee000000-0000-4000-8000-000000000001'$$,
    '{0,0,0,0,0,0,0,0,0}');
select * from tests.check_matrix();

-- The team reads the adjustment on the statement, never the agent's reason.
create function tests.seen_as(actor uuid, statement text) returns text language plpgsql as $$
declare
  seen text;
begin
  perform tests.become(actor);
  execute format('select coalesce(string_agg(to_jsonb(s)::text, '' ''), '''') from (%s) s', statement) into seen;
  perform set_config('role', 'none', true);
  return seen;
end;
$$;
select ok(tests.seen_as(tests.usr(2), $$select * from public.agent_statement('ee000000-0000-4000-8000-000000000001', '2026-09-01')
  where rule = 'adjustment'$$) ~ '"amount": 37', 'a colleague reads the adjustment''s amount on the statement');
select ok(tests.seen_as(tests.usr(2), $$select * from public.team_statements('e7000000-0000-4000-8000-000000000001', '2026-09-01')$$)
  !~ 'V-0928', 'but not the agent''s reason (in neither the statement nor the team''s)');
select throws_ok(format('select tests.seen_as(%L, %L)', tests.usr(3),
    $$select * from public.agent_statement('ee000000-0000-4000-8000-000000000001', '2026-09-01')$$),
  '42501', null, 'another team''s agent reads neither');

select * from finish();
rollback;
