-- The outbound workflow (20261209100000): the rule table and its checks,
-- the call log and what it does to a lead, call-list imports with
-- duplicates, the recall cycle, bookings, confirmations and deals, and the
-- half paid day every 10 confirmed visits earn — once per 10.
-- Seed: agent31 and agent32 are callers of the Outbound team (lead4); each
-- has three leads (phones 1380000 + 4 digits) and invitations, agent31 one
-- visit confirmed, agent32 two.
begin;
select plan(73);

\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000131', 'a0000000-0000-4000-8000-000000000014');

\set site '''5a000000-0000-4000-8000-000000000001'''
\set agent31 '''ac000000-0000-4000-8000-000000000131'''
\set agent32 '''ac000000-0000-4000-8000-000000000132'''
\set user31 '''a0000000-0000-4000-8000-000000000131'''
\set user32 '''a0000000-0000-4000-8000-000000000132'''
\set lead4 '''a0000000-0000-4000-8000-000000000014'''
\set lead1 '''a0000000-0000-4000-8000-000000000011'''
\set supervisor '''a0000000-0000-4000-8000-000000000003'''
\set manager '''a0000000-0000-4000-8000-000000000002'''
select id as lead31 from public.leads where owner_agent_id = :agent31 order by phone limit 1 \gset
select phone as phone31 from public.leads where id = :'lead31' \gset
select display_name as name31 from public.agents where id = :agent31 \gset

-- ------------------------------------------------------------ rule table

select results_eq(
  format($$select rule, params from public.incentive_rules where site_id = %L
    and rule in ('connected_calls', 'weekly_invitations', 'visit_leave_credit', 'deal_bonus', 'lead_recall') order by rule$$, :site),
  $$values ('connected_calls', '{"daily_target": 100, "yuan_per_missing": 1}'::jsonb),
    ('deal_bonus', '{"high_rise": 200, "villa": 500}'::jsonb),
    ('lead_recall', '{"days": 30}'::jsonb),
    ('visit_leave_credit', '{"visits": 10, "minutes": 240}'::jsonb),
    ('weekly_invitations', '{"weekly_target": 10}'::jsonb)$$,
  'the demo site has the outbound manual''s numbers as its rules');

insert into public.sites (id, name) values ('5c000000-0000-4000-8000-000000000003', 'New site');
select is(
  (select count(*)::int from public.incentive_rules where site_id = '5c000000-0000-4000-8000-000000000003'
     and rule in ('connected_calls', 'weekly_invitations', 'visit_leave_credit', 'deal_bonus', 'lead_recall')),
  5, 'a new site starts with the same five rules');

select tests.check(:manager,
  format($$insert into incentive_rules (site_id, rule, effective_from, params)
    values (%L, 'connected_calls', '2027-01-01', '{"daily_target": 0, "yuan_per_missing": 1}')$$, :site),
  'CB104', 'a daily target of 0 calls is refused');
select tests.check(:manager,
  format($$insert into incentive_rules (site_id, rule, effective_from, params)
    values (%L, 'connected_calls', '2027-01-01', '{"yuan_per_missing": 1}')$$, :site),
  'CB104', 'a missing daily target is refused');
select tests.check(:manager,
  format($$insert into incentive_rules (site_id, rule, effective_from, params)
    values (%L, 'connected_calls', '2027-01-01', '{"daily_target": 99.5, "yuan_per_missing": 1}')$$, :site),
  'CB104', 'a daily target that is not whole is refused');
select tests.check(:lead4,
  format($$insert into incentive_rules (site_id, rule, effective_from, params)
    values (%L, 'connected_calls', '2027-01-01', '{"daily_target": 80, "yuan_per_missing": 2}')$$, :site),
  '42501', 'a team lead does not change the rules');
select tests.check(:user31, $$select * from incentive_rules where rule = 'connected_calls'$$, '1', 'an agent reads the site''s rules');
select tests.check(:manager,
  format($$delete from incentive_rules where site_id = %L and rule = 'deal_bonus'$$, :site),
  '0', 'a version in force is never withdrawn');

