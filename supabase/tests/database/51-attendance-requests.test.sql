-- Attendance requests (20261207120000): filing in advance and late (the
-- policy's refuse and flag), the approval chain lead → supervisor and a
-- configured one, who may decide which step (an agent nothing, a lead their
-- team only, displays and kiosks nothing), approved leave writing
-- approved_leave and the ledger and re-judging the day, cancelling, and
-- balances. Dates are next week's published shifts of agent01 (team 1,
-- works Mondays), so the file holds on any day it runs.
begin;
select plan(144);

\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');
insert into tests.actors (ord, name, id) values
  (10, 'kiosk', 'a0000000-0000-4000-8000-000000000005'),
  (11, 'agent02', 'a0000000-0000-4000-8000-000000000102'),
  (12, 'lead2', 'a0000000-0000-4000-8000-000000000012');

create table tests.w as
select date_trunc('week', app.site_today('5a000000-0000-4000-8000-000000000001')::timestamp)::date + 7 as w1;
insert into public.site_calendar_years (site_id, year, source)
select '5a000000-0000-4000-8000-000000000001', y, 'test: a year with no holidays'
from generate_series(extract(year from (select w1 - 14 from tests.w))::integer, extract(year from (select w1 + 8 from tests.w))::integer) y
on conflict do nothing;

-- agent01's published shift on day d of next week (Monday = 0; agent01 rests Tuesday and Wednesday).
create function tests.shift(d integer) returns public.schedule_shifts language sql as $$
  select sh.* from public.schedule_shifts sh join public.schedules s on s.id = sh.schedule_id
  where s.status = 'published' and sh.agent_id = 'ac000000-0000-4000-8000-000000000101'
    and sh.day = (select w1 + d from tests.w)
$$;
-- Files as an actor and returns the new request's id.
create function tests.file(actor text, call text) returns uuid language plpgsql as $$
declare
  made uuid;
begin
  perform tests.become(tests.actor(actor));
  execute format('select (%s).id', call) into made;
  perform set_config('role', 'none', true);
  return made;
end;
$$;
create function tests.decide(actor text, request uuid, approve boolean, comment text default null) returns text
language plpgsql as $$
declare
  result text;
begin
  perform tests.become(tests.actor(actor));
  select r.status::text into result from public.decide_attendance_request(request, approve, comment) r;
  perform set_config('role', 'none', true);
  return result;
end;
$$;
create function tests.cancel(actor text, request uuid, reason text default null) returns text
language plpgsql as $$
declare
  result text;
begin
  perform tests.become(tests.actor(actor));
  select r.status::text into result from public.cancel_attendance_request(request, reason) r;
  perform set_config('role', 'none', true);
  return result;
end;
$$;
-- A whole site day of next week as a span, for filing.
create function tests.day_span(d integer, out starts_at timestamptz, out ends_at timestamptz) language sql as $$
  select lower(r), upper(r) from (select app.site_day('5a000000-0000-4000-8000-000000000001', (select w1 + d from tests.w)) r) x
$$;
create function tests.leave_call(leave_type text, d integer, agent text default null) returns text language sql as $$
  select format('public.file_attendance_request(''leave'', %L, %L, %L, ''test''%s)', leave_type,
    (tests.day_span(d)).starts_at, (tests.day_span(d)).ends_at,
    coalesce(format(', agent_id => %L', agent), ''))
$$;
create table tests.req (name text primary key, id uuid);
-- The requests waiting for an actor (their badge).
create function tests.waiting(actor text) returns integer language plpgsql as $$
declare
  n integer;
begin
  perform tests.become(tests.actor(actor));
  n := public.attendance_requests_waiting('5a000000-0000-4000-8000-000000000001');
  perform set_config('role', 'none', true);
  return n;
end;
$$;
-- What the seed holds before this file files or grants anything (its yearly grant, its
-- waiting requests): the balances and badges below are that plus this file's own.
create table tests.seeded as
select
  (select coalesce(sum(minutes), 0)::integer from public.leave_ledger
   where agent_id = 'ac000000-0000-4000-8000-000000000101' and leave_type = 'annual') as annual,
  tests.waiting('lead') as lead, tests.waiting('lead2') as lead2, tests.waiting('supervisor') as supervisor;

