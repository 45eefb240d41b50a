-- My day (issue 13, deliverable 1): every agent's own figures for today,
-- this week and this month against their targets, with their rank in their
-- team and a trend of the last days — and live: whenever a call, a lead's
-- call log line, an invitation, a CSAT rating or a QA evaluation of an agent
-- changes, `stats_changed` goes to the
-- agent's private topic `agent:<agent_id>` (who may join it is
-- app.can_read_topic, 20261207160000: the agent, their team lead and the
-- site's supervisors, managers and admins), so an open /me reads its figures
-- again. The payload is the agent's id and what changed ('calls',
-- 'lead_calls', 'invitations', 'ratings', 'evaluations'): no customer, no
-- call, no figure.
--
-- Periods are the site's: its day, its week (Monday 00:00 to Monday 00:00)
-- and its month, in its time zone (app.site_day / app.site_week,
-- 20261204500100). A call counts on the day it was offered (dialed, for an
-- outbound call), as on the outbound board (wall_outbound_today); a visit on
-- the day it happened (visited_at), a deal on the day it was recorded
-- (deal_at).
--
-- Inbound: answered calls, average handle time (talk + hold + wrap-up over
-- the calls handled), the service-level contribution (answered within the
-- queue's threshold over answered), CSAT and QA (app.agent_quality, the QA
-- deliverable). Outbound: dialed and connected calls against the daily
-- target (rule 'connected_calls'), visits (confirmed invitations, 邀约到访)
-- against the weekly target (rule 'weekly_invitations') and the monthly one
-- (rule 'monthly_target', 20261209300000), deals.
--
-- Who may read an agent's figures: the agent, their team lead, and the
-- site's supervisors, managers, QA, analysts and admins; anybody else gets
-- 42501 (an unknown agent too: nobody learns which ids exist).

create function app.can_read_agent_stats(target_agent uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.agents a
    where a.id = target_agent
      and (
        a.user_id = (select auth.uid())
        or app.leads_team(a.team_id)
        or app.has_site_role(a.site_id, '{supervisor,manager,qa,analyst,admin}')
      )
  )
$$;
comment on function app.can_read_agent_stats(uuid) is
  'Whether the caller may read an agent''s own figures: the agent, their team lead, the site''s supervisors, managers, QA, analysts and admins.';
revoke execute on function app.can_read_agent_stats(uuid) from public, anon, authenticated;

-- A target from the site's rule table (app.incentive_params, 20261209100000):
-- a whole number from the params in force on the day, else the default the
-- manual names.
create function app.stats_target(site_id uuid, rule text, field text, day date, fallback integer) returns integer
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce((app.incentive_params(stats_target.site_id, stats_target.rule, stats_target.day) ->> field)::integer,
    fallback);
end;
$$;
revoke execute on function app.stats_target(uuid, text, text, date, integer) from public, anon, authenticated;

-- ---------------------------------------------------------------- the figures

