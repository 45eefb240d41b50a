-- The monthly statement of a caller (issue 13, DOMAIN.md "Rewards and
-- penalties"): every reward, penalty, leave credit and flag of a month,
-- computed in SQL from the facts with the rule versions of
-- public.incentive_rules (20261209100000, 20261209300000). Each line
-- carries in `facts` what produced it: days with their counts, week starts,
-- invitation ids, and the rule versions (id + effective_from). Never a
-- customer's name or phone: only ids and counts, so the whole team may read
-- it (the manual: every reward and penalty is visible to the whole team).
--
-- Lines, in this order (amounts in yuan; null for flags and credits):
--   connected_calls     penalty  days counted: the site days of the month up
--                                to today with a shift of a published
--                                schedule and no approved leave; connected =
--                                the agent's outbound call legs offered that
--                                day (site time zone) with answered_at, as on
--                                the outbound wallboard. Per day
--                                max(target − connected, 0) × yuan.
--   weekly_invitations  flag     weeks of the month = the Monday-based weeks
--                                whose Monday falls in the month (a week
--                                belongs to exactly one month; a month that
--                                starts mid-week leaves its first days to the
--                                previous month's last week). Flagged when
--                                every such week is finished and each had
--                                fewer confirmed visits (visited_at in the
--                                week) than the target. No amount.
--   visit_leave_credit  credit   one line per block of visits credited with
--                                paid leave this month (visit_leave_credits).
--   deal_bonus          reward   one line per product: deals (deal_at in the
--                                month) × the bonus in force that day.
--   monthly_target      reward   confirmed visits of the month vs target.
--   monthly_target_excess reward above excess_above_pct % of the target.
--   csat_award          reward   month's CSAT average >= award_min.
--   csat_training       flag     + csat_withheld penalty: below
--                                training_below for training_months months.
--   team_fund           flag     the team met its target months running.
--   quarterly_top       reward   rank 1..3 of the finished quarter.
--   adjustment          reward / penalty  one line per accepted dispute of
--                                the month (public.statement_adjustments):
--                                reward when it adds to the pay, penalty
--                                when it takes away, the amount unsigned as
--                                on every other line. Last, so the CSAT
--                                withheld share stays a share of the rules'
--                                rewards.
--
-- Only agents of outbound teams have lines: the manual is the callers'.
--
-- Readers: the agent, their team (its agents and lead), the site's
-- supervisors, managers and admins.
--
-- Disputes go through the attendance appeal flow (20261209700000): an
-- appeal of kind 'statement' names the month and the disputed line (a
-- snapshot of it), and accepting one writes the signed amount into
-- public.statement_adjustments, created here so that the lines below can
-- read it; the answer function is the only writer.

-- The connected outbound calls of an agent over a month (the
-- connected_calls line) read from this index alone once the month's rows
-- are all-visible (vacuumed): through call_summaries_agent_id_offered_at_idx
-- every leg was a heap page of its own, most of a statement's time.
create index call_summaries_outbound_connected_idx on public.call_summaries (agent_id, offered_at)
  where direction = 'outbound' and answered_at is not null;

-- Who may read an agent's statement.
create function app.may_read_statement(agent_id uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.agents a
    where a.id = may_read_statement.agent_id
      and (app.is_own_agent(a.id) or app.is_team_member(a.team_id)
        or app.has_site_role(a.site_id, '{supervisor,manager,admin}'))
  )
$$;
revoke execute on function app.may_read_statement(uuid) from public, anon, authenticated;

-- What an accepted dispute changed in a statement (public.answer_statement_appeal,
-- 20261209700000, is its only writer): the agent's pay for the month goes up
-- (amount > 0) or down (amount < 0) by the amount, for the disputed rule,
-- with the answer as its reason. Readers: those of the statement (amounts
-- only; the agent's reason stays on the appeal, which the team does not read).
create table public.statement_adjustments (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  agent_id uuid not null,
  month date not null constraint statement_adjustments_month_is_first_day check (month = date_trunc('month', month)::date),
  rule text not null,
  amount numeric(10, 2) not null
    constraint statement_adjustments_amount_range check (amount <> 0 and amount between -100000 and 100000),
  reason text not null constraint statement_adjustments_reason_length check (length(btrim(reason)) between 1 and 1000),
  appeal_id uuid not null constraint statement_adjustments_one_per_appeal unique references public.attendance_appeals (id),
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  constraint statement_adjustments_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id) on delete cascade
);
alter table public.statement_adjustments enable row level security;
-- The policy below runs as the reader: the check must be theirs to call.
grant execute on function app.may_read_statement(uuid) to authenticated, service_role;
create index statement_adjustments_agent_id_month_idx on public.statement_adjustments (agent_id, month);
comment on table public.statement_adjustments is
  'Signed yuan (+ adds to the agent''s pay, − takes away) an accepted statement dispute adds to a month''s statement, with the answer as reason. Written only by public.answer_statement_appeal.';
create policy "who reads an agent's statement reads its adjustments" on public.statement_adjustments
  for select to authenticated using (app.may_read_statement(agent_id));
grant select on public.statement_adjustments to authenticated;
grant all on public.statement_adjustments to service_role;

-- The instant a site date starts.
create function app.site_midnight(zone text, day date) returns timestamptz
language sql immutable
set search_path = ''
as $$
  select day::timestamp at time zone zone
$$;
revoke execute on function app.site_midnight(text, date) from public, anon, authenticated;

-- A rule version as the facts name it.
create function app.rule_version(r public.incentive_rules) returns jsonb
language sql immutable
set search_path = ''
as $$
  select case when r.id is null then null
    else jsonb_build_object('id', r.id, 'effective_from', r.effective_from) end
$$;
revoke execute on function app.rule_version(public.incentive_rules) from public, anon, authenticated;

-- Whether a team met its monthly target in the month starting first_day:
-- its confirmed visits reach target_visits × its active agents. The month's
-- bounds and the rule are worked out once, before the visits are counted
-- (app.site_midnight is not inlined, so in a WHERE it ran once a row).
create function app.team_met_target(team_id uuid, first_day date) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  -- materialized: inlined, the count of agents (a subquery column) would
  -- be counted again for every use of it below.
  with team as materialized (
    select t.id, t.site_id,
      app.site_midnight(s.time_zone, first_day) as starts,
      app.site_midnight(s.time_zone, (first_day + interval '1 month')::date) as ends,
      (select count(*) from public.agents a where a.team_id = t.id and a.active)::integer as agents
    from public.teams t join public.sites s on s.id = t.site_id
    where t.id = team_met_target.team_id
  ),
  rule as (
    select team.*, (r.params ->> 'target_visits')::integer as per_agent
    from team cross join lateral app.incentive_rule_at(team.site_id, 'monthly_target', first_day) as r
    where r.id is not null
  ),
  counted as materialized (
    select rule.*, (
      select count(*)::integer from public.agents a
      join public.invitations i on i.agent_id = a.id
      where a.team_id = rule.id and i.status = 'visited'
        and i.visited_at >= rule.starts and i.visited_at < rule.ends
    ) as visits
    from rule
  )
  select jsonb_build_object('month', first_day, 'visits', visits, 'agents', agents,
    'target', per_agent * agents, 'met', agents > 0 and visits >= per_agent * agents)
  from counted
$$;
revoke execute on function app.team_met_target(uuid, date) from public, anon, authenticated;

-- The months a team met its target running back from first_day (at most
-- `months`, newest first, stopping at the first month it missed): the
-- team_fund line's facts, the same for every member of the team.
create function app.team_fund_months(team_id uuid, first_day date, months integer) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  run jsonb := '[]';
  met jsonb;
begin
  for k in 0 .. coalesce(months, 0) - 1 loop
    met := app.team_met_target(team_id, (first_day - make_interval(months => k))::date);
    exit when met is null or not (met ->> 'met')::boolean;
    run := run || jsonb_build_array(met);
  end loop;
  return run;
end;
$$;
revoke execute on function app.team_fund_months(uuid, date, integer) from public, anon, authenticated;

-- The callers of a site (active agents of its outbound teams) ranked over
-- [from_day, to_day) by confirmed visits, then by deals (deal_at in the
-- span); ties share a rank.
create function app.rank_callers(site_id uuid, from_day date, to_day date)
returns table (agent_id uuid, team_id uuid, visits integer, deals integer, rank integer)
language sql stable security definer
set search_path = ''
as $$
  with span as (
    select s.id, app.site_midnight(s.time_zone, from_day) as starts, app.site_midnight(s.time_zone, to_day) as ends
    from public.sites s where s.id = rank_callers.site_id
  ),
  callers as (
    select a.id, a.team_id from public.agents a
    join public.teams t on t.id = a.team_id and t.kind = 'outbound'
    where a.site_id = rank_callers.site_id and a.active
  ),
  counted as (
    select c.id, c.team_id,
      (select count(*)::integer from public.invitations i, span
       where i.agent_id = c.id and i.status = 'visited' and i.visited_at >= span.starts and i.visited_at < span.ends) as visits,
      (select count(*)::integer from public.invitations i, span
       where i.agent_id = c.id and i.deal_product in ('high_rise', 'villa')
         and i.deal_at >= span.starts and i.deal_at < span.ends) as deals
    from callers c
  )
  select id, team_id, visits, deals, (rank() over (order by visits desc, deals desc))::integer
  from counted
$$;
revoke execute on function app.rank_callers(uuid, date, date) from public, anon, authenticated;

-- The statement at a given moment ("today" decides which days and weeks
-- are over; tests freeze it, the API passes now()). No access check here.
-- team_fund_run: the team's app.team_fund_months for the month's team_fund
-- rule when the caller has it already (public.team_statements works it out
-- once for the whole team); null: worked out here.
create function app.agent_statement_lines(agent_id uuid, month date, moment timestamptz, team_fund_run jsonb)
returns table (line integer, rule text, kind text, amount numeric, quantity numeric, facts jsonb)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  ag public.agents;
  zone text;
  first_day date := date_trunc('month', month)::date;
  next_month date := (date_trunc('month', month) + interval '1 month')::date;
  month_start timestamptz;
  month_end timestamptz;
  today date;
  n integer := 0;
  rv public.incentive_rules;
  rec record;
  rewards numeric := 0;
  visits integer;
  target integer;
  csat numeric;
  ratings integer;
  low_months jsonb := '[]';
  team_months jsonb := '[]';
  k integer;
  met jsonb;
begin
  select * into ag from public.agents a where a.id = agent_statement_lines.agent_id;
  -- The manual's rules are the outbound callers' (call客奖罚制度).
  if not found or not exists (select 1 from public.teams t where t.id = ag.team_id and t.kind = 'outbound') then
    return;
  end if;
  select s.time_zone into zone from public.sites s where s.id = ag.site_id;
  today := app.site_today(ag.site_id, moment);
  month_start := app.site_midnight(zone, first_day);
  month_end := app.site_midnight(zone, next_month);

  -- connected_calls: finished days (before today) with a published shift
  -- and no approved leave. Today is not charged while it runs: at 9:00 a
  -- caller would otherwise owe most of the day's target (My day shows
  -- today's count against the target instead). One query over the month: the agent's shift days joined with the
  -- rule's versions (read once, app.incentive_rule_spans) and the day's
  -- connected calls.
  select count(*)::integer as days,
    coalesce(sum(d.missing), 0) as missing,
    coalesce(sum(d.missing * d.yuan), 0) as yuan,
    coalesce(jsonb_agg(jsonb_build_object('day', d.day, 'connected', d.connected, 'target', d.target,
      'missing', d.missing, 'yuan', d.yuan, 'rule_id', d.rule_id) order by d.day) filter (where d.missing > 0), '[]') as short,
    coalesce(jsonb_agg(distinct jsonb_build_object('id', d.rule_id, 'effective_from', d.effective_from)), '[]') as versions
  into rec
  from (
    with v as materialized (select * from app.incentive_rule_spans(ag.site_id, 'connected_calls'))
    select w.day, coalesce(c.connected, 0) as connected, v.id as rule_id, v.effective_from,
      (v.params ->> 'daily_target')::integer as target,
      (v.params ->> 'yuan_per_missing')::numeric as yuan,
      greatest((v.params ->> 'daily_target')::integer - coalesce(c.connected, 0), 0) as missing
    from (
      select distinct sh.day
      from public.schedule_shifts sh join public.schedules sc on sc.id = sh.schedule_id
      where sh.agent_id = ag.id and sc.status = 'published'
        and sh.day >= first_day and sh.day < least(next_month, today)
    ) as w
    join v on w.day >= v.effective_from and (v.until is null or w.day < v.until)
    left join (
      select (cs.offered_at at time zone zone)::date as day, count(*)::integer as connected
      from public.call_summaries cs
      where cs.agent_id = ag.id and cs.direction = 'outbound' and cs.answered_at is not null
        and cs.offered_at >= month_start and cs.offered_at < month_end
      group by 1
    ) as c on c.day = w.day
    where not exists (
      select 1 from public.approved_leave l
      where l.agent_id = ag.id and w.day between l.starts_on and l.ends_on)
  ) as d;
  if rec.days > 0 then
    n := n + 1;
    return query select n, 'connected_calls'::text, 'penalty'::text, round(rec.yuan, 2), rec.missing::numeric,
      jsonb_build_object('days_counted', rec.days, 'short_days', rec.short, 'rule_versions', rec.versions);
  end if;

  -- weekly_invitations: the weeks whose Monday is in the month.
  select count(*)::integer as weeks,
    count(*) filter (where wk.finished)::integer as finished,
    count(*) filter (where wk.finished and wk.visits < wk.target)::integer as missed,
    jsonb_agg(jsonb_build_object('week_start', wk.monday, 'visits', wk.visits, 'target', wk.target,
      'finished', wk.finished, 'rule_id', wk.rule_id, 'effective_from', wk.effective_from) order by wk.monday) as weeks_facts
  into rec
  from (
    with v as materialized (select * from app.incentive_rule_spans(ag.site_id, 'weekly_invitations'))
    select m.monday, v.id as rule_id, v.effective_from,
      (v.params ->> 'weekly_target')::integer as target,
      m.monday + 7 <= today as finished,
      (select count(*)::integer from public.invitations i
       where i.agent_id = ag.id and i.status = 'visited'
         and i.visited_at >= m.starts and i.visited_at < m.ends) as visits
    from (
      -- offset 0 keeps the week's bounds computed once a week: pulled up,
      -- app.site_midnight (not inlinable) would run for every invitation.
      select g::date as monday, app.site_midnight(zone, g::date) as starts, app.site_midnight(zone, g::date + 7) as ends
      from generate_series((first_day + (8 - extract(isodow from first_day)::integer) % 7)::timestamp,
        (next_month - 1)::timestamp, interval '7 days') as g
      offset 0
    ) as m
    join v on m.monday >= v.effective_from and (v.until is null or m.monday < v.until)
  ) as wk;
  if rec.weeks > 0 and rec.finished = rec.weeks and rec.missed = rec.weeks then
    n := n + 1;
    return query select n, 'weekly_invitations'::text, 'flag'::text, null::numeric, rec.missed::numeric,
      jsonb_build_object('weeks', rec.weeks_facts);
  end if;

  -- visit_leave_credit: the blocks credited this month.
  for rec in
    select c.block, c.visits, c.minutes, c.invitation_id, c.ledger_id, c.credited_at, r.id as rule_id, r.effective_from
    from public.visit_leave_credits c
    left join public.incentive_rules r on r.id = c.rule_id
    where c.agent_id = ag.id and c.credited_at >= month_start and c.credited_at < month_end
    order by c.block
  loop
    n := n + 1;
    return query select n, 'visit_leave_credit'::text, 'credit'::text, null::numeric, rec.minutes::numeric,
      jsonb_build_object('block', rec.block, 'visits', rec.visits, 'minutes', rec.minutes,
        'invitation_id', rec.invitation_id, 'ledger_id', rec.ledger_id,
        'credited_on', (rec.credited_at at time zone zone)::date,
        'rule_versions', case when rec.rule_id is null then '[]'::jsonb
          else jsonb_build_array(jsonb_build_object('id', rec.rule_id, 'effective_from', rec.effective_from)) end);
  end loop;

  -- deal_bonus: one line per product.
  for rec in
    select d.product, count(*)::integer as deals, sum(d.yuan) as yuan,
      jsonb_agg(jsonb_build_object('invitation_id', d.id, 'day', d.day, 'yuan', d.yuan, 'rule_id', d.rule_id) order by d.day, d.id) as deals_facts,
      jsonb_agg(distinct case when d.rule_id is not null
        then jsonb_build_object('id', d.rule_id, 'effective_from', d.effective_from) end) as versions
    from (
      with v as materialized (select * from app.incentive_rule_spans(ag.site_id, 'deal_bonus'))
      select i.id, i.deal_product::text as product, x.day, v.id as rule_id, v.effective_from,
        coalesce((v.params ->> i.deal_product::text)::numeric, 0) as yuan
      from public.invitations i
      cross join lateral (select (i.deal_at at time zone zone)::date as day) as x
      left join v on x.day >= v.effective_from and (v.until is null or x.day < v.until)
      where i.agent_id = ag.id and i.deal_product in ('high_rise', 'villa')
        and i.deal_at >= month_start and i.deal_at < month_end
    ) as d
    group by d.product
    order by d.product
  loop
    n := n + 1;
    rewards := rewards + rec.yuan;
    return query select n, 'deal_bonus'::text, 'reward'::text, round(rec.yuan, 2), rec.deals::numeric,
      jsonb_build_object('product', rec.product, 'deals', rec.deals_facts, 'rule_versions', rec.versions);
  end loop;

  -- monthly_target and its extra above excess_above_pct %.
  rv := app.incentive_rule_at(ag.site_id, 'monthly_target', first_day);
  if rv.id is not null then
    select count(*)::integer, coalesce(jsonb_agg(i.id order by i.visited_at, i.id), '[]')
    into visits, met
    from public.invitations i
    where i.agent_id = ag.id and i.status = 'visited' and i.visited_at >= month_start and i.visited_at < month_end;
    target := (rv.params ->> 'target_visits')::integer;
    n := n + 1;
    rewards := rewards + case when visits >= target then (rv.params ->> 'base_bonus')::numeric else 0 end;
    return query select n, 'monthly_target'::text, 'reward'::text,
      round(case when visits >= target then (rv.params ->> 'base_bonus')::numeric else 0 end, 2), visits::numeric,
      jsonb_build_object('visits', visits, 'target', target, 'base_bonus', (rv.params ->> 'base_bonus')::numeric,
        'met', visits >= target, 'invitation_ids', met, 'rule_versions', jsonb_build_array(app.rule_version(rv)));
    -- "Above 120 %": strictly, in whole numbers (visits × 100 > target × pct).
    if visits * 100 > target * (rv.params ->> 'excess_above_pct')::numeric then
      n := n + 1;
      rewards := rewards + (visits - target) * (rv.params ->> 'base_bonus')::numeric * (rv.params ->> 'excess_share_pct')::numeric / 100;
      return query select n, 'monthly_target_excess'::text, 'reward'::text,
        round((visits - target) * (rv.params ->> 'base_bonus')::numeric * (rv.params ->> 'excess_share_pct')::numeric / 100, 2),
        (visits - target)::numeric,
        jsonb_build_object('visits', visits, 'target', target, 'excess_visits', visits - target,
          'base_bonus', (rv.params ->> 'base_bonus')::numeric,
          'excess_above_pct', (rv.params ->> 'excess_above_pct')::numeric,
          'excess_share_pct', (rv.params ->> 'excess_share_pct')::numeric,
          'rule_versions', jsonb_build_array(app.rule_version(rv)));
    end if;
  end if;

  -- csat: the award, and training + withheld share after months below.
  rv := app.incentive_rule_at(ag.site_id, 'csat', first_day);
  if rv.id is not null then
    select q.csat_avg, q.csat_count into csat, ratings from app.agent_quality(ag.id, first_day, next_month - 1) as q;
    if csat is not null and csat >= (rv.params ->> 'award_min')::numeric then
      n := n + 1;
      rewards := rewards + (rv.params ->> 'award_yuan')::numeric;
      return query select n, 'csat_award'::text, 'reward'::text, round((rv.params ->> 'award_yuan')::numeric, 2), csat,
        jsonb_build_object('csat_avg', csat, 'award_min', (rv.params ->> 'award_min')::numeric,
          'month', first_day, 'rule_versions', jsonb_build_array(app.rule_version(rv)));
    end if;
    for k in 0 .. (rv.params ->> 'training_months')::integer - 1 loop
      -- This month's average is the one read above: not asked again.
      if k = 0 then
        met := case when csat < (rv.params ->> 'training_below')::numeric
          then jsonb_build_object('month', first_day, 'csat_avg', csat, 'ratings', ratings) end;
        exit when met is null;
        low_months := low_months || jsonb_build_array(met);
        continue;
      end if;
      select jsonb_build_object('month', (first_day - make_interval(months => k))::date, 'csat_avg', q.csat_avg, 'ratings', q.csat_count)
      into met
      from app.agent_quality(ag.id, (first_day - make_interval(months => k))::date,
        (first_day - make_interval(months => k - 1))::date - 1) as q
      where q.csat_avg is not null and q.csat_avg < (rv.params ->> 'training_below')::numeric;
      exit when met is null;
      low_months := low_months || jsonb_build_array(met);
    end loop;
    if jsonb_array_length(low_months) = (rv.params ->> 'training_months')::integer then
      n := n + 1;
      return query select n, 'csat_training'::text, 'flag'::text, null::numeric, jsonb_array_length(low_months)::numeric,
        jsonb_build_object('months', low_months, 'training_below', (rv.params ->> 'training_below')::numeric,
          'rule_versions', jsonb_build_array(app.rule_version(rv)));
      n := n + 1;
      return query select n, 'csat_withheld'::text, 'penalty'::text,
        round(rewards * (rv.params ->> 'withheld_pct')::numeric / 100, 2), (rv.params ->> 'withheld_pct')::numeric,
        jsonb_build_object('rewards', rewards, 'withheld_pct', (rv.params ->> 'withheld_pct')::numeric,
          'rule_versions', jsonb_build_array(app.rule_version(rv)));
    end if;
  end if;

  -- team_fund: the team met its target this month and the months before.
  rv := app.incentive_rule_at(ag.site_id, 'team_fund', first_day);
  if rv.id is not null then
    team_months := coalesce(team_fund_run, app.team_fund_months(ag.team_id, first_day, (rv.params ->> 'months')::integer));
    if jsonb_array_length(team_months) = (rv.params ->> 'months')::integer then
      n := n + 1;
      return query select n, 'team_fund'::text, 'flag'::text, null::numeric, jsonb_array_length(team_months)::numeric,
        jsonb_build_object('team_id', ag.team_id, 'fund_yuan', (rv.params ->> 'fund_yuan')::numeric, 'months', team_months,
          'rule_versions', jsonb_build_array(app.rule_version(rv)));
    end if;
  end if;

  -- quarterly_top: on the quarter's last month, once the quarter is over.
  rv := app.incentive_rule_at(ag.site_id, 'quarterly_top', first_day);
  if rv.id is not null and extract(month from first_day)::integer % 3 = 0 and today >= next_month then
    select rc.* into rec
    from app.rank_callers(ag.site_id, (first_day - interval '2 months')::date, next_month) as rc
    where rc.agent_id = ag.id;
    if found and rec.visits > 0 and rec.rank <= jsonb_array_length(rv.params -> 'tiers') then
      n := n + 1;
      return query select n, 'quarterly_top'::text, 'reward'::text,
        round((rv.params -> 'tiers' ->> (rec.rank - 1))::numeric, 2), rec.rank::numeric,
        jsonb_build_object('quarter_start', (first_day - interval '2 months')::date, 'rank', rec.rank,
          'visits', rec.visits, 'deals', rec.deals, 'tiers', rv.params -> 'tiers',
          'rule_versions', jsonb_build_array(app.rule_version(rv)));
    end if;
  end if;

  -- adjustment: the accepted disputes of the month, oldest answer first.
  for rec in
    select sa.id, sa.appeal_id, sa.rule, sa.amount, sa.reason, sa.created_at
    from public.statement_adjustments sa
    where sa.agent_id = ag.id and sa.month = first_day
    order by sa.created_at, sa.id
  loop
    n := n + 1;
    return query select n, 'adjustment'::text, case when rec.amount > 0 then 'reward' else 'penalty' end::text,
      abs(rec.amount), null::numeric,
      jsonb_build_object('appeal_id', rec.appeal_id, 'disputed_rule', rec.rule, 'reason', rec.reason,
        'answered_at', rec.created_at, 'answered_on', (rec.created_at at time zone zone)::date, 'adjustment_id', rec.id);
  end loop;
end;
$$;
revoke execute on function app.agent_statement_lines(uuid, date, timestamptz, jsonb) from public, anon, authenticated;

create function app.agent_statement_at(agent_id uuid, month date, moment timestamptz)
returns table (line integer, rule text, kind text, amount numeric, quantity numeric, facts jsonb)
language sql stable security definer
set search_path = ''
as $$
  select * from app.agent_statement_lines(agent_statement_at.agent_id, agent_statement_at.month, agent_statement_at.moment, null)
$$;
revoke execute on function app.agent_statement_at(uuid, date, timestamptz) from public, anon, authenticated;

create function public.agent_statement(agent_id uuid, month date)
returns table (line integer, rule text, kind text, amount numeric, quantity numeric, facts jsonb)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not app.may_read_statement(agent_statement.agent_id) then
    raise exception 'only the agent, their team and the site''s supervisors and managers read a statement'
      using errcode = '42501';
  end if;
  return query select * from app.agent_statement_at(agent_statement.agent_id, agent_statement.month, now());
end;
$$;
comment on function public.agent_statement(uuid, date) is
  'The monthly statement of an agent: one line per reward, penalty, leave credit and flag, each with the facts (ids, days, counts, rule versions) that produced it; amounts in yuan, null for flags and credits. No customer data. The agent, their team, supervisors, managers and admins.';
revoke execute on function public.agent_statement(uuid, date) from public, anon, authenticated;
grant execute on function public.agent_statement(uuid, date) to authenticated;

-- A team's statements side by side: every line of every active agent; an
-- agent without a line has one row with line (and the rest) null.
create function public.team_statements(team_id uuid, month date)
returns table (agent_id uuid, display_name text, employee_no text,
  line integer, rule text, kind text, amount numeric, quantity numeric, facts jsonb)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  site uuid;
  first_day date := date_trunc('month', team_statements.month)::date;
  fund_run jsonb;
begin
  select t.site_id into site from public.teams t where t.id = team_statements.team_id;
  if site is null or not (app.is_team_member(team_statements.team_id)
      or app.has_site_role(site, '{supervisor,manager,admin}')) then
    raise exception 'only the team and the site''s supervisors and managers read its statements' using errcode = '42501';
  end if;
  -- The team's run of met months is every member's: counted once, not per member.
  fund_run := app.team_fund_months(team_statements.team_id, first_day,
    ((app.incentive_rule_at(site, 'team_fund', first_day)).params ->> 'months')::integer);
  return query
  select a.id, a.display_name, a.employee_no, s.line, s.rule, s.kind, s.amount, s.quantity, s.facts
  from public.agents a
  left join lateral app.agent_statement_lines(a.id, team_statements.month, now(), fund_run) as s on true
  where a.team_id = team_statements.team_id and a.active
  order by a.employee_no, s.line;
end;
$$;
comment on function public.team_statements(uuid, date) is
  'Every line of the monthly statements of a team''s active agents (as public.agent_statement; an agent without lines: one row with line null), for a side-by-side view. The team, supervisors, managers and admins.';
revoke execute on function public.team_statements(uuid, date) from public, anon, authenticated;
grant execute on function public.team_statements(uuid, date) to authenticated;

-- The monthly ranking of a site's callers with the cut line (shown only).
create function public.outbound_ranking(site_id uuid, month date)
returns table (rank integer, agent_id uuid, display_name text, employee_no text, team_id uuid, team_name text,
  visits integer, deals integer, cut_after_rank integer, below_cut boolean)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  first_day date := date_trunc('month', month)::date;
  cut integer;
begin
  if not app.has_site_role(outbound_ranking.site_id, '{agent,lead,supervisor,manager,admin,qa,analyst}') then
    raise exception 'only the site''s staff read the ranking' using errcode = '42501';
  end if;
  cut := ((app.incentive_rule_at(outbound_ranking.site_id, 'monthly_ranking', first_day)).params ->> 'cut_after_rank')::integer;
  return query
  select rc.rank, a.id, a.display_name, a.employee_no, t.id, t.name, rc.visits, rc.deals, cut, cut is not null and rc.rank > cut
  from app.rank_callers(outbound_ranking.site_id, first_day, (first_day + interval '1 month')::date) as rc
  join public.agents a on a.id = rc.agent_id
  join public.teams t on t.id = rc.team_id
  order by rc.rank, a.employee_no;
end;
$$;
comment on function public.outbound_ranking(uuid, date) is
  'The site''s callers (outbound teams) ranked for a month by confirmed visits, then deals; below_cut marks ranks after the monthly_ranking rule''s cut_after_rank (shown, never acted on). Staff of the site.';
revoke execute on function public.outbound_ranking(uuid, date) from public, anon, authenticated;
grant execute on function public.outbound_ranking(uuid, date) to authenticated;
