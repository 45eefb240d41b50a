-- The schedule rules' violations gain `facts`: the numbers, dates and names
-- each rule's English `detail` is made of, as JSON, so the rota editor can
-- word them in the user's language (src/lib/rota/violation-words.ts).
-- `detail` stays as it was, for API users and logs. Per rule:
--   calendar         {year}
--   rest_days        {days_worked, min_rest_days}
--   day_hours        {paid_min, max_min}                       (the day is `day`)
--   week_hours       {paid_min, max_min}
--   period_hours     {total_min, first_day, last_day, max_avg_min, week_min}
--   rest_between,
--   overlap          {starts_at, previous_end, rest_min, min_rest_min}
--                    (times yyyy-mm-ddThh:mi on the site's clock, as `detail`
--                    gives them; rest_min is negative for an overlap)
--   template_season  {template, problem, day, season, valid_seasons}
--                    (problem: missing, inactive, no_season or wrong_season;
--                    the same cases app.template_problem words)
--   skills           {queues: [...], template}
--   leave            {kind, starts_on, ends_on}
-- Minutes are integers, dates yyyy-mm-dd.
--
-- A function's result columns change only by DROP and CREATE: both functions
-- are made again with the grants, revokes and comment they had (no view or
-- SQL-bodied function depends on them). Their plpgsql callers
-- (publish_schedule, app.refuse_swap_violations, decide_shift_swap) read
-- columns by name or count rows, and compare two results of this same
-- function with each other only: an added column changes none of them.

drop function public.schedule_violations(uuid);
drop function app.schedule_violations_of(uuid);