-- ------------------------------------------------------------ balances granted
insert into tests.cases (actor, statement, expected, description)
select actor, $$select public.grant_leave_balance('ac000000-0000-4000-8000-000000000101', 'annual', 60, 'test')$$, expected, description
from (values
  ('agent', '42501', 'an agent grants no leave'),
  ('lead', '42501', 'a lead grants no leave'),
  ('display', '42501', 'a display grants no leave'),
  ('kiosk', '42501', 'a kiosk grants no leave'),
  ('anon', '42501', 'anon grants no leave'),
  ('manager', '1', 'a manager grants leave'),
  ('admin', '1', 'an admin grants leave')
) as c (actor, expected, description);
insert into tests.cases (actor, statement, expected, description) values
  ('supervisor', $$select public.grant_leave_balance('ac000000-0000-4000-8000-000000000101', 'sick', 60, 'test')$$, 'CB065',
    'sick leave keeps no balance'),
  ('supervisor', $$select public.grant_leave_balance('ac000000-0000-4000-8000-000000000101', 'annual', 0, 'test')$$, 'CB065',
    'a grant of nothing is refused'),
  ('supervisor', format($$select public.grant_leave_balance('ac000000-0000-4000-8000-000000000101', 'annual', %s, 'test')$$,
    -((select annual from tests.seeded) + 60)), 'CB067', 'a balance never falls below zero');
select * from tests.check_cases();
select tests.keep_as(tests.actor('supervisor'),
  $$select public.grant_leave_balance('ac000000-0000-4000-8000-000000000101', 'annual', 2400, 'yearly grant')$$);
select is((select balance_min from public.leave_balances('ac000000-0000-4000-8000-000000000101') where leave_type = 'annual'),
  (select annual + 2400 from tests.seeded), 'the grant adds to the balance (read as postgres)');

-- ------------------------------------------------------------ filing
insert into tests.req values ('monday', tests.file('agent', tests.leave_call('annual', 0)));
select is((select status::text || '/' || late_filed || '/' || step from attendance_requests where id = (select id from tests.req where name = 'monday')),
  'pending/false/0', 'a leave filed in advance is pending at the first step, not flagged');
select is((select array_agg(action) from attendance_request_steps where request_id = (select id from tests.req where name = 'monday')),
  '{filed}', 'filing is the first step');
select is((select pending_min from public.leave_balances('ac000000-0000-4000-8000-000000000101') where leave_type = 'annual'),
  (tests.shift(0)).paid_min, 'a pending leave shows what it would take: the paid minutes of the shift it covers');

insert into tests.cases (actor, statement, expected, description) values
  ('display', 'select ' || tests.leave_call('annual', 3, 'ac000000-0000-4000-8000-000000000101'), '42501', 'a display files nothing'),
  ('kiosk', 'select ' || tests.leave_call('annual', 3, 'ac000000-0000-4000-8000-000000000101'), '42501', 'a kiosk files nothing'),
  ('kiosk', 'select ' || tests.leave_call('annual', 3), '42501', 'a kiosk is no agent'),
  ('lead2', 'select ' || tests.leave_call('annual', 3, 'ac000000-0000-4000-8000-000000000101'), '42501',
    'another team''s lead files nothing for agent01'),
  ('agent02', 'select ' || tests.leave_call('annual', 3, 'ac000000-0000-4000-8000-000000000101'), '42501',
    'an agent files nothing for a colleague'),
  ('agent', 'select ' || tests.leave_call('annual', 0), 'CB065', 'a leave overlapping a pending one is refused'),
  ('agent', format($$select public.file_attendance_request('leave', 'annual', %L, %L)$$,
    (tests.day_span(3)).ends_at, (tests.day_span(3)).starts_at), 'CB065', 'a request ends after it starts'),
  ('agent', format($$select public.file_attendance_request('leave', null, %L, %L)$$,
    (tests.day_span(3)).starts_at, (tests.day_span(3)).ends_at), 'CB065', 'a leave names its type'),
  ('agent', format($$select public.file_attendance_request('outing', 'annual', %L, %L)$$,
    (tests.day_span(3)).starts_at, (tests.day_span(3)).ends_at), 'CB065', 'an outing names no leave type'),
  ('agent', format($$select public.file_attendance_request('leave', 'annual', %L, %L)$$,
    (tests.day_span(3)).starts_at,
    (tests.day_span(3)).starts_at + make_interval(days => 14 + 3 * (select annual / 480 from tests.seeded))), 'CB067',
    'annual leave beyond the balance (less what is pending) is refused'),
  ('agent', format($$insert into attendance_requests (site_id, agent_id, kind, starts_at, ends_at)
    values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', 'outing', %L, %L)$$,
    (tests.day_span(3)).starts_at, (tests.day_span(3)).ends_at), '42501', 'nobody writes requests but through the functions');
