-- The remaining rules of the outbound reward and penalty manual (DOMAIN.md
-- "Rewards and penalties", "Outbound teams") as rows of
-- public.incentive_rules (20261209100000_outbound_calls.sql), with their
-- defaults for every site and a check of their parameters. The statement
-- that reads them is 20261209300100_agent_statements.sql.
--
-- The manual gives no number for several of them; these are PRODUCT
-- DEFAULTS, each site changes them by adding a new version:
--
-- * monthly_target {"target_visits": 40, "base_bonus": 800,
--   "excess_above_pct": 120, "excess_share_pct": 5}
--   The monthly target of a caller counts confirmed visits (invitations
--   with status 'visited', visited in the month): 40 = 4 weeks × the weekly
--   target of 10. Met (visits >= target) → base_bonus yuan. Above
--   excess_above_pct % of the target (strictly: exactly 120 % earns no
--   extra) → an extra of excess_share_pct % of the base bonus for every
--   visit above the target (not above 120 %): 50 visits → (50 − 40) × 5 %
--   × 800 = 400 yuan. A payroll clerk checks it with the visit count alone.
-- * csat {"award_min": 4.8, "award_yuan": 300, "training_below": 4.5,
--   "training_months": 3, "withheld_pct": 20}
--   A month's average CSAT (app.agent_quality) >= award_min → award_yuan.
--   Below training_below in this month and the training_months − 1 months
--   before (each with an average) → a training flag, and withheld_pct % of
--   the month's rewards on the statement (monthly target, its extra, deal
--   bonuses) is withheld.
-- * team_fund {"months": 3, "fund_yuan": 2000}
--   A team meets its target in a month when its callers' confirmed visits
--   reach target_visits (monthly_target) × the number of its active agents.
--   Met in this month and the months − 1 before → the team earns
--   fund_yuan for its fund (shown on each member's statement as a flag: the
--   money is the team's, not the caller's).
-- * quarterly_top {"tiers": [1000, 600, 300]}
--   When a quarter is over, the site's callers (agents of outbound teams)
--   are ranked by confirmed visits in the quarter, then by deals; ranks 1,
--   2, 3 (ties share a rank) earn the tiers in order, on the statement of
--   the quarter's last month.
-- * monthly_ranking {"cut_after_rank": 6}
--   The monthly ranking marks callers ranked below cut_after_rank (the
--   manual lets them go; the product only shows the line, it never acts).
--
-- Monthly rules use the version in force on the month's first day; daily
-- and weekly rules the version in force on the day (the week's Monday).
--
-- Code: CB120 rule parameters that are not valid.

-- The new site's first versions: the lead engineer's five (as in
-- 20261209100000) and this file's five.
create or replace function app.insert_default_incentive_rules(site_id uuid) returns void
language sql security definer
set search_path = ''
as $$
  insert into public.incentive_rules (site_id, rule, effective_from, params, note, made_by)
  select insert_default_incentive_rules.site_id, d.rule, date '2000-01-01', d.params, d.note, null
  from (values
    ('connected_calls', '{"daily_target": 100, "yuan_per_missing": 1}'::jsonb, '每天至少 100 通可拨通电话，每少 1 通罚 1 元'),
    ('weekly_invitations', '{"weekly_target": 10}'::jsonb, '每周至少邀约到访 10 组'),
    ('visit_leave_credit', '{"visits": 10, "minutes": 240}'::jsonb, '每邀约到访 10 组奖励带薪假半天'),
    ('deal_bonus', '{"high_rise": 200, "villa": 500}'::jsonb, '到访成交：高层 200 元，别墅 500 元'),
    ('lead_recall', '{"days": 30}'::jsonb, 'A、B、C 类客户约一个月后循环回访'),
    ('monthly_target', '{"target_visits": 40, "base_bonus": 800, "excess_above_pct": 120, "excess_share_pct": 5}'::jsonb,
     '产品默认：月目标确认到访 40 组，达标奖 800 元；超过目标 120% 时，超出目标的每组另奖达标奖的 5%'),
    ('csat', '{"award_min": 4.8, "award_yuan": 300, "training_below": 4.5, "training_months": 3, "withheld_pct": 20}'::jsonb,
     '产品默认：月均满意度 ≥ 4.8 奖 300 元；连续 3 个月 < 4.5 参加培训并暂扣当月奖金的 20%'),
    ('team_fund', '{"months": 3, "fund_yuan": 2000}'::jsonb, '产品默认：团队连续 3 个月达标，团队基金 2000 元'),
    ('quarterly_top', '{"tiers": [1000, 600, 300]}'::jsonb, '产品默认：季度前三名分别奖 1000、600、300 元'),
    ('monthly_ranking', '{"cut_after_rank": 6}'::jsonb, '月度排名第 6 名以后标出（仅显示，不做处理）')
  ) as d (rule, params, note)
  on conflict on constraint incentive_rules_one_version_a_day do nothing
$$;
revoke execute on function app.insert_default_incentive_rules(uuid) from public, anon, authenticated;

-- Whether a rule's tiers are a list of 1 to 10 amounts from 0 to 1000000.
create function app.rule_tiers_are_bad(params jsonb, key text) returns boolean
language sql immutable
set search_path = ''
as $$
  select coalesce(jsonb_typeof(params -> key), 'missing') <> 'array'
    or jsonb_array_length(params -> key) not between 1 and 10
    or exists (
      select 1 from jsonb_array_elements(params -> key) as t (v)
      where jsonb_typeof(t.v) <> 'number' or (t.v #>> '{}')::numeric not between 0 and 1000000
    )
$$;
revoke execute on function app.rule_tiers_are_bad(jsonb, text) from public, anon, authenticated;

-- The numbers this file's rules read must be numbers in range.
create function app.check_statement_rule_params() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  p jsonb := new.params;
  bad text;
begin
  bad := case new.rule
    when 'monthly_target' then
      case when app.rule_number_is_bad(p, 'target_visits', 1, 1000, true) then 'target_visits must be a whole number from 1 to 1000'
        when app.rule_number_is_bad(p, 'base_bonus', 0, 1000000, false) then 'base_bonus must be an amount from 0 to 1000000'
        when app.rule_number_is_bad(p, 'excess_above_pct', 100, 1000, false) then 'excess_above_pct must be a percentage from 100 to 1000'
        when app.rule_number_is_bad(p, 'excess_share_pct', 0, 100, false) then 'excess_share_pct must be a percentage from 0 to 100' end
    when 'csat' then
      case when app.rule_number_is_bad(p, 'award_min', 0, 5, false) then 'award_min must be a score from 0 to 5'
        when app.rule_number_is_bad(p, 'award_yuan', 0, 1000000, false) then 'award_yuan must be an amount from 0 to 1000000'
        when app.rule_number_is_bad(p, 'training_below', 0, 5, false) then 'training_below must be a score from 0 to 5'
        when (p ->> 'training_below')::numeric > (p ->> 'award_min')::numeric then 'training_below must not be above award_min'
        when app.rule_number_is_bad(p, 'training_months', 1, 12, true) then 'training_months must be a whole number from 1 to 12'
        when app.rule_number_is_bad(p, 'withheld_pct', 0, 100, false) then 'withheld_pct must be a percentage from 0 to 100' end
    when 'team_fund' then
      case when app.rule_number_is_bad(p, 'months', 1, 12, true) then 'months must be a whole number from 1 to 12'
        when app.rule_number_is_bad(p, 'fund_yuan', 0, 10000000, false) then 'fund_yuan must be an amount from 0 to 10000000' end
    when 'quarterly_top' then
      case when app.rule_tiers_are_bad(p, 'tiers') then 'tiers must be a list of 1 to 10 amounts from 0 to 1000000' end
    when 'monthly_ranking' then
      case when app.rule_number_is_bad(p, 'cut_after_rank', 1, 1000, true) then 'cut_after_rank must be a whole number from 1 to 1000' end
  end;
  if bad is not null then
    raise exception 'rule %: %', new.rule, bad using errcode = 'CB120';
  end if;
  return new;
end;
$$;
create trigger incentive_rules_check_statement before insert or update on public.incentive_rules
  for each row execute function app.check_statement_rule_params();

-- A person (through the API) adds a version from the site's today on, as
-- the settings page's date field does: one dated back would change
-- statements already worked out, read by the team and perhaps paid. The
-- defaults a new site gets and the demo seed are written by no person and
-- may start in the past. Named to fire after the number checks (triggers
-- fire by name), so a bad number is reported first. CB121.
create function app.check_incentive_rule_date() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  today date;
begin
  -- Anyone else through the API is refused by RLS (checked after this).
  if current_user not in ('authenticated', 'anon') or not app.has_site_role(new.site_id, '{manager,admin}') then
    return new;
  end if;
  -- The writer reads its own site (a manager is a member): no definer needed.
  select (now() at time zone s.time_zone)::date into today from public.sites s where s.id = new.site_id;
  if today is not null and new.effective_from < today then
    raise exception 'rule %: a new version starts on % or later', new.rule, today
      using errcode = 'CB121',
        detail = 'A version dated back would change statements already worked out.';
  end if;
  return new;
end;
$$;
create trigger incentive_rules_check_when before insert or update on public.incentive_rules
  for each row execute function app.check_incentive_rule_date();

-- The checks run as the writer (a manager through the API): the pure
-- helpers they call must be theirs to execute, or every new version would
-- be refused with 42501 before its numbers are looked at.
grant execute on function app.rule_number_is_bad(jsonb, text, numeric, numeric, boolean), app.rule_tiers_are_bad(jsonb, text)
  to authenticated;

select app.insert_default_incentive_rules(id) from public.sites;

-- The version of a rule in force at a site on a day (null fields: none).
create function app.incentive_rule_at(site_id uuid, rule text, day date) returns public.incentive_rules
language sql stable security definer
set search_path = ''
as $$
  select r.* from public.incentive_rules r
  where r.site_id = incentive_rule_at.site_id and r.rule = incentive_rule_at.rule and r.effective_from <= day
  order by r.effective_from desc
  limit 1
$$;
revoke execute on function app.incentive_rule_at(uuid, text, date) from public, anon, authenticated;

-- Every version of a rule at a site with the day it stops being in force
-- (the next version's effective_from; null: still in force), so a query
-- over many days joins the versions once (day >= effective_from and
-- (until is null or day < until)) instead of calling
-- app.incentive_rule_at for each day. A rule has a handful of versions:
-- "rows 3" tells the planner so (its default of 1000 rows made joins with
-- it look costly enough to be JIT-compiled, 300 ms a statement).
create function app.incentive_rule_spans(site_id uuid, rule text)
returns table (id uuid, effective_from date, params jsonb, until date)
language sql stable security definer rows 3
set search_path = ''
as $$
  select r.id, r.effective_from, r.params, lead(r.effective_from) over (order by r.effective_from)
  from public.incentive_rules r
  where r.site_id = incentive_rule_spans.site_id and r.rule = incentive_rule_spans.rule
$$;
revoke execute on function app.incentive_rule_spans(uuid, text) from public, anon, authenticated;