-- Every violation of the site's rules in a schedule version: one row per
-- agent, day (null for a rule about the week) and rule, with the reason in
-- English words and the facts it is made of. Rules: calendar (a day of a
-- year with no holiday data), rest_days, day_hours, week_hours (standard
-- weeks) or period_hours (averaged hours), rest_between, overlap (with the
-- neighbouring weeks' published shifts too), template_season, skills, leave
-- (a shift on a day of approved leave).
create function app.schedule_violations_of(schedule_id uuid)
returns table (agent_id uuid, day date, rule text, detail text, facts jsonb)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  s public.schedules;
  p public.schedule_policies;
  tz text;
begin
  select * into s from public.schedules where id = schedule_violations_of.schedule_id;
  if not found then
    return;
  end if;
  select * into p from public.schedule_policies where site_id = s.site_id;
  select st.time_zone into tz from public.sites st where st.id = s.site_id;

  return query
  with mine as (
    select * from public.schedule_shifts sh where sh.schedule_id = s.id
  ),
  held as (
    select * from mine where mine.agent_id is not null
  ),
  -- The same agents' shifts in the other weeks' current versions.
  others as (
    select * from app.current_shifts_besides(s.id) o where o.agent_id in (select held.agent_id from held)
  ),
  -- The agents' shifts in time order, this week's and their neighbours'.
  timeline as (
    select h.agent_id, h.day, h.start_ts, h.end_ts, true as own from held h
    union all
    select o.agent_id, o.day, o.start_ts, o.end_ts, false
    from others o
    where o.day between s.week_start - 2 and s.week_start + 8
  ),
  ordered as (
    select t.*, lag(t.end_ts) over w as prev_end, lag(t.own) over w as prev_own
    from timeline t
    window w as (partition by t.agent_id order by t.start_ts, t.end_ts)
  ),
  periods as (
    -- The averaging periods this week touches.
    select distinct date_trunc(p.averaging_period, d)::date as first_day,
      (date_trunc(p.averaging_period, d) + case p.averaging_period when 'month' then interval '1 month' else interval '3 months' end)::date - 1 as last_day
    from generate_series(s.week_start::timestamp, (s.week_start + 6)::timestamp, interval '1 day') as d
  )
  -- calendar: a year with no holiday data (nothing is counted against it)
  select null::uuid, null::date, 'calendar'::text,
    format('the site''s calendar has no public holiday data for %s: fill it in before scheduling', y),
    jsonb_build_object('year', y)
  from app.missing_calendar_years(s.site_id, s.week_start, s.week_start + 6) as y
  union all
  -- rest_days
  select h.agent_id, null::date, 'rest_days',
    format('works %s days: at least %s rest day(s) a week', count(distinct h.day), p.min_rest_days_per_week),
    jsonb_build_object('days_worked', count(distinct h.day), 'min_rest_days', p.min_rest_days_per_week)
  from held h
  group by h.agent_id
  having count(distinct h.day) > 7 - p.min_rest_days_per_week
  union all
  -- day_hours
  select h.agent_id, h.day, 'day_hours',
    format('%s paid on %s: at most %s a day', app.hours_text(sum(h.paid_min)::integer), h.day, app.hours_text(p.max_day_paid_min)),
    jsonb_build_object('paid_min', sum(h.paid_min)::integer, 'max_min', p.max_day_paid_min)
  from held h
  group by h.agent_id, h.day
  having sum(h.paid_min) > p.max_day_paid_min
  union all
  -- week_hours (standard weeks)
  select h.agent_id, null::date, 'week_hours',
    format('%s paid this week: at most %s; more is overtime that needs an approved request',
      app.hours_text(sum(h.paid_min)::integer), app.hours_text(p.max_week_paid_min)),
    jsonb_build_object('paid_min', sum(h.paid_min)::integer, 'max_min', p.max_week_paid_min)
  from held h
  where p.hours_mode = 'standard'
  group by h.agent_id
  having sum(h.paid_min) > p.max_week_paid_min
  union all
  -- period_hours (averaged hours): this version and the other weeks' current ones
  select x.agent_id, null::date, 'period_hours',
    format('%s paid from %s to %s: at most %s on average (%s a week)', app.hours_text(x.total), x.first_day, x.last_day,
      app.hours_text(x.allowed), app.hours_text(p.max_week_paid_min)),
    jsonb_build_object('total_min', x.total, 'first_day', x.first_day, 'last_day', x.last_day,
      'max_avg_min', x.allowed, 'week_min', p.max_week_paid_min)
  from (
    select a.agent_id, pr.first_day, pr.last_day, sum(a.paid_min)::integer as total,
      (p.max_week_paid_min * (pr.last_day - pr.first_day + 1) / 7) as allowed
    from periods pr
    join (
      select h.agent_id, h.day, h.paid_min from held h
      union all
      select o.agent_id, o.day, o.paid_min from others o
    ) a on a.day between pr.first_day and pr.last_day
    where p.hours_mode = 'averaged'
    group by a.agent_id, pr.first_day, pr.last_day
  ) x
  where x.total > x.allowed
  union all
  -- rest_between and overlap, at this week's shifts
  select o.agent_id, o.day,
    case when o.start_ts < o.prev_end then 'overlap' else 'rest_between' end,
    case when o.start_ts < o.prev_end
      then format('the shift starting %s overlaps the one before it (ending %s)',
        to_char(o.start_ts at time zone tz, 'YYYY-MM-DD HH24:MI'), to_char(o.prev_end at time zone tz, 'YYYY-MM-DD HH24:MI'))
      else format('%s rest before the shift starting %s: at least %s between shifts',
        app.hours_text((extract(epoch from o.start_ts - o.prev_end) / 60)::integer),
        to_char(o.start_ts at time zone tz, 'YYYY-MM-DD HH24:MI'),
        app.hours_text(p.min_rest_between_min))
    end,
    jsonb_build_object(
      'starts_at', to_char(o.start_ts at time zone tz, 'YYYY-MM-DD"T"HH24:MI'),
      'previous_end', to_char(o.prev_end at time zone tz, 'YYYY-MM-DD"T"HH24:MI'),
      'rest_min', (extract(epoch from o.start_ts - o.prev_end) / 60)::integer,
      'min_rest_min', p.min_rest_between_min)
  from ordered o
  where o.prev_end is not null and (o.own or o.prev_own)
    and o.start_ts - o.prev_end < make_interval(mins => p.min_rest_between_min)
  union all
  -- template_season (open shifts too); the facts follow app.template_problem's cases
  select m.agent_id, m.day, 'template_season', problem.reason,
    jsonb_build_object(
      'template', t.name,
      'problem', case when t.id is null then 'missing' when not t.active then 'inactive'
        when season.id is null then 'no_season' else 'wrong_season' end,
      'day', m.day,
      'season', season.name,
      'valid_seasons', coalesce((
        select jsonb_agg(vs.name order by vs.name)
        from public.shift_template_seasons ts join public.seasons vs on vs.id = ts.season_id
        where ts.template_id = t.id), '[]'::jsonb))
  from mine m
  cross join lateral (select app.template_problem(m.template_id, m.day) as reason) problem
  left join public.shift_templates t on t.id = m.template_id
  left join public.seasons season on season.id = app.season_on(t.site_id, m.day)
  where m.template_id is not null and problem.reason is not null
  union all
  -- skills
  select h.agent_id, h.day, 'skills',
    format('lacks the skills of %s for shift "%s"', string_agg(q.name, ', ' order by q.name), t.name),
    jsonb_build_object('queues', jsonb_agg(q.name order by q.name), 'template', t.name)
  from held h
  join public.shift_templates t on t.id = h.template_id
  join public.shift_template_queues tq on tq.template_id = t.id
  join public.queues q on q.id = tq.queue_id
  where not exists (select 1 from public.agent_skills k where k.agent_id = h.agent_id and k.queue_id = tq.queue_id)
  group by h.agent_id, h.day, h.id, t.name
  union all
  -- leave: a shift on a day of approved leave
  select h.agent_id, h.day, 'leave',
    format('on approved %s leave from %s to %s', l.kind, l.starts_on, l.ends_on),
    jsonb_build_object('kind', l.kind, 'starts_on', l.starts_on, 'ends_on', l.ends_on)
  from held h
  join public.approved_leave l on l.agent_id = h.agent_id and h.day between l.starts_on and l.ends_on;
end;
$$;
revoke execute on function app.schedule_violations_of(uuid) from public, anon, authenticated;

-- The violations of a schedule version, for its planners.
create function public.schedule_violations(schedule_id uuid)
returns table (agent_id uuid, day date, rule text, detail text, facts jsonb)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not app.can_plan_schedule(schedule_violations.schedule_id) then
    raise exception 'only the team''s planners check its schedules' using errcode = '42501';
  end if;
  return query
    select v.agent_id, v.day, v.rule, v.detail, v.facts from app.schedule_violations_of(schedule_violations.schedule_id) v
    order by v.day nulls first, v.agent_id, v.rule;
end;
$$;
comment on function public.schedule_violations(uuid) is
  'Every rule a schedule version breaks: agent, day (null for the week), rule, reason (English) and its facts as JSON. Planners only.';

revoke execute on function public.schedule_violations(uuid) from public, anon, authenticated;
grant execute on function public.schedule_violations(uuid) to authenticated, service_role;