select * from tests.check_cases();
insert into tests.req values ('friday-sick', tests.file('lead', tests.leave_call('sick', 4, 'ac000000-0000-4000-8000-000000000101')));
select is((select filed_by from attendance_requests where id = (select id from tests.req where name = 'friday-sick')),
  tests.actor('lead'), 'the agent''s lead files for them');

-- A leave on days without a shift and not working days of the site takes nothing, and is refused as such.
update public.sites set rest_weekdays = '{2,3}' where id = '5a000000-0000-4000-8000-000000000001';
insert into tests.cases (actor, statement, expected, description) values
  ('agent', format($$select public.file_attendance_request('leave', 'personal', %L, %L)$$,
    (tests.day_span(1)).starts_at, (tests.day_span(2)).ends_at), 'CB065',
    'a leave covering no shift and no working day is refused');
select * from tests.check_cases();
update public.sites set rest_weekdays = '{6,7}' where id = '5a000000-0000-4000-8000-000000000001';

-- Notice: 720 hours (30 days) makes next week late.
update public.attendance_policies set leave_notice_hours = 720, late_leave = 'refuse'
where site_id = '5a000000-0000-4000-8000-000000000001';
insert into tests.cases (actor, statement, expected, description) values
  ('agent', 'select ' || tests.leave_call('personal', 3), 'CB066', 'refuse: a leave filed late is refused'),
  ('lead', 'select ' || tests.leave_call('personal', 3, 'ac000000-0000-4000-8000-000000000101'), 'CB066',
    'refuse: a lead filing late for the agent is refused too');
select * from tests.check_cases();
insert into tests.req values ('thursday-late', tests.file('supervisor', tests.leave_call('personal', 3, 'ac000000-0000-4000-8000-000000000101')));
select is((select late_filed from attendance_requests where id = (select id from tests.req where name = 'thursday-late')),
  true, 'refuse: a supervisor recording it for the agent is flagged, not refused');
select tests.cancel('supervisor', (select id from tests.req where name = 'thursday-late'), 'test');
update public.attendance_policies set late_leave = 'flag' where site_id = '5a000000-0000-4000-8000-000000000001';
insert into tests.req values ('thursday-flagged', tests.file('agent', tests.leave_call('personal', 3)));
select is((select late_filed from attendance_requests where id = (select id from tests.req where name = 'thursday-flagged')),
  true, 'flag: a leave filed late is accepted and flagged');
update public.attendance_policies set leave_notice_hours = 0 where site_id = '5a000000-0000-4000-8000-000000000001';

-- ------------------------------------------------------------ who decides
insert into tests.cases (actor, statement, expected, description)
select actor, format('select public.decide_attendance_request(%L, true, ''ok'')', (select id from tests.req where name = 'monday')),
  expected, description
