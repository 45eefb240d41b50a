-- The two daily forms and the ledger (20261209600000): exact figures of
-- call_effect_sheet, outbound_ledger and outbound_week_summary on this
-- file's own rows (outbound calls ingested as the feeders send them, call
-- log lines written through log_lead_call by the caller, invitations
-- visited and dealt), days cut at Shanghai midnight (not UTC), and who sees
-- customer fields: the sheet's lines and the register's names only for the
-- caller, their team lead and managers.
begin;
select plan(41);

\ir test-helpers.psql

select tests.add_qa_and_analyst();

\set site '''5a000000-0000-4000-8000-000000000001'''
\set team4 '''7e000000-0000-4000-8000-000000000004'''
\set agent31 '''ac000000-0000-4000-8000-000000000131'''
\set agent32 '''ac000000-0000-4000-8000-000000000132'''
\set user31 '''a0000000-0000-4000-8000-000000000131'''
\set user32 '''a0000000-0000-4000-8000-000000000132'''
\set lead4 '''a0000000-0000-4000-8000-000000000014'''
\set lead1 '''a0000000-0000-4000-8000-000000000011'''
\set supervisor '''a0000000-0000-4000-8000-000000000003'''
\set manager '''a0000000-0000-4000-8000-000000000002'''
\set display '''a0000000-0000-4000-8000-000000000004'''
\set analyst '''b0000000-0000-4000-8000-000000000006'''

-- The rows a statement returns to a user, as json (the role switch undone).
create function tests.rows_as(actor uuid, q text) returns jsonb
language plpgsql as $$
declare
  r jsonb;
begin
  begin
    perform tests.become(actor);
    execute format('select coalesce(jsonb_agg(to_jsonb(x)), ''[]'') from (%s) x', q) into r;
    raise sqlstate 'TUNDO';
  exception
    when sqlstate 'TUNDO' then null;
  end;
  return r;
end;
$$;

-- Only this file's outbound facts count (the seed's are not the figures here).
delete from public.invitations;
delete from public.lead_calls;
delete from public.call_summaries where direction = 'outbound';

-- ------------------------------------------------------------ fixtures

create function tests.ev(id text, kind text, at text, call text, agent text) returns jsonb
language sql as $$
  select jsonb_build_object(
    'event_id', 'ledger-' || id, 'kind', kind, 'site_id', '5a000000-0000-4000-8000-000000000001', 'at', at,
    'call_id', 'ledger-' || call, 'queue_id', '9e000000-0000-4000-8000-000000000004',
    'agent_id', 'ac000000-0000-4000-8000-000000000' || agent)
$$;

-- Caller 31 on Monday 30 November: four dials, three connected, one of them
-- at 23:59:30 Shanghai; at 00:00:10 on 1 December (still 30 November in
-- UTC) one more, connected; one dial late on Sunday 29 November. Caller 32:
-- two dials on the 30th, one connected.
select is(
  (tests.call_as('service_role', format('public.ingest_events(%L)', jsonb_build_array(
    tests.ev('1', 'call_dialed', '2026-11-30T09:00:00+08:00', 'o1', '131'),
    tests.ev('2', 'call_connected', '2026-11-30T09:00:05+08:00', 'o1', '131'),
    tests.ev('3', 'call_dialed', '2026-11-30T09:10:00+08:00', 'o2', '131'),
    tests.ev('4', 'call_connected', '2026-11-30T09:10:05+08:00', 'o2', '131'),
    tests.ev('5', 'call_dialed', '2026-11-30T09:20:00+08:00', 'o3', '131'),
    tests.ev('6', 'call_dialed', '2026-11-30T23:59:30+08:00', 'o4', '131'),
    tests.ev('7', 'call_connected', '2026-11-30T23:59:40+08:00', 'o4', '131'),
    tests.ev('8', 'call_dialed', '2026-12-01T00:00:10+08:00', 'o5', '131'),
    tests.ev('9', 'call_connected', '2026-12-01T00:00:20+08:00', 'o5', '131'),
    tests.ev('10', 'call_dialed', '2026-11-29T23:59:50+08:00', 'o6', '131'),
    tests.ev('11', 'call_dialed', '2026-11-30T10:00:00+08:00', 'p1', '132'),
    tests.ev('12', 'call_connected', '2026-11-30T10:00:05+08:00', 'p1', '132'),
    tests.ev('13', 'call_dialed', '2026-11-30T10:05:00+08:00', 'p2', '132')
  ))) ->> 'accepted')::int,
  13, 'fixtures: the outbound calls are ingested');