create function public.my_stats(agent_id uuid, moment timestamptz default now())
returns table (
  -- 'today' | 'week' | 'month', in that order
  period text,
  starts_on date,
  ends_on date,
  -- the agent's team: 'inbound' | 'outbound'
  team_kind text,
  answered integer,
  answered_within_sl integer,
  handled integer,
  handle_s bigint,
  -- handle_s / handled; null without a handled call
  aht_s numeric,
  -- answered_within_sl / answered (0..1); null without an answered call
  sl_share numeric,
  csat_avg numeric,
  csat_count integer,
  qa_avg numeric,
  qa_count integer,
  dialed integer,
  connected integer,
  visits integer,
  deals integer,
  -- outbound only (null for inbound): today connected calls a day, week
  -- visits a week, month visits a month
  target integer,
  -- month only: the agent's place in their team (1 = best; ties share it) and the team's active agents
  team_rank integer,
  team_size integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  a public.agents;
  kind text;
  today date;
  monday date;
  first_day date;
  q record;
  rank_now integer;
  size_now integer;
begin
  select * into a from public.agents ag where ag.id = my_stats.agent_id;
  if not found or not app.can_read_agent_stats(a.id) then
    raise exception 'only the agent, their team lead and the site''s staff see an agent''s figures'
      using errcode = '42501';
  end if;
  select t.kind into kind from public.teams t where t.id = a.team_id;
  today := app.site_today(a.site_id, moment);
  monday := date_trunc('week', today::timestamp)::date;
  first_day := date_trunc('month', today::timestamp)::date;

  -- The month's rank: outbound callers by visits, then deals (the manual's
  -- monthly ranking); inbound agents by answered calls. Every active agent
  -- of the team counts, the agent themself whatever their state.
  with team as (
    select ag.id from public.agents ag where ag.team_id = a.team_id and (ag.active or ag.id = a.id)
  ),
  span as (
    select lower(app.site_day(a.site_id, first_day)) as from_ts,
      lower(app.site_day(a.site_id, (first_day + interval '1 month')::date)) as to_ts
  ),
  answered_calls as (
    select c.agent_id, sum(c.answered)::bigint as n
    from public.call_summaries c cross join span
    where c.agent_id in (select id from team) and c.offered_at >= span.from_ts and c.offered_at < span.to_ts
    group by c.agent_id
  ),
  visits as (
    select i.agent_id, count(*) as n
    from public.invitations i cross join span
    where i.agent_id in (select id from team) and i.status = 'visited'
      and i.visited_at >= span.from_ts and i.visited_at < span.to_ts
    group by i.agent_id
  ),
  deals as (
    select i.agent_id, count(*) as n
    from public.invitations i cross join span
    where i.agent_id in (select id from team) and i.deal_at >= span.from_ts and i.deal_at < span.to_ts
    group by i.agent_id
  ),
  scores as (
    select team.id,
      case when kind = 'outbound' then coalesce(v.n, 0) else coalesce(ac.n, 0) end as first_key,
      case when kind = 'outbound' then coalesce(d.n, 0) else 0 end as second_key
    from team
    left join answered_calls ac on ac.agent_id = team.id
    left join visits v on v.agent_id = team.id
    left join deals d on d.agent_id = team.id
  )
  select 1 + count(*) filter (where (o.first_key, o.second_key) > (mine.first_key, mine.second_key)), count(*)
  into rank_now, size_now
  from scores o cross join (select s.first_key, s.second_key from scores s where s.id = a.id) mine;

  for q in
    select p.ord, p.name, p.first, p.last,
      lower(app.site_day(a.site_id, p.first)) as from_ts, lower(app.site_day(a.site_id, p.last + 1)) as to_ts
    from (values
      (1, 'today', today, today),
      (2, 'week', monday, monday + 6),
      (3, 'month', first_day, (first_day + interval '1 month')::date - 1)
    ) as p (ord, name, first, last)
    order by p.ord
  loop
    return query
    with calls as (
      select
        coalesce(sum(c.answered) filter (where c.direction = 'inbound'), 0)::integer as answered,
        coalesce(sum(c.answered_within_sl) filter (where c.direction = 'inbound'), 0)::integer as within_sl,
        coalesce(sum(c.handled) filter (where c.direction = 'inbound'), 0)::integer as handled,
        coalesce(sum(c.talk_s + c.hold_s + c.acw_s) filter (where c.direction = 'inbound'), 0)::bigint as handle_s,
        (count(*) filter (where c.direction = 'outbound'))::integer as dialed,
        (count(*) filter (where c.direction = 'outbound' and c.answered_at is not null))::integer as connected
      from public.call_summaries c
      where c.agent_id = a.id and c.offered_at >= q.from_ts and c.offered_at < q.to_ts
    ),
    invites as (
      select
        (count(*) filter (where i.status = 'visited' and i.visited_at >= q.from_ts and i.visited_at < q.to_ts))::integer
          as visits,
        (count(*) filter (where i.deal_at >= q.from_ts and i.deal_at < q.to_ts))::integer as deals
      from public.invitations i
      where i.agent_id = a.id
        and ((i.visited_at >= q.from_ts and i.visited_at < q.to_ts) or (i.deal_at >= q.from_ts and i.deal_at < q.to_ts))
    ),
    quality as (
      select aq.csat_avg, aq.csat_count, aq.qa_avg, aq.qa_count from app.agent_quality(a.id, q.first, q.last) aq
    )
    select q.name::text, q.first, q.last, kind,
      calls.answered, calls.within_sl, calls.handled, calls.handle_s,
      case when calls.handled > 0 then round(calls.handle_s::numeric / calls.handled, 1) end,
      case when calls.answered > 0 then round(calls.within_sl::numeric / calls.answered, 4) end,
      quality.csat_avg, coalesce(quality.csat_count, 0), quality.qa_avg, coalesce(quality.qa_count, 0),
      calls.dialed, calls.connected, invites.visits, invites.deals,
      case when kind = 'outbound' then case q.name
        when 'today' then app.stats_target(a.site_id, 'connected_calls', 'daily_target', today, 100)
        when 'week' then app.stats_target(a.site_id, 'weekly_invitations', 'weekly_target', today, 10)
        when 'month' then app.stats_target(a.site_id, 'monthly_target', 'target_visits', today, 40)
      end end,
      case when q.name = 'month' then rank_now end,
      case when q.name = 'month' then size_now end
    from calls cross join invites left join quality on true;
  end loop;