from (values
  ('agent', 'CB069', 'an agent does not decide their own request'),
  ('agent02', '42501', 'an agent does not decide a colleague''s request'),
  ('lead2', '42501', 'another team''s lead does not decide it'),
  ('qa', '42501', 'QA does not decide requests'),
  ('analyst', '42501', 'an analyst does not decide requests'),
  ('display', '42501', 'a display does not decide requests'),
  ('kiosk', '42501', 'a kiosk does not decide requests'),
  ('anon', '42501', 'anon does not decide requests')
) as c (actor, expected, description);
insert into tests.cases (actor, statement, expected, description) values
  ('lead', format('select public.decide_attendance_request(%L, false)', (select id from tests.req where name = 'monday')), 'CB065',
    'a rejection says why');
select * from tests.check_cases();

-- Reading: the request and its steps (columns: agent, lead, supervisor, manager, qa, analyst, admin, display, anon, kiosk, agent02, lead2).
insert into tests.matrix (op, what, statement, expected) values
  ('select', 'agent01''s Monday request', format('select * from attendance_requests where id = %L', (select id from tests.req where name = 'monday')),
    '{1,1,1,1,0,0,1,0,0,0,0,0}'),
  ('select', 'its steps', format('select * from attendance_request_steps where request_id = %L', (select id from tests.req where name = 'monday')),
    '{1,1,1,1,0,0,1,0,0,0,0,0}'),
  ('select', 'agent01''s ledger', $$select * from leave_ledger where agent_id = 'ac000000-0000-4000-8000-000000000101' limit 1$$,
    '{1,1,1,1,0,0,1,0,0,0,0,0}');
select * from tests.check_matrix();

select is((select count(*)::integer from public.attendance_requests r where r.id = (select id from tests.req where name = 'monday')
  and app.request_waiting_role(r) = 'lead'), 1, 'the Monday leave waits for the lead');
select is(tests.run_as(tests.actor('lead'), format('select * from public.attendance_request_list(%L) where may_decide and id = any(%L)',
    '5a000000-0000-4000-8000-000000000001', (select array_agg(id) from tests.req))),
  3::bigint, 'the lead''s list offers the three waiting leaves of their team filed here to decide');
select is(tests.run_as(tests.actor('agent'), $$select * from public.attendance_request_list('5a000000-0000-4000-8000-000000000001') where may_decide$$),
  0::bigint, 'the agent''s list offers nothing to decide');
select is(tests.run_as(tests.actor('agent02'), $$select * from public.attendance_request_list('5a000000-0000-4000-8000-000000000001') where agent_id = 'ac000000-0000-4000-8000-000000000101'$$),
  0::bigint, 'a colleague''s list shows none of agent01''s requests');
select is(tests.waiting('lead'), (select lead + 3 from tests.seeded), 'the lead''s badge counts three more than the seed''s');
select is(tests.waiting('lead2'), (select lead2 from tests.seeded), 'another team''s lead''s badge counts none of them');
select is(tests.waiting('agent'), 0, 'the agent''s badge counts none');

-- ------------------------------------------------------------ lead → supervisor
select is(tests.decide('lead', (select id from tests.req where name = 'monday'), true, '同意'), 'pending',
  'the lead approves: still pending');
select is((select step from attendance_requests where id = (select id from tests.req where name = 'monday')), 1,
  'it moved to the supervisor step');
select throws_ok(format($$select tests.decide('lead', %L, true)$$, (select id from tests.req where name = 'monday')),
  'CB069', null, 'the lead cannot decide the supervisor step');
select is(tests.waiting('lead'), (select lead + 2 from tests.seeded), 'the lead''s badge drops to two more than the seed''s');
select is(tests.waiting('supervisor'), (select supervisor + 3 from tests.seeded),
  'the supervisor''s badge counts all three (lead steps too)');
select is(tests.decide('supervisor', (select id from tests.req where name = 'monday'), true, 'ok'), 'approved',
  'the supervisor approves: approved');
select is((select array_agg(action || ':' || coalesce(as_role::text, '-') order by made_at, action desc)
  from attendance_request_steps where request_id = (select id from tests.req where name = 'monday')),
  '{filed:-,approved:lead,approved:supervisor}', 'the steps: filed, approved as lead, approved as supervisor');