insert into public.leads (id, site_id, owner_agent_id, customer_name, phone, source, product_demand) values
  ('1ead0000-0000-4000-8000-000000000751', :site, :agent31, '张三', '13800007501', 'own_project', '三居室'),
  ('1ead0000-0000-4000-8000-000000000752', :site, :agent31, '李四', '13800007502', 'outreach', null),
  ('1ead0000-0000-4000-8000-000000000753', :site, :agent31, '王五', '13800007503', 'agency', null),
  ('1ead0000-0000-4000-8000-000000000754', :site, :agent32, '赵六', '13800007504', 'customer_club', null);

-- The call log as the callers write it. Lead 751: B then A on the 30th
-- (counted once, as A; the product named first still counts). Lead 752: C,
-- villa; re-graded B at 00:00:15 on 1 December. Lead 753: not reached, then
-- D at 23:59:45. Lead 754 (caller 32): A, villa.
select tests.keep_as(:user31, $$select public.log_lead_call('1ead0000-0000-4000-8000-000000000751', true, 'B', 'high_rise', 'wants 3 rooms', null, '2026-11-30T09:01:00+08:00')$$);
select tests.keep_as(:user31, $$select public.log_lead_call('1ead0000-0000-4000-8000-000000000751', true, 'A', null, null, null, '2026-11-30T15:00:00+08:00')$$);
select tests.keep_as(:user31, $$select public.log_lead_call('1ead0000-0000-4000-8000-000000000752', true, 'C', 'villa', null, null, '2026-11-30T09:11:00+08:00')$$);
select tests.keep_as(:user31, $$select public.log_lead_call('1ead0000-0000-4000-8000-000000000753', false, null, null, 'no answer', null, '2026-11-30T09:21:00+08:00')$$);
select tests.keep_as(:user31, $$select public.log_lead_call('1ead0000-0000-4000-8000-000000000753', true, 'D', null, 'hung up', null, '2026-11-30T23:59:45+08:00')$$);
select tests.keep_as(:user31, $$select public.log_lead_call('1ead0000-0000-4000-8000-000000000752', true, 'B', 'villa', null, null, '2026-12-01T00:00:15+08:00')$$);
select tests.keep_as(:user32, $$select public.log_lead_call('1ead0000-0000-4000-8000-000000000754', true, 'A', 'villa', null, null, '2026-11-30T10:01:00+08:00')$$);

-- Invitations: 751 came on the 30th (lead4 signed) and bought a high-rise
-- unit; 752 (appointment 00:30 on 1 December) came at 07:00 on the 1st
-- (23:00 UTC on the 30th) and bought a villa; 754 is booked; 753's
-- appointment was on the 29th.
insert into public.invitations (id, site_id, agent_id, lead_id, appointment_at, status, visited_at, confirmed_at, confirmed_by,
    deal_product, deal_at, notes) values
  ('1a000000-0000-4000-8000-000000000751', :site, :agent31, '1ead0000-0000-4000-8000-000000000751',
    '2026-11-30T14:00:00+08:00', 'visited', '2026-11-30T14:10:00+08:00', '2026-11-30T14:10:00+08:00', :lead4,
    'high_rise', '2026-11-30T16:00:00+08:00', 'brings his wife'),
  ('1a000000-0000-4000-8000-000000000752', :site, :agent31, '1ead0000-0000-4000-8000-000000000752',
    '2026-12-01T00:30:00+08:00', 'visited', '2026-12-01T07:00:00+08:00', '2026-12-01T07:00:00+08:00', :lead4,
    'villa', '2026-12-01T07:30:00+08:00', null),
  ('1a000000-0000-4000-8000-000000000754', :site, :agent32, '1ead0000-0000-4000-8000-000000000754',
    '2026-11-30T18:00:00+08:00', 'booked', null, null, null, null, null, null),
  ('1a000000-0000-4000-8000-000000000753', :site, :agent31, '1ead0000-0000-4000-8000-000000000753',
    '2026-11-29T18:00:00+08:00', 'no_show', null, null, null, null, null, null);

-- ------------------------------------------------- the call-effect sheet

\set figures 'dialed, connected, grade_a, grade_b, grade_c, grade_d, product_high_rise, product_villa, product_other, visits, deals_high_rise, deals_villa'

