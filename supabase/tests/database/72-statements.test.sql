-- Monthly statements, rule defaults and the ranking (20261209300000,
-- 20261209300100) with frozen time (app.agent_statement_at's moment):
-- the connected-calls penalty at 100 / 99 connected, only on days with a
-- published shift and no approved leave, up to today, with a rule version
-- starting mid-month; the month-of-misses flag across October 2026 (starts
-- on a Thursday), only once its last week is over; visit credits shown once
-- even when a visit is confirmed again; deal bonuses; the monthly target at
-- 39 / 40 / 48 (exactly 120 %: no extra) / 49; the CSAT award at 4.8 and
-- 4.75, training after three months below 4.5 (not at 4.5) with the
-- withheld share; the team fund after three months; the quarterly top 3
-- once the quarter is over; the ranking by visits then deals with the cut
-- line; every line traceable to its facts; who may read (the team, amounts
-- only, never a customer's name or phone); parameter checks (CB120).
begin;
select plan(81);

\ir test-helpers.psql

-- ------------------------------------------------------------ fixture
insert into public.teams (id, site_id, name, kind) values
  ('d7000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', 'Statements team', 'outbound'),
  ('d7000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', 'Fund team', 'outbound'),
  ('d7000000-0000-4000-8000-000000000003', '5a000000-0000-4000-8000-000000000001', 'Inbound statements team', 'inbound');
-- Only this file's callers are active, so the ranking does not depend on the seed.
update public.agents set active = false where site_id = '5a000000-0000-4000-8000-000000000001';

create function tests.usr(n integer) returns uuid language sql immutable as $$
  select ('d0000000-0000-4000-8000-0000000000' || lpad(n::text, 2, '0'))::uuid
$$;
create function tests.ag(n integer) returns uuid language sql immutable as $$
  select ('dd000000-0000-4000-8000-0000000000' || lpad(n::text, 2, '0'))::uuid
$$;
insert into auth.users (id, aud, role, email)
select tests.usr(n), 'authenticated', 'authenticated', format('stmt%s@test.local', n)
from generate_series(1, 11) n;
-- 1–6 and 8 in the statements team, 7 alone in the fund team, 9 inbound; 11 leads the statements team.
insert into public.agents (id, site_id, team_id, user_id, display_name, employee_no)
select tests.ag(n), '5a000000-0000-4000-8000-000000000001',
  case n when 7 then 'd7000000-0000-4000-8000-000000000002'::uuid when 9 then 'd7000000-0000-4000-8000-000000000003'::uuid
    else 'd7000000-0000-4000-8000-000000000001'::uuid end,
  tests.usr(n), format('结算员%s', n), format('ST%s', lpad(n::text, 2, '0'))
from generate_series(1, 9) n;
insert into public.members (user_id, site_id, team_id, role)
select tests.usr(n), '5a000000-0000-4000-8000-000000000001', a.team_id, 'agent'
from generate_series(1, 9) n join public.agents a on a.id = tests.ag(n);
insert into public.members (user_id, site_id, team_id, role) values
  (tests.usr(11), '5a000000-0000-4000-8000-000000000001', 'd7000000-0000-4000-8000-000000000001', 'lead');
insert into public.queues (id, site_id, name, direction) values
  ('d9000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', 'Statements outbound', 'outbound');
insert into public.leads (id, site_id, owner_agent_id, customer_name, phone, source)
select tests.ag(n), '5a000000-0000-4000-8000-000000000001', tests.ag(n), format('Secret 客户 %s', n),
  format('1390000%s', lpad(n::text, 4, '0')), 'own_project'
from generate_series(1, 9) n;

create function tests.t(local text) returns timestamptz language sql as $$
  select local::timestamp at time zone 'Asia/Shanghai'
$$;
-- `answered` connected and `missed` unanswered outbound calls of agent n at a site-local moment.
create function tests.calls(n integer, local text, answered integer, missed integer default 0) returns void
language sql as $$
  insert into public.call_summaries (queue_id, call_id, site_id, direction, agent_id, offered_at, answered_at, waiting,
    offered, answered, answered_within_sl, abandoned, abandoned_short, handled, talk_s, hold_s, acw_s, wait_answered_s)
  select 'd9000000-0000-4000-8000-000000000001', format('stmt-%s-%s-%s', n, local, g), '5a000000-0000-4000-8000-000000000001',
    'outbound', tests.ag(n), tests.t(local), case when g <= answered then tests.t(local) + interval '5 seconds' end, false,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  from generate_series(1, answered + missed) g
$$;
-- `count` confirmed visits of agent n at a site-local moment (a second apart), the first `deals` of them deals.
create function tests.visits(n integer, local text, count integer, deals integer default 0,
  product public.product_kind default 'high_rise') returns void
language sql as $$
  insert into public.invitations (site_id, agent_id, lead_id, appointment_at, status, visited_at, confirmed_at, deal_product, deal_at)
  select '5a000000-0000-4000-8000-000000000001', tests.ag(n), tests.ag(n), tests.t(local), 'visited',
    tests.t(local) + make_interval(secs => g), tests.t(local) + make_interval(secs => g),
    case when g <= deals then product end, case when g <= deals then tests.t(local) + interval '1 day' end
  from generate_series(1, count) g
$$;
-- CSAT ratings of agent n's calls at a site-local moment.
create function tests.ratings(n integer, local text, scores integer[]) returns void
language plpgsql as $$
declare
  i integer;
begin
  for i in 1 .. array_length(scores, 1) loop
    perform tests.calls(n, local || ':' || lpad(i::text, 2, '0'), 1);
    insert into public.call_ratings (site_id, queue_id, call_id, agent_id, call_at, score)
    values ('5a000000-0000-4000-8000-000000000001', 'd9000000-0000-4000-8000-000000000001',
      format('stmt-%s-%s-%s', n, local || ':' || lpad(i::text, 2, '0'), 1), tests.ag(n), tests.t(local), scores[i]);
  end loop;
end;
$$;
-- One line of a statement (jsonb; null when the statement has no such line).
create function tests.line(n integer, month date, moment text, rule text) returns jsonb language sql as $$
  select to_jsonb(s) from app.agent_statement_at(tests.ag(n), month, tests.t(moment)) s where s.rule = line.rule limit 1
$$;
create function tests.rules(n integer, month date, moment text) returns text language sql as $$
  select coalesce(string_agg(s.rule, ' ' order by s.line), '') from app.agent_statement_at(tests.ag(n), month, tests.t(moment)) s
$$;
-- What a user sees of a statement call, as text (errors propagate).
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

-- ------------------------------------------------------------ rules: defaults and checks
select is((select count(*)::integer from public.incentive_rules r
           where r.site_id = '5a000000-0000-4000-8000-000000000001' and r.effective_from = '2000-01-01'
             and r.rule in ('monthly_target', 'csat', 'team_fund', 'quarterly_top', 'monthly_ranking')), 5,
  'the demo site has the five statement rules from 2000-01-01');
select is(app.incentive_params('5a000000-0000-4000-8000-000000000001', 'monthly_target', '2026-09-01'),
  '{"target_visits": 40, "base_bonus": 800, "excess_above_pct": 120, "excess_share_pct": 5}'::jsonb,
  'the monthly target default: 40 visits, 800 yuan, above 120 % 5 % of the base bonus per visit');
insert into public.sites (id, name) values ('d5000000-0000-4000-8000-000000000001', 'Statements new site');
select is((select count(*)::integer from public.incentive_rules r where r.site_id = 'd5000000-0000-4000-8000-000000000001'), 10,
  'a new site gets all ten default rules');
select throws_ok($$insert into public.incentive_rules (site_id, rule, effective_from, params)
  values ('5a000000-0000-4000-8000-000000000001', 'monthly_target', '2026-12-01',
    '{"target_visits": 0, "base_bonus": 800, "excess_above_pct": 120, "excess_share_pct": 5}')$$,
  'CB120', 'rule monthly_target: target_visits must be a whole number from 1 to 1000', 'a monthly target of 0 is refused');
select throws_ok($$insert into public.incentive_rules (site_id, rule, effective_from, params)
  values ('5a000000-0000-4000-8000-000000000001', 'csat', '2026-12-01',
    '{"award_min": 4.8, "award_yuan": 300, "training_below": 4.9, "training_months": 3, "withheld_pct": 20}')$$,
  'CB120', 'rule csat: training_below must not be above award_min', 'a training line above the award line is refused');
select throws_ok($$insert into public.incentive_rules (site_id, rule, effective_from, params)
  values ('5a000000-0000-4000-8000-000000000001', 'quarterly_top', '2026-12-01', '{"tiers": [1000, "x"]}')$$,
  'CB120', 'rule quarterly_top: tiers must be a list of 1 to 10 amounts from 0 to 1000000', 'tiers must be amounts');
select throws_ok($$insert into public.incentive_rules (site_id, rule, effective_from, params)
  values ('5a000000-0000-4000-8000-000000000001', 'monthly_ranking', '2026-12-01', '{"cut_after_rank": 2.5}')$$,
  'CB120', 'rule monthly_ranking: cut_after_rank must be a whole number from 1 to 1000', 'a cut rank is whole');
select throws_ok($$insert into public.incentive_rules (site_id, rule, effective_from, params)
  values ('5a000000-0000-4000-8000-000000000001', 'team_fund', '2026-12-01', '{"months": 3}')$$,
  'CB120', 'rule team_fund: fund_yuan must be an amount from 0 to 10000000', 'the fund amount is required');
select lives_ok($$insert into public.incentive_rules (site_id, rule, effective_from, params)
  values ('d5000000-0000-4000-8000-000000000001', 'monthly_ranking', '2026-12-01', '{"cut_after_rank": 8}')$$,
  'a valid new version is taken');
select is(tests.outcome(tests.usr(1), $$insert into public.incentive_rules (site_id, rule, effective_from, params)
  values ('5a000000-0000-4000-8000-000000000001', 'monthly_ranking', '2026-12-01', '{"cut_after_rank": 8}')$$),
  'error 42501', 'an agent cannot add a rule version');

-- ------------------------------------------------------------ connected calls (November 2026)
-- Published week of Monday 2 November: shifts Mon–Fri; approved leave on Thursday 5th.
-- A draft week of 9 November with a shift on Monday 9th (not counted).
insert into public.schedules (id, site_id, team_id, week_start, version, status, published_at) values
  ('d8000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', 'd7000000-0000-4000-8000-000000000001',
   '2026-11-02', 1, 'draft', null),
  ('d8000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', 'd7000000-0000-4000-8000-000000000001',
   '2026-11-09', 1, 'draft', null);
insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
select '5a000000-0000-4000-8000-000000000001', case when d < '2026-11-09' then 'd8000000-0000-4000-8000-000000000001'::uuid
    else 'd8000000-0000-4000-8000-000000000002'::uuid end, tests.ag(1), d::date, '09:00', '17:00'
from unnest(array['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09']::date[]) d;
update public.schedules set status = 'published', published_at = now() where id = 'd8000000-0000-4000-8000-000000000001';
insert into public.approved_leave (site_id, agent_id, starts_on, ends_on, kind)
values ('5a000000-0000-4000-8000-000000000001', tests.ag(1), '2026-11-05', '2026-11-05', 'annual');
-- Sunday 1st (no shift): 50. Monday 2nd: 100 (one at 00:00 site time). Tuesday 3rd: 99 connected
-- (one at 23:59:30) and 5 not. Wednesday 4th: 97 by noon. Thursday 5th (leave): 10. Draft Monday 9th: 0.
select tests.calls(1, '2026-11-01 10:00', 50);
select tests.calls(1, '2026-11-02 00:00', 1);
select tests.calls(1, '2026-11-02 10:00', 99);
select tests.calls(1, '2026-11-03 10:00', 98, 5);
select tests.calls(1, '2026-11-03 23:59:30', 1);
select tests.calls(1, '2026-11-04 11:00', 97);
select tests.calls(1, '2026-11-05 10:00', 10);

select is(tests.line(1, '2026-11-01', '2026-11-02 12:00', 'connected_calls') -> 'rule', null,
  'a running day is not charged: on Monday noon there is no finished shift day yet');
select is(tests.line(1, '2026-11-01', '2026-11-03 00:00', 'connected_calls') -> 'amount', '0'::jsonb,
  'exactly 100 connected calls: no penalty');
select is(tests.line(1, '2026-11-01', '2026-11-03 00:00', 'connected_calls') #> '{facts,days_counted}', '1'::jsonb,
  'Sunday without a shift is not counted, Monday is');
select is(tests.line(1, '2026-11-01', '2026-11-03 23:00', 'connected_calls') -> 'amount', '0'::jsonb,
  'Tuesday is not charged while it runs (98 by 23:00)');
select is(tests.line(1, '2026-11-01', '2026-11-04 00:00', 'connected_calls') -> 'amount', '1'::jsonb,
  'once Tuesday is over, 99 connected calls: 1 yuan');
select is(tests.line(1, '2026-11-01', '2026-11-04 12:00', 'connected_calls') -> 'amount', '1'::jsonb,
  'today is not charged: 97 by noon on Wednesday adds nothing yet');
select is(tests.line(1, '2026-11-01', '2026-11-05 00:00', 'connected_calls') -> 'amount', '4'::jsonb,
  'once Wednesday is over, its 97 add 3 yuan');
select is(tests.line(1, '2026-11-01', '2026-11-05 00:00', 'connected_calls') #> '{facts,short_days}',
  jsonb_build_array(
    jsonb_build_object('day', '2026-11-03', 'connected', 99, 'target', 100, 'missing', 1, 'yuan', 1,
      'rule_id', (select r.id from public.incentive_rules r where r.site_id = '5a000000-0000-4000-8000-000000000001'
                  and r.rule = 'connected_calls' and r.effective_from = '2000-01-01')),
    jsonb_build_object('day', '2026-11-04', 'connected', 97, 'target', 100, 'missing', 3, 'yuan', 1,
      'rule_id', (select r.id from public.incentive_rules r where r.site_id = '5a000000-0000-4000-8000-000000000001'
                  and r.rule = 'connected_calls' and r.effective_from = '2000-01-01'))),
  'the short days with their counts (a call at 23:59:30 site time is the day''s)');
select is(tests.line(1, '2026-11-01', '2026-11-10 12:00', 'connected_calls') -> 'amount', '104'::jsonb,
  'leave on Thursday is not counted, Friday with no calls is 100 yuan, the draft Monday is not counted');
select is(tests.line(1, '2026-11-01', '2026-11-10 12:00', 'connected_calls') #> '{facts,days_counted}', '4'::jsonb, 'four days counted');
select is(tests.line(1, '2026-10-01', '2026-11-10 12:00', 'connected_calls') -> 'rule', null, 'no shift in October: no connected-calls line');
-- A new version from Wednesday 4th: 2 yuan a missing call.
insert into public.incentive_rules (site_id, rule, effective_from, params)
values ('5a000000-0000-4000-8000-000000000001', 'connected_calls', '2026-11-04', '{"daily_target": 100, "yuan_per_missing": 2}');
select is(tests.line(1, '2026-11-01', '2026-11-05 00:00', 'connected_calls') -> 'amount', '7'::jsonb,
  'each day is charged by the version in force on it: 1 × 1 + 3 × 2');
select is(jsonb_array_length(tests.line(1, '2026-11-01', '2026-11-05 00:00', 'connected_calls') #> '{facts,rule_versions}'), 2,
  'the line names both rule versions');
select is((select count(*)::integer from jsonb_array_elements(tests.line(1, '2026-11-01', '2026-11-05 00:00', 'connected_calls') #> '{facts,rule_versions}') v
           join public.incentive_rules r on r.id = (v ->> 'id')::uuid and r.effective_from = (v ->> 'effective_from')::date), 2,
  'the rule versions are rows of the rule table');

-- ------------------------------------------------------------ weekly target (October 2026 starts on a Thursday)
-- 10 visits on Thursday 1 October (the week of 28 September, September's), 9 in each week whose Monday is in October.
select tests.visits(1, '2026-10-01 10:00', 10);
select tests.visits(1, '2026-10-06 10:00', 9);
select tests.visits(1, '2026-10-13 10:00', 9);
select tests.visits(1, '2026-10-20 10:00', 9);
select tests.visits(1, '2026-10-27 10:00', 9);
select is(tests.line(1, '2026-10-01', '2026-11-01 23:59', 'weekly_invitations') -> 'rule', null,
  'no flag while the last week of October (to Sunday 1 November) is not over');
select is(tests.line(1, '2026-10-01', '2026-11-02 00:00', 'weekly_invitations') -> 'kind', '"flag"'::jsonb,
  'every October week missed: flagged on Monday 2 November');
select is((select jsonb_agg(w ->> 'week_start') from jsonb_array_elements(tests.line(1, '2026-10-01', '2026-11-02 00:00', 'weekly_invitations') #> '{facts,weeks}') w),
  '["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]'::jsonb,
  'October''s weeks are those whose Monday is in October: the visits of 1 October do not count');
select is(tests.line(1, '2026-10-01', '2026-11-02 00:00', 'weekly_invitations') -> 'amount', 'null'::jsonb, 'a flag has no amount');
select is(tests.line(1, '2026-09-01', '2026-11-02 00:00', 'weekly_invitations') -> 'rule', null,
  'September is not flagged: its last week (from 28 September) had 10 visits');
select tests.visits(1, '2026-11-01 20:00', 1);
select is(tests.line(1, '2026-10-01', '2026-11-02 00:00', 'weekly_invitations') -> 'rule', null,
  'a 10th visit on the Sunday of the last week lifts the flag');

-- ------------------------------------------------------------ visit credits
-- The credits are dated when they were made; date them at the visit that earned them.
update public.visit_leave_credits c set credited_at = i.visited_at
from public.invitations i where i.id = c.invitation_id and c.agent_id = tests.ag(1);
select is(tests.rules(1, '2026-10-01', '2026-11-02 00:00'),
  'visit_leave_credit visit_leave_credit visit_leave_credit visit_leave_credit monthly_target',
  'four blocks of 10 visits credited in October, and the monthly target line');
select is((select jsonb_agg(s.facts -> 'block' order by s.line) from app.agent_statement_at(tests.ag(1), '2026-10-01', tests.t('2026-11-02')) s
           where s.rule = 'visit_leave_credit'), '[1, 2, 3, 4]'::jsonb, 'each block once');
-- The 10th visit taken back and confirmed again.
update public.invitations set status = 'booked', visited_at = null, confirmed_at = null
where id = (select c.invitation_id from public.visit_leave_credits c where c.agent_id = tests.ag(1) and c.block = 1);
update public.invitations set status = 'visited', visited_at = tests.t('2026-10-01 10:00:10'), confirmed_at = now()
where id = (select c.invitation_id from public.visit_leave_credits c where c.agent_id = tests.ag(1) and c.block = 1);
select is((select count(*)::integer from app.agent_statement_at(tests.ag(1), '2026-10-01', tests.t('2026-11-02')) s
           where s.rule = 'visit_leave_credit'), 4, 'a visit confirmed again credits nothing new');
select is(tests.line(1, '2026-10-01', '2026-11-02', 'visit_leave_credit') -> 'quantity', '240'::jsonb, 'a credit line is 240 minutes');
select ok((select bool_and(l.id is not null and l.minutes = 240 and l.leave_type = 'visit_half_day')
           from app.agent_statement_at(tests.ag(1), '2026-10-01', tests.t('2026-11-02')) s
           left join public.leave_ledger l on l.id = (s.facts ->> 'ledger_id')::uuid
           where s.rule = 'visit_leave_credit'), 'each credit line names its leave ledger entry');

-- ------------------------------------------------------------ September: target, deals, CSAT, team fund, quarter
select tests.visits(3, '2026-09-10 10:00', 48);
select tests.visits(4, '2026-09-10 10:00', 49, 2, 'high_rise');
insert into public.invitations (site_id, agent_id, lead_id, appointment_at, status, visited_at, confirmed_at, deal_product, deal_at)
values ('5a000000-0000-4000-8000-000000000001', tests.ag(4), tests.ag(4), tests.t('2026-08-30 10:00'), 'visited',
  tests.t('2026-08-30 10:00'), tests.t('2026-08-30 10:00'), 'villa', tests.t('2026-09-02 10:00'));
select tests.visits(5, '2026-09-10 10:00', 39, 1, 'high_rise');
select tests.visits(6, '2026-09-10 10:00', 2, 1, 'villa');
select tests.visits(2, '2026-09-10 10:00', 2);
select tests.visits(7, '2026-07-10 10:00', 40);
select tests.visits(7, '2026-08-10 10:00', 40);
select tests.visits(7, '2026-09-10 10:00', 40);
select tests.ratings(3, '2026-09-15 10:00', '{5,5,5,5,4}');
select tests.ratings(4, '2026-09-15 10:00', '{5,5,5,4}');
select tests.ratings(5, '2026-07-15 10:00', '{4,4}');
select tests.ratings(5, '2026-08-15 10:00', '{4}');
select tests.ratings(5, '2026-09-15 10:00', '{4}');

select is(tests.line(5, '2026-09-01', '2026-10-15 12:00', 'monthly_target') #> '{amount}', '0'::jsonb, '39 visits: target not met, no base bonus');
select is(tests.line(7, '2026-09-01', '2026-10-15 12:00', 'monthly_target') #> '{amount}', '800'::jsonb, 'exactly 40 visits: the base bonus');
select is(tests.line(3, '2026-09-01', '2026-10-15 12:00', 'monthly_target') #> '{amount}', '800'::jsonb, '48 visits: the base bonus');
select is(tests.line(3, '2026-09-01', '2026-10-15 12:00', 'monthly_target_excess'), null, 'exactly 120 %: no extra');
select is(tests.line(4, '2026-09-01', '2026-10-15 12:00', 'monthly_target_excess') -> 'amount', '360'::jsonb,
  '49 visits: 9 above target × 5 % of 800 = 360 yuan');
select is(tests.line(4, '2026-09-01', '2026-10-15 12:00', 'monthly_target_excess') -> 'quantity', '9'::jsonb, 'quantity: visits above target');
select is((select count(*)::integer from jsonb_array_elements_text(tests.line(4, '2026-09-01', '2026-10-15 12:00', 'monthly_target') #> '{facts,invitation_ids}') x
           join public.invitations i on i.id = x::uuid and i.agent_id = tests.ag(4) and i.status = 'visited'
             and i.visited_at >= tests.t('2026-09-01') and i.visited_at < tests.t('2026-10-01')), 49,
  'the target line lists the 49 visits that made it');
select is((select jsonb_agg(jsonb_build_array(s.facts ->> 'product', s.quantity, s.amount) order by s.line)
           from app.agent_statement_at(tests.ag(4), '2026-09-01', tests.t('2026-10-15 12:00')) s where s.rule = 'deal_bonus'),
  '[["high_rise", 2, 400], ["villa", 1, 500]]'::jsonb,
  'deals in September (by deal date, also of an August visit): 2 × 200 high-rise, 1 × 500 villa');
select is((select count(*)::integer from app.agent_statement_at(tests.ag(4), '2026-09-01', tests.t('2026-10-15 12:00')) s
           cross join lateral jsonb_array_elements(s.facts -> 'deals') d
           join public.invitations i on i.id = (d ->> 'invitation_id')::uuid and i.agent_id = tests.ag(4)
             and i.deal_product::text = s.facts ->> 'product'
           where s.rule = 'deal_bonus'), 3, 'each deal line names its invitations');
select is(tests.line(3, '2026-09-01', '2026-10-15 12:00', 'csat_award') -> 'amount', '300'::jsonb, 'CSAT 4.8: the award');
select is(tests.line(4, '2026-09-01', '2026-10-15 12:00', 'csat_award'), null, 'CSAT 4.75: no award');
select is(tests.line(5, '2026-09-01', '2026-10-15 12:00', 'csat_training') -> 'quantity', '3'::jsonb,
  'CSAT below 4.5 in July, August and September: training flag');
select is(tests.line(5, '2026-09-01', '2026-10-15 12:00', 'csat_withheld') -> 'amount', '40'::jsonb,
  'and 20 % of the month''s 200 yuan of rewards withheld');
select is(tests.line(5, '2026-08-01', '2026-10-15 12:00', 'csat_training'), null, 'August: June had no rating, no flag');
update public.call_ratings set score = 5
where id = (select r.id from public.call_ratings r where r.agent_id = tests.ag(5) and r.call_at = tests.t('2026-07-15 10:00') limit 1);
select is(tests.line(5, '2026-09-01', '2026-10-15 12:00', 'csat_training'), null, 'July at exactly 4.5 breaks the run');
select is(tests.line(7, '2026-09-01', '2026-10-15 12:00', 'team_fund') #> '{facts,fund_yuan}', '2000'::jsonb,
  'the fund team met its target July to September: team fund 2000');
select is(tests.line(7, '2026-08-01', '2026-10-15 12:00', 'team_fund'), null, 'August: only two months running');
select is(tests.line(3, '2026-09-01', '2026-10-15 12:00', 'team_fund'), null, 'the statements team did not meet its target');
select is(tests.line(7, '2026-09-01', '2026-10-15 12:00', 'quarterly_top') -> 'amount', '1000'::jsonb, 'Q3 rank 1 (120 visits): 1000');
select is(tests.line(4, '2026-09-01', '2026-10-15 12:00', 'quarterly_top') -> 'amount', '600'::jsonb, 'Q3 rank 2 (50 visits): 600');
select is(tests.line(3, '2026-09-01', '2026-10-15 12:00', 'quarterly_top') -> 'amount', '300'::jsonb, 'Q3 rank 3 (48 visits): 300');
select is(tests.line(5, '2026-09-01', '2026-10-15 12:00', 'quarterly_top'), null, 'rank 4: nothing');
select is(tests.line(7, '2026-09-01', '2026-09-30 23:00', 'quarterly_top'), null, 'not before the quarter is over');

select tests.visits(9, '2026-09-10 10:00', 2);
select is(tests.rules(9, '2026-09-01', '2026-10-15 12:00'), '', 'an inbound agent has no statement lines');

-- ------------------------------------------------------------ the ranking
-- As the table owner with no user: refused like a stranger.
select throws_ok($$select * from public.outbound_ranking('5a000000-0000-4000-8000-000000000001', '2026-09-01')$$, '42501',
  null, 'no member of the site: the ranking is refused');
-- The ranking read as the site's manager (claims only; the role stays the owner's).
select set_config('request.jwt.claims', '{"sub": "a0000000-0000-4000-8000-000000000002", "role": "authenticated"}', true);
select is((select jsonb_agg(jsonb_build_array(r.employee_no, r.rank, r.visits, r.deals, r.below_cut) order by r.rank, r.employee_no)
           from public.outbound_ranking('5a000000-0000-4000-8000-000000000001', '2026-09-01') r),
  '[["ST04", 1, 49, 3, false], ["ST03", 2, 48, 0, false], ["ST07", 3, 40, 0, false], ["ST05", 4, 39, 1, false],
    ["ST06", 5, 2, 1, false], ["ST02", 6, 2, 0, false], ["ST01", 7, 0, 0, true], ["ST08", 7, 0, 0, true]]'::jsonb,
  'callers of outbound teams by visits, then deals; ties share a rank; below 6th flagged');
insert into public.incentive_rules (site_id, rule, effective_from, params)
values ('5a000000-0000-4000-8000-000000000001', 'monthly_ranking', '2026-09-01', '{"cut_after_rank": 4}');
select is((select count(*)::integer from public.outbound_ranking('5a000000-0000-4000-8000-000000000001', '2026-09-01') r
           where r.below_cut), 4, 'a new version moves the cut line: ranks after 4th');
select is((select max(r.cut_after_rank) from public.outbound_ranking('5a000000-0000-4000-8000-000000000001', '2026-08-01') r),
  6, 'August keeps the earlier version');

-- ------------------------------------------------------------ who reads
insert into tests.cases (actor, statement, expected, description) values
  ('own', $$select * from public.agent_statement('dd000000-0000-4000-8000-000000000003', '2026-09-01')$$, '3', 'the agent reads their statement'),
  ('colleague', $$select * from public.agent_statement('dd000000-0000-4000-8000-000000000003', '2026-09-01')$$, '3', 'a team mate reads it'),
  ('lead', $$select * from public.agent_statement('dd000000-0000-4000-8000-000000000003', '2026-09-01')$$, '3', 'the team lead reads it'),
  ('supervisor', $$select * from public.agent_statement('dd000000-0000-4000-8000-000000000003', '2026-09-01')$$, '3', 'a supervisor reads it'),
  ('manager', $$select * from public.agent_statement('dd000000-0000-4000-8000-000000000003', '2026-09-01')$$, '3', 'a manager reads it'),
  ('other team', $$select * from public.agent_statement('dd000000-0000-4000-8000-000000000003', '2026-09-01')$$, '42501', 'another team''s agent does not'),
  ('other lead', $$select * from public.agent_statement('dd000000-0000-4000-8000-000000000003', '2026-09-01')$$, '42501', 'another team''s lead does not'),
  ('display', $$select * from public.agent_statement('dd000000-0000-4000-8000-000000000003', '2026-09-01')$$, '42501', 'a display does not'),
  ('anon', $$select * from public.agent_statement('dd000000-0000-4000-8000-000000000003', '2026-09-01')$$, '42501', 'anon does not'),
  ('colleague', $$select * from public.team_statements('d7000000-0000-4000-8000-000000000001', '2026-09-01')$$, '18', 'a team mate reads the team''s statements side by side (7 agents, 18 lines)'),
  ('other team', $$select * from public.team_statements('d7000000-0000-4000-8000-000000000001', '2026-09-01')$$, '42501', 'another team does not'),
  ('display', $$select * from public.outbound_ranking('5a000000-0000-4000-8000-000000000001', '2026-09-01')$$, '42501', 'a display does not read the ranking'),
  ('other team', $$select * from public.outbound_ranking('5a000000-0000-4000-8000-000000000001', '2026-09-01')$$, '8', 'any agent of the site reads the ranking'),
  ('manager', $$insert into public.incentive_rules (site_id, rule, effective_from, params) values ('5a000000-0000-4000-8000-000000000001', 'monthly_ranking', '2027-01-01', '{"cut_after_rank": 8}')$$, '1', 'a manager adds a version through the API'),
  ('manager', $$insert into public.incentive_rules (site_id, rule, effective_from, params) values ('5a000000-0000-4000-8000-000000000001', 'monthly_ranking', '2027-01-01', '{"cut_after_rank": 0}')$$, 'CB120', 'and is told when a number is out of range'),
  ('manager', $$insert into public.incentive_rules (site_id, rule, effective_from, params) values ('5a000000-0000-4000-8000-000000000001', 'connected_calls', '2027-01-01', '{"daily_target": 100, "yuan_per_missing": 2}')$$, '1', 'the outbound rules'' check runs for a manager too');
insert into tests.actors (ord, name, id) values
  (1, 'own', tests.usr(3)), (2, 'colleague', tests.usr(2)), (3, 'lead', tests.usr(11)),
  (4, 'supervisor', 'a0000000-0000-4000-8000-000000000003'), (5, 'manager', 'a0000000-0000-4000-8000-000000000002'),
  (6, 'other team', tests.usr(9)), (7, 'other lead', 'a0000000-0000-4000-8000-000000000011'),
  (8, 'display', 'a0000000-0000-4000-8000-000000000004'), (9, 'anon', null);
select * from tests.check_cases();
select ok(tests.seen_as(tests.usr(2), $$select * from public.team_statements('d7000000-0000-4000-8000-000000000001', '2026-09-01')$$)
  !~ '(Secret|客户|13900)', 'the team''s statements carry no customer name or phone');
select ok(tests.seen_as(tests.usr(2), $$select * from public.team_statements('d7000000-0000-4000-8000-000000000001', '2026-09-01')$$)
  ~ '"amount": 800', 'but they carry the amounts');

select * from finish();
rollback;