select throws_ok(format($$select tests.decide('supervisor', %L, true)$$, (select id from tests.req where name = 'monday')),
  'CB068', null, 'a decided request is not decided again');

-- What approval wrote.
select is((select array_agg(starts_on::text || '..' || ends_on::text || ' ' || kind) from approved_leave
  where request_id = (select id from tests.req where name = 'monday')),
  array[(select w1::text || '..' || w1::text || ' annual' from tests.w)], 'approved_leave holds the Monday, with the request');
select is((select minutes from leave_ledger where request_id = (select id from tests.req where name = 'monday')),
  -(tests.shift(0)).paid_min, 'the ledger takes the shift''s paid minutes');
select is((select balance_min || '/' || taken_min || '/' || pending_min from public.leave_balances('ac000000-0000-4000-8000-000000000101') where leave_type = 'annual'),
  ((select annual + 2400 from tests.seeded) - (tests.shift(0)).paid_min) || '/' || (tests.shift(0)).paid_min || '/0',
  'the balance: granted less taken, nothing pending');
select is((select status::text from attendance_days where agent_id = 'ac000000-0000-4000-8000-000000000101'
  and work_date = (select w1 from tests.w)), 'leave', 'the day is re-judged as leave');

-- A supervisor may decide the lead step: their approval stands for both.
select is(tests.decide('supervisor', (select id from tests.req where name = 'thursday-flagged'), true), 'approved',
  'a supervisor at the lead step approves the whole chain');
select is((select array_agg(as_role::text order by made_at, as_role) from attendance_request_steps
  where request_id = (select id from tests.req where name = 'thursday-flagged') and action = 'approved'),
  '{lead,supervisor}', 'both steps are recorded');
select is((select count(*)::integer from leave_ledger where request_id = (select id from tests.req where name = 'thursday-flagged')),
  0, 'personal leave keeps no balance: no ledger entry');
select is((select count(*)::integer from approved_leave where request_id = (select id from tests.req where name = 'thursday-flagged')),
  1, 'but it is approved leave for the schedules');

-- Rejection.
select is(tests.decide('lead', (select id from tests.req where name = 'friday-sick'), false, '人手不足'), 'rejected',
  'the lead rejects with a reason');
select is((select action || ':' || as_role || ':' || comment from attendance_request_steps
  where request_id = (select id from tests.req where name = 'friday-sick') and action = 'rejected'),
  'rejected:lead:人手不足', 'the rejection is a step with its role and reason');
select is((select count(*)::integer from approved_leave where request_id = (select id from tests.req where name = 'friday-sick')),
  0, 'a rejected leave writes no approved leave');

-- ------------------------------------------------------------ a configured chain
update public.attendance_policies set approval_chain = '{supervisor,manager}' where site_id = '5a000000-0000-4000-8000-000000000001';
insert into tests.req values ('friday-outing', tests.file('agent', format($$public.file_attendance_request('outing', null, %L, %L, '拜访客户')$$,
  (tests.shift(4)).start_ts, (tests.shift(4)).start_ts + interval '3 hours')));
select throws_ok(format($$select tests.decide('lead', %L, true)$$, (select id from tests.req where name = 'friday-outing')),
  'CB069', null, 'chain supervisor → manager: the lead has no step');
select is(tests.waiting('lead'), 0, 'and no badge for it');
select is(tests.decide('supervisor', (select id from tests.req where name = 'friday-outing'), true), 'pending',
  'the supervisor approves: waiting for the manager');
select throws_ok(format($$select tests.decide('supervisor', %L, true)$$, (select id from tests.req where name = 'friday-outing')),
  'CB069', null, 'the supervisor cannot decide the manager step');
select is(tests.decide('manager', (select id from tests.req where name = 'friday-outing'), true), 'approved',
  'the manager approves: approved');
select is((select array_agg(as_role::text order by made_at, as_role) from attendance_request_steps
  where request_id = (select id from tests.req where name = 'friday-outing') and action = 'approved'),
  '{supervisor,manager}', 'the steps follow the configured chain');