select tests.check(:manager,
  format($$insert into incentive_rules (site_id, rule, effective_from, params)
    values (%L, 'connected_calls', '2026-01-01', '{"daily_target": 80, "yuan_per_missing": 2}')$$, :site),
  'CB121', 'a version dated back is refused: it would change statements already worked out');
-- The first of next month, whenever the suite runs (a fixed date would be dated back one day).
select (date_trunc('month', app.site_today(:site)) + interval '1 month')::date as next_month \gset
select tests.keep_as(:manager,
  format($$insert into incentive_rules (site_id, rule, effective_from, params)
    values (%L, 'connected_calls', %L, '{"daily_target": 80, "yuan_per_missing": 2}')$$, :site, :'next_month'));
select is(app.incentive_params(:site, 'connected_calls', :'next_month'::date - 1) ->> 'daily_target', '100',
  'the day before a new version, the old one is in force');
select is(app.incentive_params(:site, 'connected_calls', :'next_month') ->> 'daily_target', '80',
  'from its date, the new version is in force');

-- ------------------------------------------------------------ phone keys

select is(app.phone_key('+86 138-0000-0011'), '13800000011', 'a mobile number with the country code keys as the number');
select is(app.phone_key('022-2345 6789'), '02223456789', 'a landline keys as its digits');

-- ------------------------------------------------------------ call log

select throws_ok(
  format($$select tests.run_as(%L, %L)$$, :user31, format($i$select log_lead_call(%L, true)$i$, :'lead31')),
  'CB100', null, 'a connected call without a grade is refused');
select throws_ok(
  format($$select tests.run_as(%L, %L)$$, :user31, format($i$select log_lead_call(%L, false, 'B')$i$, :'lead31')),
  'CB100', null, 'a call that did not connect has no grade');
select throws_ok(
  format($$select tests.run_as(%L, %L)$$, :user31, format($i$select log_lead_call(%L, true, 'B', next_follow_up_on => current_date - 2)$i$, :'lead31')),
  'CB100', null, 'a next follow-up before the call is refused');
select throws_ok(
  format($$select tests.run_as(%L, %L)$$, :user31, format($i$select log_lead_call(%L, true, 'B', called_at => now() + interval '1 hour')$i$, :'lead31')),
  'CB100', null, 'a call in the future is refused');
select throws_ok(
  format($$select tests.run_as(%L, %L)$$, :user32, format($i$select log_lead_call(%L, true, 'B')$i$, :'lead31')),
  '42501', null, 'another caller cannot log a call of agent31''s lead');
select throws_ok(
  format($$select tests.run_as(%L, %L)$$, :supervisor, format($i$select log_lead_call(%L, true, 'B')$i$, :'lead31')),
  '42501', null, 'a supervisor (who may not read leads) cannot log a call');

select follow_up_count as count_before from public.leads where id = :'lead31' \gset
select tests.keep_as(:user31, format($$select log_lead_call(%L, false, notes => '无人接听')$$, :'lead31'));
select tests.keep_as(:user31, format($$select log_lead_call(%L, true, 'A', 'villa', '周六来看别墅', current_date + 1)$$, :'lead31'));
select results_eq(
  format($$select grade::text, product::text, follow_up_count - %s, next_follow_up_on = current_date + 1,
      graded_at is not null, last_called_at is not null
    from public.leads where id = %L$$, :count_before, :'lead31'),
  $$values ('A', 'villa', 1, true, true, true)$$,
  'a connected call grades the lead, sets its product and next follow-up; only the connected call counts as a follow-up');
select tests.keep_as(:lead4,
  format($$select log_lead_call(%L, true, 'D', called_at => now() - interval '2 days')$$, :'lead31'));
select results_eq(
  format($$select grade::text, follow_up_count - %s from public.leads where id = %L$$, :count_before, :'lead31'),
  $$values ('A', 2)$$,
  'a call logged late (by the team lead) joins the history without overwriting the newer grade');