select is(
  tests.rows_as(:user31, format('select employee_no, %s from public.call_effect_sheet(%L, %L)', :'figures', :agent31, '2026-11-30')),
  '[{"employee_no": "E031", "dialed": 4, "connected": 3, "grade_a": 1, "grade_b": 0, "grade_c": 1, "grade_d": 1,
     "product_high_rise": 1, "product_villa": 1, "product_other": 0, "visits": 1, "deals_high_rise": 1, "deals_villa": 0}]'::jsonb,
  'caller 31, Monday 30th: 4 dials, 3 connected (23:59:30 included), leads A/C/D once each, a visit and a high-rise deal');
select is(
  tests.rows_as(:lead4, format('select %s from public.call_effect_sheet(%L, %L)', :'figures', :agent31, '2026-12-01')),
  '[{"dialed": 1, "connected": 1, "grade_a": 0, "grade_b": 1, "grade_c": 0, "grade_d": 0,
     "product_high_rise": 0, "product_villa": 1, "product_other": 0, "visits": 1, "deals_high_rise": 0, "deals_villa": 1}]'::jsonb,
  'caller 31, 1 December: the 00:00:10 call, the re-grading, the 07:00 visit and deal (30th in UTC) count on the 1st');
select is(
  tests.rows_as(:user31, format('select dialed, connected, grade_a from public.call_effect_sheet(%L, %L)', :agent31, '2026-11-29')),
  '[{"dialed": 1, "connected": 0, "grade_a": 0}]'::jsonb,
  'Sunday 29th: the 23:59:50 dial');
select is(
  tests.rows_as(:user31, format('select dialed, visits from public.call_effect_sheet(%L, %L)', :agent31, '2026-11-20')),
  '[{"dialed": 0, "visits": 0}]'::jsonb,
  'a day with nothing: one row of zeros');

-- Who reads a caller's figures (counts only).
select tests.check(:user32, format('select * from public.call_effect_sheet(%L, %L)', :agent31, '2026-11-30'), '1',
  'another caller of the team reads the sheet''s figures (the team''s record)');
select tests.check(:supervisor, format('select * from public.call_effect_sheet(%L, %L)', :agent31, '2026-11-30'), '1',
  'a supervisor reads them');
select tests.check(:analyst, format('select * from public.call_effect_sheet(%L, %L)', :agent31, '2026-11-30'), '1',
  'an analyst reads them');
select tests.check(:lead1, format('select * from public.call_effect_sheet(%L, %L)', :agent31, '2026-11-30'), '42501',
  'another team''s lead does not');
select tests.check(:display, format('select * from public.call_effect_sheet(%L, %L)', :agent31, '2026-11-30'), '42501',
  'a wall display does not');
select tests.check(null, format('select * from public.call_effect_sheet(%L, %L)', :agent31, '2026-11-30'), '42501',
  'anon does not');
select tests.check(:user31, format('select * from public.call_effect_sheet(%L, null)', :agent31), 'CB150',
  'a sheet needs a day');

-- The per-customer lines, only for the caller, their lead and managers.
select is(
  tests.rows_as(:user31, format(
    'select customer_name, phone, source, grade, product, product_demand, notes, calls, connected from public.call_effect_lines(%L, %L)',
    :agent31, '2026-11-30')),
  '[{"customer_name": "张三", "phone": "13800007501", "source": "own_project", "grade": "A", "product": "high_rise",
     "product_demand": "三居室", "notes": "wants 3 rooms", "calls": 2, "connected": 2},
    {"customer_name": "李四", "phone": "13800007502", "source": "outreach", "grade": "C", "product": "villa",
     "product_demand": null, "notes": null, "calls": 1, "connected": 1},
    {"customer_name": "王五", "phone": "13800007503", "source": "agency", "grade": "D", "product": null,
     "product_demand": null, "notes": "no answer / hung up", "calls": 2, "connected": 1}]'::jsonb,
  'caller 31''s lines of the 30th: one per customer called, in call order, the day''s last grade and notes');
select tests.check(:lead4, format('select * from public.call_effect_lines(%L, %L)', :agent31, '2026-11-30'), '3',
  'their team lead reads the lines');
select tests.check(:manager, format('select * from public.call_effect_lines(%L, %L)', :agent31, '2026-11-30'), '3',
  'a manager reads the lines');
select tests.check(:supervisor, format('select * from public.call_effect_lines(%L, %L)', :agent31, '2026-11-30'), '0',
  'a supervisor gets no customer lines');