select is((select count(*)::integer from approved_leave where request_id = (select id from tests.req where name = 'friday-outing')),
  0, 'an outing is no leave');
update public.attendance_policies set approval_chain = '{lead}' where site_id = '5a000000-0000-4000-8000-000000000001';
insert into tests.req values ('sunday-overtime', tests.file('agent', format($$public.file_attendance_request('overtime', null, %L, %L, '加班')$$,
  (tests.shift(6)).end_ts, (tests.shift(6)).end_ts + interval '2 hours')));
select is(tests.decide('lead', (select id from tests.req where name = 'sunday-overtime'), true), 'approved',
  'chain lead only: the lead''s approval is final');
update public.attendance_policies set approval_chain = '{lead,supervisor}' where site_id = '5a000000-0000-4000-8000-000000000001';

-- ------------------------------------------------------------ cancelling
insert into tests.cases (actor, statement, expected, description)
select actor, format('select public.cancel_attendance_request(%L)', (select id from tests.req where name = 'monday')), expected, description
from (values
  ('agent02', '42501', 'a colleague cancels nothing'),
  ('lead2', '42501', 'another team''s lead cancels nothing'),
  ('lead', '42501', 'the lead does not cancel an approved leave'),
  ('display', '42501', 'a display cancels nothing'),
  ('kiosk', '42501', 'a kiosk cancels nothing')
) as c (actor, expected, description);
select * from tests.check_cases();
select throws_ok(format($$select tests.cancel('agent', %L)$$, (select id from tests.req where name = 'friday-sick')), 'CB068', null, 'a rejected request is not cancelled');
select lives_ok(format($$select tests.cancel('agent', %L, 'plans changed')$$, (select id from tests.req where name = 'monday')), 'the agent cancels their approved leave before it begins');
select is((select status::text from attendance_requests where id = (select id from tests.req where name = 'monday')), 'cancelled',
  'it is cancelled');
select is((select count(*)::integer from approved_leave where request_id = (select id from tests.req where name = 'monday')), 0,
  'its approved_leave row is gone');
select is((select sum(minutes)::integer from leave_ledger where request_id = (select id from tests.req where name = 'monday')), 0,
  'its minutes are returned to the ledger');
select is((select balance_min from public.leave_balances('ac000000-0000-4000-8000-000000000101') where leave_type = 'annual'),
  (select annual + 2400 from tests.seeded), 'the balance is whole again');
select is((select status::text from attendance_days where agent_id = 'ac000000-0000-4000-8000-000000000101'
  and work_date = (select w1 from tests.w)), 'open', 'the day is re-judged: no longer leave');
select is((select comment from attendance_request_steps where request_id = (select id from tests.req where name = 'monday')
  and action = 'cancelled'), 'plans changed', 'the cancellation is a step, with its reason');

-- An approved outing that has begun: the agent no longer cancels it, a supervisor does.
insert into tests.req values ('now-outing', tests.file('supervisor', format($$public.file_attendance_request('outing', null, %L, %L, 'now',
  agent_id => 'ac000000-0000-4000-8000-000000000101')$$, now() - interval '1 hour', now() + interval '1 hour')));
select is((select late_filed from attendance_requests where id = (select id from tests.req where name = 'now-outing')), true,
  'an outing filed after it began is flagged');
select is(tests.decide('supervisor', (select id from tests.req where name = 'now-outing'), true), 'approved', 'and approved');
select throws_ok(format($$select tests.cancel('agent', %L)$$, (select id from tests.req where name = 'now-outing')), 'CB068', null, 'the agent cannot cancel an approved request that has begun');
select lives_ok(format($$select tests.cancel('supervisor', %L, 'wrong')$$, (select id from tests.req where name = 'now-outing')), 'a supervisor can');
select throws_ok(format($$select tests.cancel('supervisor', %L)$$, (select id from tests.req where name = 'now-outing')), 'CB068', null, 'a cancelled request is not cancelled twice');