end;
$$;
comment on function public.my_stats(uuid, timestamptz) is
  'An agent''s figures for the site''s today, week and month at a moment (default now), with the targets and their month''s rank in the team. The agent, their team lead and the site''s staff only (else 42501).';
revoke execute on function public.my_stats(uuid, timestamptz) from public, anon, authenticated;
grant execute on function public.my_stats(uuid, timestamptz) to authenticated, service_role;

-- The last `days` site days up to the moment's, one row each (days without
-- anything too), for the trend chart.
create function public.my_trend(agent_id uuid, days integer default 30, moment timestamptz default now())
returns table (
  day date,
  answered integer,
  answered_within_sl integer,
  handled integer,
  handle_s bigint,
  dialed integer,
  connected integer,
  visits integer,
  deals integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  a public.agents;
  today date;
begin
  if days is null or days < 1 or days > 92 then
    raise exception 'a trend covers 1 to 92 days' using errcode = 'CB130';
  end if;
  select * into a from public.agents ag where ag.id = my_trend.agent_id;
  if not found or not app.can_read_agent_stats(a.id) then
    raise exception 'only the agent, their team lead and the site''s staff see an agent''s figures'
      using errcode = '42501';
  end if;
  today := app.site_today(a.site_id, moment);

  return query
  with span as (
    select today - back as day, lower(app.site_day(a.site_id, today - back)) as from_ts,
      lower(app.site_day(a.site_id, today - back + 1)) as to_ts
    from generate_series(0, days - 1) back
  ),
  calls as (
    select s.day,
      coalesce(sum(c.answered) filter (where c.direction = 'inbound'), 0)::integer as answered,
      coalesce(sum(c.answered_within_sl) filter (where c.direction = 'inbound'), 0)::integer as within_sl,
      coalesce(sum(c.handled) filter (where c.direction = 'inbound'), 0)::integer as handled,
      coalesce(sum(c.talk_s + c.hold_s + c.acw_s) filter (where c.direction = 'inbound'), 0)::bigint as handle_s,
      (count(*) filter (where c.direction = 'outbound'))::integer as dialed,
      (count(*) filter (where c.direction = 'outbound' and c.answered_at is not null))::integer as connected
    from span s
    left join public.call_summaries c
      on c.agent_id = a.id and c.offered_at >= s.from_ts and c.offered_at < s.to_ts
    group by s.day
  ),
  visits as (
    select s.day, count(i.id)::integer as n
    from span s
    left join public.invitations i
      on i.agent_id = a.id and i.status = 'visited' and i.visited_at >= s.from_ts and i.visited_at < s.to_ts
    group by s.day
  ),
  deals as (
    select s.day, count(i.id)::integer as n
    from span s
    left join public.invitations i on i.agent_id = a.id and i.deal_at >= s.from_ts and i.deal_at < s.to_ts
    group by s.day
  )
  select c.day, c.answered, c.within_sl, c.handled, c.handle_s, c.dialed, c.connected, v.n, d.n
  from calls c join visits v using (day) join deals d using (day)
  order by c.day;
end;
$$;
comment on function public.my_trend(uuid, integer, timestamptz) is
  'An agent''s figures per site day for the last 1..92 days up to a moment (default now), oldest first. Who may read my_stats only.';
revoke execute on function public.my_trend(uuid, integer, timestamptz) from public, anon, authenticated;
grant execute on function public.my_trend(uuid, integer, timestamptz) to authenticated, service_role;

-- ---------------------------------------------------------------- live

-- One small message per agent and transaction: that their figures changed
-- and what changed first ('calls', 'lead_calls', 'invitations', 'ratings',
-- 'evaluations', 'adjustments'), never a
-- figure or a customer. Messages reach the topic at commit, when all of the
-- transaction's changes are visible, and the page then reads everything
-- again; so an agent already told in this transaction (a transaction-local
-- setting remembers who) is not told again: ingest's upsert fires both the
-- insert and the update trigger of call_summaries, and a batch may take more
-- than one statement.
create function app.send_stats_changed(agent_ids uuid[], what text) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  sent uuid[] := coalesce(nullif(current_setting('callboard.stats_sent', true), '')::uuid[], '{}');
  fresh uuid[];
  target uuid;
begin
  select coalesce(array_agg(distinct t), '{}') into fresh
  from unnest(agent_ids) t where t is not null and not t = any (sent);
  if cardinality(fresh) = 0 then
    return;
  end if;
  perform set_config('callboard.stats_sent', (sent || fresh)::text, true);
  foreach target in array fresh loop
    perform realtime.send(jsonb_build_object('agent_id', target, 'what', what), 'stats_changed', 'agent:' || target, true);
  end loop;
end;
$$;
revoke execute on function app.send_stats_changed(uuid[], text) from public, anon, authenticated;

-- Statement triggers with transition tables: ingest writes call_summaries
-- on its hot path (hundreds of events a second, a batch per statement), so a
-- batch costs one pass over its rows and one message per distinct agent, not
-- a function call per row. The topic's name comes from the table's own
-- column, so a message reaches only the agent the row is about. An update
-- that moved a row from one agent to another tells both.
create function app.broadcast_stats_changed() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  what text := case tg_table_name
    when 'call_summaries' then 'calls'
    when 'call_ratings' then 'ratings'
    when 'qa_evaluations' then 'evaluations'
    when 'statement_adjustments' then 'adjustments'
    else tg_table_name
  end;
  targets uuid[];
begin
  if tg_op = 'INSERT' then
    select array_agg(distinct n.agent_id) into targets from new_rows n where n.agent_id is not null;
  elsif tg_op = 'DELETE' then
    select array_agg(distinct o.agent_id) into targets from old_rows o where o.agent_id is not null;
  else
    select array_agg(distinct x.agent_id) into targets
    from (select n.agent_id from new_rows n union select o.agent_id from old_rows o) x
    where x.agent_id is not null;
  end if;
  if targets is not null then
    perform app.send_stats_changed(targets, what);
  end if;
  return null;
end;
$$;
revoke execute on function app.broadcast_stats_changed() from public, anon, authenticated;

create trigger call_summaries_stats_insert after insert on public.call_summaries
  referencing new table as new_rows
  for each statement execute function app.broadcast_stats_changed();
create trigger call_summaries_stats_update after update on public.call_summaries
  referencing old table as old_rows new table as new_rows
  for each statement execute function app.broadcast_stats_changed();

create trigger invitations_stats_insert after insert on public.invitations
  referencing new table as new_rows
  for each statement execute function app.broadcast_stats_changed();
create trigger invitations_stats_update after update on public.invitations
  referencing old table as old_rows new table as new_rows
  for each statement execute function app.broadcast_stats_changed();
create trigger invitations_stats_delete after delete on public.invitations
  referencing old table as old_rows
  for each statement execute function app.broadcast_stats_changed();

create trigger lead_calls_stats_insert after insert on public.lead_calls
  referencing new table as new_rows
  for each statement execute function app.broadcast_stats_changed();
create trigger lead_calls_stats_update after update on public.lead_calls
  referencing old table as old_rows new table as new_rows
  for each statement execute function app.broadcast_stats_changed();
create trigger lead_calls_stats_delete after delete on public.lead_calls
  referencing old table as old_rows
  for each statement execute function app.broadcast_stats_changed();

-- CSAT ratings (imported in batches) and QA evaluations (20261209200000)
-- move an inbound agent's figures too.
create trigger call_ratings_stats_insert after insert on public.call_ratings
  referencing new table as new_rows
  for each statement execute function app.broadcast_stats_changed();
create trigger call_ratings_stats_update after update on public.call_ratings
  referencing old table as old_rows new table as new_rows
  for each statement execute function app.broadcast_stats_changed();
create trigger call_ratings_stats_delete after delete on public.call_ratings
  referencing old table as old_rows
  for each statement execute function app.broadcast_stats_changed();

create trigger qa_evaluations_stats_insert after insert on public.qa_evaluations
  referencing new table as new_rows
  for each statement execute function app.broadcast_stats_changed();
create trigger qa_evaluations_stats_update after update on public.qa_evaluations
  referencing old table as old_rows new table as new_rows
  for each statement execute function app.broadcast_stats_changed();
create trigger qa_evaluations_stats_delete after delete on public.qa_evaluations
  referencing old table as old_rows
  for each statement execute function app.broadcast_stats_changed();