select tests.check(:user32, format('select * from public.call_effect_lines(%L, %L)', :agent31, '2026-11-30'), '0',
  'another caller gets none');
select tests.check(:lead1, format('select * from public.call_effect_lines(%L, %L)', :agent31, '2026-11-30'), '0',
  'another team''s lead gets none');
select tests.check(:display, format('select * from public.call_effect_lines(%L, %L)', :agent31, '2026-11-30'), '0',
  'a display gets none');
select tests.check(:user31, format('select * from public.call_effect_lines(%L, %L)', :agent31, '2026-12-01'), '1',
  'the 00:00:15 call is a line of the 1st');

-- ------------------------------------------------------ the team ledger

select is(
  tests.rows_as(:user32, format('select agent_id, %s from public.outbound_ledger(%L, %L) where agent_id is null or agent_id in (%L, %L)',
    :'figures', :team4, '2026-11-30', :agent31, :agent32)),
  '[{"agent_id": "ac000000-0000-4000-8000-000000000131", "dialed": 4, "connected": 3, "grade_a": 1, "grade_b": 0, "grade_c": 1, "grade_d": 1,
     "product_high_rise": 1, "product_villa": 1, "product_other": 0, "visits": 1, "deals_high_rise": 1, "deals_villa": 0},
    {"agent_id": "ac000000-0000-4000-8000-000000000132", "dialed": 2, "connected": 1, "grade_a": 1, "grade_b": 0, "grade_c": 0, "grade_d": 0,
     "product_high_rise": 0, "product_villa": 1, "product_other": 0, "visits": 0, "deals_high_rise": 0, "deals_villa": 0},
    {"agent_id": null, "dialed": 6, "connected": 4, "grade_a": 2, "grade_b": 0, "grade_c": 1, "grade_d": 1,
     "product_high_rise": 1, "product_villa": 2, "product_other": 0, "visits": 1, "deals_high_rise": 1, "deals_villa": 0}]'::jsonb,
  'the team ledger of the 30th: caller rows and the team total last');
select is(
  tests.rows_as(:lead4, format('select count(*) as n from public.outbound_ledger(%L, %L)', :team4, '2026-11-30')),
  jsonb_build_array(jsonb_build_object('n',
    (select count(*) + 1 from public.agents where team_id = '7e000000-0000-4000-8000-000000000004' and active))),
  'every active caller of the team has a row (zeros too), and the total');
select is(
  tests.rows_as(:lead4, format('select employee_no from public.outbound_ledger(%L, %L) limit 2', :team4, '2026-11-30')),
  '[{"employee_no": "E031"}, {"employee_no": "E032"}]'::jsonb,
  'callers by employee number');
select tests.check(:lead1, format('select * from public.outbound_ledger(%L, %L)', :team4, '2026-11-30'), '42501',
  'another team''s lead may not read this team''s ledger');
select tests.check(:display, format('select * from public.outbound_ledger(%L, %L)', :team4, '2026-11-30'), '42501',
  'nor may a display');
select tests.check(:manager, format('select * from public.outbound_ledger(%L, %L)', :team4, '2026-11-30'),
  (select (count(*) + 1)::text from public.agents where team_id = '7e000000-0000-4000-8000-000000000004' and active),
  'a manager reads it');

-- ------------------------------------------- the week across the center

select is(
  tests.rows_as(:supervisor, format(
    'select day, callers, dialed, connected, grade_a, visits, deals_high_rise, deals_villa from public.outbound_week_summary(%L, %L) where team_id = %L and (day is null or day <= %L)',
    :site, '2026-12-02', :team4, '2026-12-01')),
  '[{"day": "2026-11-30", "callers": 2, "dialed": 6, "connected": 4, "grade_a": 2, "visits": 1, "deals_high_rise": 1, "deals_villa": 0},
    {"day": "2026-12-01", "callers": 1, "dialed": 1, "connected": 1, "grade_a": 0, "visits": 1, "deals_high_rise": 0, "deals_villa": 1},
    {"day": null, "callers": 2, "dialed": 7, "connected": 5, "grade_a": 2, "visits": 2, "deals_high_rise": 1, "deals_villa": 1}]'::jsonb,
  'the week of Wednesday 2 December starts on Monday 30 November: the team''s days and week');