select results_eq(
  format($$select connected, grade::text, agent_id from public.lead_calls where lead_id = %L order by called_at$$, :'lead31'),
  format($$values (true, 'D', %L::uuid), (false, null, %L::uuid), (true, 'A', %L::uuid)$$, :agent31, :agent31, :agent31),
  'the call log keeps every call in order, each the caller''s');

insert into tests.matrix (op, what, statement, expected) values
  --  agent  lead   sup    mgr    qa     anlyst admin  disp   anon
  ('select', 'the call log of agent31''s lead',
    format($$select * from lead_calls where lead_id = %L$$, :'lead31'),
    '{3,     3,     0,     3,     0,     0,     0,     0,     0}'),
  ('insert', 'a call log line straight into the table',
    format($$insert into lead_calls (site_id, lead_id, agent_id, called_at, connected, grade)
      values (%L, %L, %L, now(), true, 'B')$$, :site, :'lead31', :agent31),
    '{42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501, 42501}');
select * from tests.check_matrix();
select tests.check(:user32, format($$select * from lead_calls where lead_id = %L$$, :'lead31'), '0',
  'another caller of the same team sees none of agent31''s calls');

-- ------------------------------------------------------------ call lists

select count(*) as leads_before from public.leads where site_id = :site \gset
select throws_ok(
  format($$select tests.run_as(%L, %L)$$, :lead4, format($i$select * from import_leads(%L, '[
      {"customer_name": "新客户甲", "phone": "13900000001", "source": "outreach"},
      {"customer_name": "", "phone": "13900000002", "source": "outreach"},
      {"customer_name": "新客户丙", "phone": "13900000003", "source": "billboard"}]')$i$, :agent31)),
  'CB101', 'line 2: customer_name is not valid', 'a list with a bad line is refused, naming the first bad line');
select is((select count(*) from public.leads where site_id = :site), :leads_before::bigint,
  'and nothing of it is stored');
select throws_ok(
  format($$select tests.run_as(%L, %L)$$, :user31, format($i$select * from import_leads(%L,
      '[{"customer_name": "新客户甲", "phone": "13900000001", "source": "outreach"}]')$i$, :agent31)),
  '42501', null, 'a caller does not hand themself a call list');
select throws_ok(
  format($$select tests.run_as(%L, %L)$$, :lead1, format($i$select * from import_leads(%L,
      '[{"customer_name": "新客户甲", "phone": "13900000001", "source": "outreach"}]')$i$, :agent31)),
  '42501', null, 'the lead of another team does not hand agent31 a call list');

create temp table imported (line integer, lead_id uuid, status text, duplicate_owner text) on commit drop;
grant all on imported to authenticated;
select tests.keep_as(:lead4, format($i$insert into imported select * from import_leads(%L, '[
    {"customer_name": "新客户甲", "phone": "139-0000-0001", "source": "outreach", "product": "high_rise"},
    {"customer_name": "老客户", "phone": "+86 %s", "source": "agency"},
    {"customer_name": "新客户甲的家人", "phone": "13900000001", "source": "customer_club"},
    {"customer_name": "新客户丁", "phone": "13900000004", "source": "own_project", "notes": "来电咨询过"}]',
    list_name => '十二月第一批')$i$, :agent32, :'phone31'));
select results_eq(
  $$select line, lead_id is not null, status, duplicate_owner from imported order by line$$,
  format($$values (1, true, 'added', null::text), (2, false, 'duplicate_skipped', %L), (3, false, 'duplicate_skipped', %L),
    (4, true, 'added', null)$$, :'name31', (select display_name from public.agents where id = :agent32)),
  'duplicates of the site (another caller''s customer) and of the list itself are skipped and name the earlier owner');
select results_eq(
  $$select l.owner_agent_id, l.product::text, l.list_name, l.source::text from imported i join public.leads l on l.id = i.lead_id order by i.line$$,
  format($$values (%L::uuid, 'high_rise', '十二月第一批', 'outreach'), (%L::uuid, null, '十二月第一批', 'own_project')$$, :agent32, :agent32),
  'the added leads belong to the caller, with their product, source and the list''s name');
delete from imported;
select tests.keep_as(:manager, format($i$insert into imported select * from import_leads(%L,
    '[{"customer_name": "老客户", "phone": "%s", "source": "agency"}]', skip_duplicates => false)$i$, :agent32, :'phone31'));
select results_eq(
  $$select i.status, l.duplicate_of from imported i join public.leads l on l.id = i.lead_id$$,
  format($$values ('duplicate_added', %L::uuid)$$, :'lead31'),
  'kept on request, a duplicate is flagged with the earlier lead');
select tests.check(:user32,
  format($$select * from leads where id = (select duplicate_of from leads where owner_agent_id = %L and duplicate_of is not null)$$, :agent32),
  '0', 'the flag does not open the earlier customer to the other caller');

-- ------------------------------------------------------------ recall list

select id as lead_b from public.leads where owner_agent_id = :agent31 order by phone offset 1 limit 1 \gset
select id as lead_c from public.leads where owner_agent_id = :agent31 order by phone offset 2 limit 1 \gset
update public.leads set grade = 'B', graded_at = now() - interval '28 days' where id = :'lead_b';
update public.leads set grade = 'D', graded_at = now() - interval '40 days' where id = :'lead_c';
update public.leads set graded_at = now() - interval '40 days' where id = :'lead31';
select results_eq(
  format($$select lead_id from lead_recall_list(%L) where owner_agent_id = %L$$, :site, :agent31),
  format($$values (%L::uuid), (%L::uuid)$$, :'lead31', :'lead_b'),
  'the recall list: the overdue A first, then the B due in two days; never the D');
select tests.check(:user31, format($$select * from lead_recall_list(%L)$$, :site), '2',
  'agent31 sees their two leads due');
select tests.check(:user32, format($$select * from lead_recall_list(%L) where owner_agent_id = %L$$, :site, :agent31), '0',
  'another caller sees none of them');
select tests.check(:supervisor, format($$select * from lead_recall_list(%L)$$, :site), '0',
  'a supervisor sees no customer in the recall list');

-- ------------------------------------------------------ bookings and visits

select tests.check(:user31,
  format($$select book_invitation(%L, now() - interval '2 days')$$, :'lead_c'), 'CB102',
  'an appointment two days ago is refused');
select id as booked_c from public.invitations where lead_id = :'lead_c' and status = 'booked' \gset
select tests.check(:user31,
  format($$select book_invitation(%L, now() + interval '2 days')$$, :'lead_c'), 'CB102',
  'a customer with a booked visit is not booked twice');
update public.invitations set status = 'cancelled' where lead_id = :'lead_c';
select tests.keep_as(:user31, format($$select book_invitation(%L, now() + interval '1 day', 'high_rise', '带家人来')$$, :'lead_c'));
select results_eq(
  format($$select status::text, product::text, agent_id from public.invitations where lead_id = %L and status = 'booked'$$, :'lead_c'),
  format($$values ('booked', 'high_rise', %L::uuid)$$, :agent31),
  'the caller books a visit for their lead');
select id as new_visit from public.invitations where lead_id = :'lead_c' and status = 'booked' \gset
select tests.check(:user32, format($$select book_invitation(%L, now() + interval '1 day')$$, :'lead_b'), '42501',
  'another caller cannot book a visit of agent31''s customer');

select tests.check(:user31, format($$select confirm_invitation(%L)$$, :'new_visit'), '42501',
  'the caller never confirms their own visit');
select tests.check(:user31, format($$select record_deal(%L, 'villa')$$, :'new_visit'), 'CB103',
  'a booked visit is not a deal yet');
select tests.keep_as(:supervisor, format($$select confirm_invitation(%L)$$, :'new_visit'));
select results_eq(
  format($$select status::text, confirmed_by, visited_at is not null from public.invitations where id = %L$$, :'new_visit'),
  format($$values ('visited', %L::uuid, true)$$, :supervisor),
  'a supervisor confirms the arrival, stamped with who and when');
select confirmed_at as first_confirmed from public.invitations where id = :'new_visit' \gset
select tests.keep_as(:lead4, format($$select confirm_invitation(%L)$$, :'new_visit'));
select results_eq(
  format($$select confirmed_by, confirmed_at = %L::timestamptz from public.invitations where id = %L$$, :'first_confirmed', :'new_visit'),
  format($$values (%L::uuid, true)$$, :supervisor),
  'confirming again changes nothing');
select tests.check(:user31, format($$select record_deal(%L, 'villa')$$, :'new_visit'), '42501',
  'the caller does not record their own deal');
select tests.check(:lead4, format($$select record_deal(%L, 'other')$$, :'new_visit'), 'CB103',
  'a deal is a high-rise unit or a villa');
select tests.keep_as(:lead4, format($$select record_deal(%L, 'villa')$$, :'new_visit'));
select results_eq(
  format($$select deal_product::text, deal_recorded_by, deal_at is not null from public.invitations where id = %L$$, :'new_visit'),
  format($$values ('villa', %L::uuid, true)$$, :lead4),
  'the team lead records the villa deal');
select tests.check(:lead4, format($$select confirm_invitation(%L)$$, :'booked_c'), 'CB103',
  'a cancelled invitation is not confirmed');

-- --------------------------------------------- half a paid day per 10 visits

-- agent32 has 2 confirmed visits from the seed; 7 more make 9, the 10th
-- earns the credit, confirming it again or the 11th earns nothing more.
select count(*)::int as visits32 from public.invitations where agent_id = :agent32 and status = 'visited' \gset
select is(:visits32, 2, 'fixture: agent32 has two confirmed visits');
select coalesce(sum(minutes), 0)::int as ledger32 from public.leave_ledger where agent_id = :agent32 and leave_type = 'visit_half_day' \gset
create temp table visit_leads on commit drop as
  select g as n, gen_random_uuid() as lead_id, gen_random_uuid() as invitation_id from generate_series(1, 9) g;
grant select on visit_leads to authenticated;
insert into public.leads (id, site_id, owner_agent_id, customer_name, phone, source)
select lead_id, :site, :agent32, '到访客户' || n, '13700000' || lpad(n::text, 3, '0'), 'outreach' from visit_leads;
insert into public.invitations (id, site_id, agent_id, lead_id, appointment_at)
select invitation_id, :site, :agent32, lead_id, now() from visit_leads;
select tests.keep_as(:lead4, format($$select confirm_invitation(invitation_id) from visit_leads where n <= 7$$));
select is((select count(*)::int from public.visit_leave_credits where agent_id = :agent32), 0, '9 confirmed visits earn nothing yet');
select tests.keep_as(:lead4, $$select confirm_invitation(invitation_id) from visit_leads where n = 8$$);
select results_eq(
  format($$select block, visits, minutes from public.visit_leave_credits where agent_id = %L$$, :agent32),
  $$values (1, 10, 240)$$,
  'the 10th confirmed visit earns half a paid day');
select is(
  (select sum(minutes)::int from public.leave_ledger where agent_id = :agent32 and leave_type = 'visit_half_day') - :ledger32,
  240, 'and credits exactly 240 minutes to the leave ledger');
select tests.keep_as(:lead4, $$update invitations set status = 'no_show', visited_at = null, confirmed_at = null, confirmed_by = null where id = (select invitation_id from visit_leads where n = 8)$$);
select tests.keep_as(:lead4, $$select confirm_invitation(invitation_id) from visit_leads where n = 8$$);
select tests.keep_as(:lead4, $$select confirm_invitation(invitation_id) from visit_leads where n = 9$$);
select is((select count(*)::int from public.visit_leave_credits where agent_id = :agent32), 1,
  'taken back and confirmed again, and the 11th visit: still one credit');
select is(
  (select sum(minutes)::int from public.leave_ledger where agent_id = :agent32 and leave_type = 'visit_half_day') - :ledger32,
  240, 'and the ledger still has the 240 minutes once');
select tests.check(:user32, $$select * from visit_leave_credits$$, '1', 'the caller sees their credit');
select tests.check(:user31, format($$select * from visit_leave_credits where agent_id = %L$$, :agent32), '0',
  'another caller does not');

select * from finish();
rollback;