-- A pending one: the agent cancels it.
insert into tests.req values ('thursday-pending', tests.file('agent', tests.leave_call('annual', 0)));
select lives_ok(format($$select tests.cancel('agent', %L)$$, (select id from tests.req where name = 'thursday-pending')), 'the agent cancels a pending request');
select is((select count(*)::integer from leave_ledger where request_id = (select id from tests.req where name = 'thursday-pending')), 0,
  'a pending leave never touched the ledger');

-- A leave recorded after the fact for a closed day: approval changes the
-- published result through the engine's audited path.
select tests.keep_as(tests.actor('supervisor'), format($$select public.file_attendance_request('leave', 'sick', %L, %L, '医院证明',
  agent_id => 'ac000000-0000-4000-8000-000000000101')$$,
  lower(app.site_day('5a000000-0000-4000-8000-000000000001', (select w1 - 14 from tests.w))),
  upper(app.site_day('5a000000-0000-4000-8000-000000000001', (select w1 - 14 from tests.w)))));
select public.close_attendance_days(now());
select isnt((select status::text from attendance_days where agent_id = 'ac000000-0000-4000-8000-000000000101'
  and work_date = (select w1 - 14 from tests.w) and closed_at is not null), 'leave', 'last Monday is closed, not leave');
select is(tests.decide('supervisor', (select id from attendance_requests where agent_id = 'ac000000-0000-4000-8000-000000000101'
  and reason = '医院证明'), true), 'approved', 'the late sick leave is approved');
select is((select status::text from attendance_days where agent_id = 'ac000000-0000-4000-8000-000000000101'
  and work_date = (select w1 - 14 from tests.w)), 'leave', 'the closed day is re-judged as leave');
select is((select count(*)::integer from attendance_corrections where agent_id = 'ac000000-0000-4000-8000-000000000101'
  and work_date = (select w1 - 14 from tests.w) and action = 'request_approved' and after ->> 'status' = 'leave'), 1,
  'and the change is audited as request_approved');

-- ------------------------------------------------------------ balances read
insert into tests.cases (actor, statement, expected, description) values
  ('agent', $$select * from public.leave_balances('ac000000-0000-4000-8000-000000000101')$$, '3', 'the agent reads their three balances'),
  ('lead', $$select * from public.leave_balances('ac000000-0000-4000-8000-000000000101')$$, '3', 'their lead reads them'),
  ('supervisor', $$select * from public.leave_balances('ac000000-0000-4000-8000-000000000101')$$, '3', 'a supervisor reads them'),
  ('agent02', $$select * from public.leave_balances('ac000000-0000-4000-8000-000000000101')$$, '0', 'a colleague reads none'),
  ('lead2', $$select * from public.leave_balances('ac000000-0000-4000-8000-000000000101')$$, '0', 'another team''s lead reads none'),
  ('display', $$select * from public.leave_balances('ac000000-0000-4000-8000-000000000101')$$, '0', 'a display reads none'),
  ('kiosk', $$select * from public.leave_balances('ac000000-0000-4000-8000-000000000101')$$, '0', 'a kiosk reads none');
select * from tests.check_cases();

-- Earned half-days (the outbound issue's balance) are leave like the others.
select tests.keep_as(tests.actor('supervisor'),
  $$select public.grant_leave_balance('ac000000-0000-4000-8000-000000000101', 'visit_half_day', 240, 'visits in May')$$);
insert into tests.req values ('half-day', tests.file('agent', format($$public.file_attendance_request('leave', 'visit_half_day', %L, %L)$$,
  (tests.shift(5)).start_ts, (tests.shift(5)).start_ts + interval '4 hours')));
select is(tests.decide('supervisor', (select id from tests.req where name = 'half-day'), true), 'approved', 'an earned half-day is approved');
select is((select balance_min from public.leave_balances('ac000000-0000-4000-8000-000000000101') where leave_type = 'visit_half_day'),
  0, 'and takes the earned 240 minutes');
select is((select count(*)::integer from approved_leave where request_id = (select id from tests.req where name = 'half-day')), 0,
  'half a shift is not a day of approved leave');

select * from finish();
rollback;