select is(
  tests.rows_as(:manager, format(
    'select dialed, connected, visits from public.outbound_week_summary(%L, %L) where team_id is null and day is null', :site, '2026-11-30')),
  '[{"dialed": 7, "connected": 5, "visits": 2}]'::jsonb,
  'the center''s week');
select is(
  tests.rows_as(:lead4, format(
    'select count(*) as n from public.outbound_week_summary(%L, %L)', :site, '2026-11-30')),
  jsonb_build_array(jsonb_build_object('n',
    8 * (1 + (select count(*) from public.teams where site_id = '5a000000-0000-4000-8000-000000000001' and kind = 'outbound')))),
  'seven days and the week for every outbound team and for the center');
select is(
  tests.rows_as(:lead4, format(
    'select dialed from public.outbound_week_summary(%L, %L) where team_id is null and day is null', :site, '2026-11-29')),
  '[{"dialed": 1}]'::jsonb,
  'Sunday 29th belongs to the week before');
select tests.check(:user31, format('select * from public.outbound_week_summary(%L, %L)', :site, '2026-11-30'), '42501',
  'a caller does not read the center''s week');

-- ------------------------------------------------- the invitation register

\set register 'select customer_name, phone, product_demand, notes, confirmed_by_name from public.invitation_register(%L, %L, %L)'

select is(
  tests.rows_as(:lead4, format(:'register', :team4, '2026-11-30', '2026-12-01')),
  format('[{"customer_name": "张三", "phone": "13800007501", "product_demand": "三居室", "notes": "brings his wife", "confirmed_by_name": %s},
    {"customer_name": "赵六", "phone": "13800007504", "product_demand": null, "notes": null, "confirmed_by_name": null},
    {"customer_name": "李四", "phone": "13800007502", "product_demand": null, "notes": null, "confirmed_by_name": %s}]',
    to_jsonb(app.member_name(:lead4, :site)), to_jsonb(app.member_name(:lead4, :site)))::jsonb,
  'the lead''s register of 30 Nov–1 Dec: by appointment, customers named, the lead''s signature');
select is(
  tests.rows_as(:lead4, format('select invitation_id from public.invitation_register(%L, %L, %L)', :team4, '2026-11-30', '2026-11-30')),
  '[{"invitation_id": "1a000000-0000-4000-8000-000000000751"}, {"invitation_id": "1a000000-0000-4000-8000-000000000754"}]'::jsonb,
  'the 00:30 appointment on 1 December (30th in UTC) is not on the 30th''s register');
select is(
  tests.rows_as(:supervisor, format('select customer_name, phone, source, product_demand, notes, status, employee_no from public.invitation_register(%L, %L, %L)',
    :team4, '2026-11-30', '2026-11-30')),
  '[{"customer_name": null, "phone": null, "source": null, "product_demand": null, "notes": null, "status": "visited", "employee_no": "E031"},
    {"customer_name": null, "phone": null, "source": null, "product_demand": null, "notes": null, "status": "booked", "employee_no": "E032"}]'::jsonb,
  'a supervisor keeps the register but sees no customer fields');
select is(
  tests.rows_as(:manager, format('select count(customer_name) as named from public.invitation_register(%L, %L, %L)', :team4, '2026-11-30', '2026-12-01')),
  '[{"named": 3}]'::jsonb,
  'a manager sees the customers');
select is(
  tests.rows_as(:user31, format('select customer_name from public.invitation_register(%L, %L, %L)', :team4, '2026-11-30', '2026-12-01')),
  '[{"customer_name": "张三"}, {"customer_name": "李四"}]'::jsonb,
  'the caller sees their own entries, named');
select is(
  tests.rows_as(:user32, format('select customer_name from public.invitation_register(%L, %L, %L)', :team4, '2026-11-30', '2026-12-01')),
  '[{"customer_name": "赵六"}]'::jsonb,
  'another caller sees only their own');
select tests.check(:lead1, format(:'register', :team4, '2026-11-30', '2026-12-01'), '0',
  'another team''s lead sees no entries');
select tests.check(:display, format(:'register', :team4, '2026-11-30', '2026-12-01'), '0',
  'a display sees no entries');
select tests.check(:lead4, format(:'register', :team4, '2026-12-01', '2026-11-30'), 'CB150',
  'a range that ends before it starts is refused');
select tests.check(:lead4, format(:'register', :team4, '2026-01-01', '2026-12-01'), 'CB150',
  'a range longer than 93 days is refused');

select * from finish();
rollback;
