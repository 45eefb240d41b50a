-- The forecast (issue 11, deliverable 2): offered calls and AHT per
-- 15-minute interval of a queue's week, from its queue_intervals history.
-- The method is one function, app.forecast_method, which create_forecast
-- stores and forecast_backtest scores, so the two cannot drift apart.
--
-- The method (its settings are the queue's staffing policy):
-- * Days are the site's days in its time zone, and an interval is matched by
--   its local time of day. History is read only from days before the target
--   week and before the site's today (a day still running is not history),
--   from the queue's first day of data, and only in years whose holidays the
--   site has filled in: a day of an unknown year might have been a holiday.
-- * Each day is ordinary, a holiday (a statutory holiday or another day off
--   of a holiday span, 调休/补休 included) or a make-up working day (调休上班),
--   from the site calendar.
-- * An ordinary day is forecast from the same weekday's ordinary days: the
--   history_weeks most recent of them (default 6), so a holiday or make-up
--   day in history is skipped, not counted as an ordinary weekday, and the
--   one before it is taken instead. The k-th most recent weighs
--   recency_decay^(k-1) (default 0.8: 1, 0.8, 0.64, ...), normalised.
-- * A holiday is forecast from the history_weeks most recent past holidays
--   (any weekday, within a year), weighted the same way; with none in the
--   history the day is marked closed and forecast at 0.
-- * A make-up working day is forecast as the mean of the site's ordinary
--   working weekdays (Monday to Friday with the default rest days): people
--   work as on any weekday, and it usually falls on a weekend, whose own
--   history would say far too little.
-- * Trend: the mean daily volume of the ordinary days of the last 4 weeks
--   before the history ends, over that of the 4 weeks before them, capped to
--   1 ± trend_cap (default 0.2), and 1 when those 8 weeks are not all in the
--   history. It multiplies every offered figure. The weighted history is
--   centred about three weeks before the target week (six weeks at 0.8),
--   about the distance the 4-week ratio measures.
-- * AHT per interval: the handle time (talk + hold + after-call work) over
--   the handled calls of the same days, both weighted as the volumes: so a
--   volume-weighted mean. An interval with no handled calls in its history
--   takes the queue's AHT target (0 calls need 0 agents, but Erlang needs a
--   positive AHT).
-- * Offered is rounded to 3 decimals, AHT to 0.1 s.
--
-- New codes: CB050 a week that does not start on a Monday; CB051 no history
-- to forecast from; CB053 an adjustment that cannot be applied. A week in a
-- year with no holiday data is refused with the calendar's CB001.

-- The site's days from first_day to last_day with their kind for the
-- forecast: ordinary, holiday or make_up, or unknown in a year the site's
-- calendar has not filled in.
create function app.forecast_days(site_id uuid, first_day date, last_day date)
returns table (day date, kind text)
language sql
stable
security definer
set search_path = ''
as $$
  select d::date,
    case
      when y.year is null then 'unknown'
      when c.kind in ('statutory_holiday', 'rest_day') then 'holiday'
      when c.kind = 'working_day' then 'make_up'
      else 'ordinary'
    end
  from generate_series(forecast_days.first_day::timestamp, forecast_days.last_day::timestamp, interval '1 day') as d
  left join public.site_calendar_years y on y.site_id = forecast_days.site_id and y.year = extract(year from d)::integer
  left join public.site_calendar_days c on c.site_id = forecast_days.site_id and c.day = d::date
$$;
revoke execute on function app.forecast_days(uuid, date, date) from public, anon, authenticated;

-- The method: the week's intervals in order (starts), with their offered
-- calls and AHT, and the inputs that say how they were made. History ends
-- before least(week_start, as_of): create_forecast passes the site's today,
-- the back-test the week itself. history_weeks null: the policy's.
create function app.forecast_method(
  queue_id uuid,
  week_start date,
  history_weeks integer,
  as_of date,
  out inputs jsonb,
  out starts timestamptz[],
  out offered numeric[],
  out aht_s numeric[]
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  q public.queues;
  pol public.staffing_policies := app.staffing_policy_of(forecast_method.queue_id);
  tz text;
  rest smallint[];
  n integer;
  ends_before date := least(forecast_method.week_start, forecast_method.as_of);
  first_day date;
  recent_mean numeric;
  previous_mean numeric;
  trend_raw numeric;
  trend numeric := 1;
  trend_note text;
  days jsonb;
  history_from date;
begin
  select * into q from public.queues where id = forecast_method.queue_id;
  if not found then
    raise exception 'queue % does not exist', forecast_method.queue_id using errcode = '22023';
  end if;
  select s.time_zone, s.rest_weekdays into tz, rest from public.sites s where s.id = q.site_id;
  if week_start is null or extract(isodow from week_start) <> 1 then
    raise exception 'a forecast week starts on a Monday; % is a %', week_start, trim(to_char(week_start, 'Day'))
      using errcode = 'CB050';
  end if;
  n := coalesce(forecast_method.history_weeks, pol.history_weeks);
  if n not between 1 and 26 then
    raise exception 'history_weeks must be between 1 and 26, not %', n using errcode = 'CB052';
  end if;
  perform app.require_calendar_years(q.site_id, week_start, week_start + 6);

  -- The queue's first day of data: the primary key's index gives it at once.
  select (min(qi.interval_start) at time zone tz)::date into first_day
  from public.queue_intervals qi where qi.queue_id = q.id;
  if first_day is null or first_day >= ends_before then
    raise exception 'no history for % before %', q.name, ends_before
      using errcode = 'CB051',
        detail = 'A forecast is made from the queue''s calls per 15 minutes on the days before the week (and before today).',
        hint = 'Let the queue take calls for a while (the demo simulator can backfill weeks of history), or forecast a later week.';
  end if;

  -- Trend: ordinary days' mean daily volume, last 4 weeks over the 4 before.
  if ends_before - 56 >= first_day then
    select sum(coalesce(t.calls, 0)) filter (where d.day >= ends_before - 28) / nullif(count(*) filter (where d.day >= ends_before - 28), 0),
      sum(coalesce(t.calls, 0)) filter (where d.day < ends_before - 28) / nullif(count(*) filter (where d.day < ends_before - 28), 0)
    into recent_mean, previous_mean
    from app.forecast_days(q.site_id, ends_before - 56, ends_before - 1) d
    left join (
      select (qi.interval_start at time zone tz)::date as day, sum(qi.offered)::numeric as calls
      from public.queue_intervals qi
      where qi.queue_id = q.id
        and qi.interval_start >= (ends_before - 56)::timestamp at time zone tz
        and qi.interval_start < ends_before::timestamp at time zone tz
      group by 1
    ) t on t.day = d.day
    where d.kind = 'ordinary';
    if recent_mean is null or coalesce(previous_mean, 0) = 0 then
      trend_note := 'no ordinary days with calls in one of the two 4-week windows';
    else
      trend_raw := round(recent_mean / previous_mean, 4);
      trend := least(greatest(trend_raw, 1 - pol.trend_cap), 1 + pol.trend_cap);
    end if;
  else
    trend_note := 'fewer than 8 weeks of history';
  end if;

  with history as (
    select h.day, h.kind,
      case when h.kind = 'ordinary' then 'dow' || extract(isodow from h.day)::integer else 'holiday' end as grp
    from app.forecast_days(q.site_id, greatest(first_day, ends_before - 364), ends_before - 1) h
    where h.kind in ('ordinary', 'holiday')
  ),
  ranked as (
    select h.*, row_number() over (partition by h.grp order by h.day desc) as k from history h
  ),
  -- Each day's bounds as instants, once: the join below then compares
  -- timestamps and can range-scan the primary key per day.
  picked as (
    select r.grp, r.day, r.k, power(pol.recency_decay, r.k - 1) as w,
      r.day::timestamp at time zone tz as day_from, (r.day + 1)::timestamp at time zone tz as day_to
    from ranked r where r.k <= n
  ),
  working as (
    select distinct p.grp from picked p where p.grp like 'dow%' and not (substr(p.grp, 4)::smallint = any (rest))
  ),
  -- Each group's weights sum to 1; the make-up group is the working
  -- weekdays' groups, each weighing 1 / (the number of them with history).
  normalised as (
    select p.grp, p.day, p.day_from, p.day_to, p.w / sum(p.w) over (partition by p.grp) as w from picked p
    union all
    select 'make_up', p.day, p.day_from, p.day_to,
      p.w / sum(p.w) over (partition by p.grp) / (select count(*) from working) as w
    from picked p
    where p.grp in (select wk.grp from working wk)
  ),
  sampled as (
    select u.grp, u.w, (qi.interval_start at time zone tz)::time as tod, qi.offered, qi.handled,
      qi.talk_s + qi.hold_s + qi.acw_s as handle_s
    from normalised u
    cross join lateral (
      -- offset 0 keeps this a range scan of the primary key per day: the
      -- planner would otherwise read the queue's whole history once per day.
      select * from public.queue_intervals i
      where i.queue_id = q.id and i.interval_start >= u.day_from and i.interval_start < u.day_to
      offset 0
    ) qi
  ),
  profile as (
    select s.grp, s.tod, sum(s.w * s.offered) as offered, sum(s.w * s.handle_s) / nullif(sum(s.w * s.handled), 0) as aht
    from sampled s
    group by s.grp, s.tod
  ),
  target as (
    select t.day, t.kind,
      case t.kind
        when 'ordinary' then 'dow' || extract(isodow from t.day)::integer
        when 'holiday' then 'holiday'
        else 'make_up'
      end as grp
    from app.forecast_days(q.site_id, week_start, week_start + 6) t
  ),
  slots as (
    select t.grp, s as interval_start, (s at time zone tz)::time as tod
    from target t
    cross join lateral generate_series(t.day::timestamp at time zone tz,
      (t.day + 1)::timestamp at time zone tz - interval '15 minutes', interval '15 minutes') as s
  ),
  day_inputs as (
    select jsonb_agg(jsonb_build_object(
      'day', t.day, 'kind', t.kind,
      'source', case
        when not exists (select 1 from normalised u where u.grp = t.grp) then
          case when t.kind = 'holiday' then 'closed' else 'no_history' end
        when t.kind = 'holiday' then 'past_holidays'
        when t.kind = 'make_up' then 'working_weekdays'
        else 'same_weekday'
      end,
      'history_days', (select coalesce(jsonb_agg(u.day order by u.day desc), '[]') from normalised u where u.grp = t.grp)
    ) order by t.day) as v
    from target t
  )
  select array_agg(sl.interval_start order by sl.interval_start),
    array_agg(round(trend * coalesce(pr.offered, 0), 3) order by sl.interval_start),
    array_agg(round(coalesce(pr.aht, q.aht_target_s), 1) order by sl.interval_start),
    (select v from day_inputs),
    (select min(p.day) from picked p)
  into starts, offered, aht_s, days, history_from
  from slots sl
  left join profile pr on pr.grp = sl.grp and pr.tod = sl.tod;

  inputs := jsonb_build_object(
    'method', 'same_weekday_weighted',
    'history_weeks', n,
    'recency_decay', pol.recency_decay,
    'weights', (select jsonb_agg(round(power(pol.recency_decay, k - 1), 6) order by k) from generate_series(1, n) as k),
    'history', jsonb_build_object('first_data_day', first_day, 'from', history_from, 'ends_before', ends_before),
    'trend', jsonb_build_object('factor', trend, 'raw', trend_raw, 'cap', pol.trend_cap,
      'recent_daily_mean', round(recent_mean, 3), 'previous_daily_mean', round(previous_mean, 3),
      'recent', jsonb_build_array(ends_before - 28, ends_before - 1),
      'previous', jsonb_build_array(ends_before - 56, ends_before - 29),
      'note', trend_note),
    'holidays', 'from the most recent past holidays, weighted like weeks; closed (0) when the history has none',
    'make_up_days', 'as the mean of the ordinary working weekdays',
    'days', days
  );
end;
$$;
revoke execute on function app.forecast_method(uuid, date, integer, date) from public, anon, authenticated;

-- The next version number of a queue's week, taken under a lock so that two
-- forecasters saving at once get 1 and 2, not a unique violation.
create function app.next_forecast_version(queue_id uuid, week_start date) returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('callboard.forecast:' || queue_id::text || ':' || week_start::text, 0));
  return (select coalesce(max(f.version), 0) + 1 from public.forecasts f
    where f.queue_id = next_forecast_version.queue_id and f.week_start = next_forecast_version.week_start);
end;
$$;
revoke execute on function app.next_forecast_version(uuid, date) from public, anon, authenticated;

-- ---------------------------------------------------------------- make

create function public.create_forecast(queue_id uuid, week_start date, history_weeks integer default null)
returns public.forecasts
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  q public.queues;
  made record;
  f public.forecasts;
begin
  select * into q from public.queues where id = create_forecast.queue_id;
  if not found or not app.can_forecast(q.site_id) then
    raise exception 'only the site''s supervisors, managers and admins make forecasts' using errcode = '42501';
  end if;
  select * into made
  from app.forecast_method(q.id, create_forecast.week_start, create_forecast.history_weeks, app.site_today(q.site_id));
  insert into public.forecasts (site_id, queue_id, week_start, version, method, inputs)
  values (q.site_id, q.id, create_forecast.week_start, app.next_forecast_version(q.id, create_forecast.week_start),
    made.inputs ->> 'method', made.inputs)
  returning * into f;
  insert into public.forecast_intervals (site_id, forecast_id, interval_start, offered, aht_s)
  select q.site_id, f.id, x.starts, x.offered, x.aht_s
  from unnest(made.starts, made.offered, made.aht_s) as x (starts, offered, aht_s);
  return f;
end;
$$;
comment on function public.create_forecast(uuid, date, integer) is
  'Forecasts a queue''s week (a Monday) from its history as a new version (the method is app.forecast_method; inputs say how). CB050 not a Monday, CB051 no history, CB001 a year without holiday data, CB052 history_weeks out of 1–26. Supervisors, managers and admins.';
revoke execute on function public.create_forecast(uuid, date, integer) from public, anon, authenticated;
grant execute on function public.create_forecast(uuid, date, integer) to authenticated, service_role;

-- ---------------------------------------------------------------- adjust

-- A new version of a forecast with one change: on `day` (a day of its week),
-- from from_time to to_time (site-local, on the quarter hour; null from the
-- day's start, null to its end; '24:00' is the end too), either every
-- interval's calls times (1 + value / 100) (kind percent, value > −100) or
-- the range's total changed by value calls (kind absolute), spread over its
-- intervals in proportion to their forecast, or evenly when the range
-- forecasts none; a range may not lose more calls than it has. AHT stays.
create function public.adjust_forecast(
  forecast_id uuid,
  day date,
  from_time time,
  to_time time,
  kind text,
  value numeric,
  reason text
) returns public.forecasts
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  f public.forecasts;
  made public.forecasts;
  tz text;
  lo time := coalesce(adjust_forecast.from_time, '00:00');
  hi time := coalesce(adjust_forecast.to_time, '24:00');
  in_range integer;
  range_total numeric;
begin
  select * into f from public.forecasts where id = adjust_forecast.forecast_id;
  if not found or not app.can_forecast(f.site_id) then
    raise exception 'only the site''s supervisors, managers and admins adjust forecasts' using errcode = '42501';
  end if;
  if kind is null or kind not in ('percent', 'absolute') then
    raise exception 'an adjustment is a percent or an absolute number of calls, not %', coalesce(kind, 'nothing')
      using errcode = 'CB053';
  end if;
  if value is null then
    raise exception 'an adjustment needs a value' using errcode = 'CB053';
  end if;
  if kind = 'percent' and value <= -100 then
    raise exception 'a percentage change must be above -100 %% (-100 %% would close the range: use an absolute change)'
      using errcode = 'CB053';
  end if;
  if reason is null or length(btrim(reason)) not between 1 and 500 then
    raise exception 'say why the forecast is adjusted (1 to 500 characters)' using errcode = 'CB053';
  end if;
  if day is null or day not between f.week_start and f.week_start + 6 then
    raise exception 'the day % is not in the forecast''s week (% to %)', day, f.week_start, f.week_start + 6
      using errcode = 'CB053';
  end if;
  if mod(extract(epoch from lo), 900) <> 0 or mod(extract(epoch from hi), 900) <> 0 then
    raise exception 'the times of an adjustment are on the quarter hour (like 09:00 or 14:45), not % to %', lo, hi
      using errcode = 'CB053';
  end if;
  if lo >= hi then
    raise exception 'the range must end after it starts (% to %)', lo, hi using errcode = 'CB053';
  end if;
  select s.time_zone into tz from public.sites s where s.id = f.site_id;
  select count(*), coalesce(sum(fi.offered), 0) into in_range, range_total
  from public.forecast_intervals fi
  where fi.forecast_id = f.id
    and (fi.interval_start at time zone tz)::date = adjust_forecast.day
    and (fi.interval_start at time zone tz)::time >= lo
    and (fi.interval_start at time zone tz)::time < hi;
  if in_range = 0 then
    raise exception 'the forecast has no interval on % from % to %', day, lo, hi using errcode = 'CB053';
  end if;
  if kind = 'absolute' and range_total + value < 0 then
    raise exception 'the range forecasts % calls: it cannot lose %', round(range_total, 1), -value using errcode = 'CB053';
  end if;

  insert into public.forecasts (site_id, queue_id, week_start, version, method, inputs, based_on)
  values (f.site_id, f.queue_id, f.week_start, app.next_forecast_version(f.queue_id, f.week_start), f.method, f.inputs, f.id)
  returning * into made;
  insert into public.forecast_intervals (site_id, forecast_id, interval_start, offered, aht_s)
  select fi.site_id, made.id, fi.interval_start,
    case
      when not ((fi.interval_start at time zone tz)::date = adjust_forecast.day
        and (fi.interval_start at time zone tz)::time >= lo and (fi.interval_start at time zone tz)::time < hi) then fi.offered
      when adjust_forecast.kind = 'percent' then round(fi.offered * (1 + adjust_forecast.value / 100), 3)
      when range_total > 0 then round(fi.offered * (range_total + adjust_forecast.value) / range_total, 3)
      else round(adjust_forecast.value / in_range, 3)
    end,
    fi.aht_s
  from public.forecast_intervals fi
  where fi.forecast_id = f.id;
  insert into public.forecast_adjustments (site_id, forecast_id, day, from_time, to_time, kind, value, reason)
  values (f.site_id, made.id, adjust_forecast.day, adjust_forecast.from_time, adjust_forecast.to_time,
    adjust_forecast.kind, adjust_forecast.value, btrim(adjust_forecast.reason));
  return made;
end;
$$;
comment on function public.adjust_forecast(uuid, date, time, time, text, numeric, text) is
  'A new version of a forecast with a day or a time range changed by a percentage or a number of calls, recorded with the reason (forecast_adjustments). CB053 when it cannot apply. Supervisors, managers and admins.';
revoke execute on function public.adjust_forecast(uuid, date, time, time, text, numeric, text) from public, anon, authenticated;
grant execute on function public.adjust_forecast(uuid, date, time, time, text, numeric, text) to authenticated, service_role;

-- ---------------------------------------------------------------- versions

-- A queue's forecast versions of a week, newest first, with who made each,
-- its total, whether it has requirements and the adjustment that made it.
create function public.forecast_versions(queue_id uuid, week_start date)
returns table (
  id uuid,
  version integer,
  method text,
  based_on uuid,
  based_on_version integer,
  created_at timestamptz,
  created_by_name text,
  offered_total numeric,
  has_requirements boolean,
  requirement_params jsonb,
  adjustment jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  site uuid := (select q.site_id from public.queues q where q.id = forecast_versions.queue_id);
begin
  if site is null or not app.can_read_staffing(site) then
    raise exception 'only the site''s leads, supervisors, managers, admins, QA and analysts read its forecasts' using errcode = '42501';
  end if;
  return query
    select f.id, f.version, f.method, f.based_on, b.version, f.created_at, app.member_name(f.created_by, f.site_id),
      (select coalesce(sum(fi.offered), 0) from public.forecast_intervals fi where fi.forecast_id = f.id),
      exists (select 1 from public.staffing_requirements r where r.forecast_id = f.id),
      f.requirement_params,
      (select jsonb_build_object('day', a.day, 'from_time', a.from_time, 'to_time', a.to_time, 'kind', a.kind,
          'value', a.value, 'reason', a.reason)
       from public.forecast_adjustments a where a.forecast_id = f.id order by a.created_at limit 1)
    from public.forecasts f
    left join public.forecasts b on b.id = f.based_on
    where f.queue_id = forecast_versions.queue_id and f.week_start = forecast_versions.week_start
    order by f.version desc;
end;
$$;
comment on function public.forecast_versions(uuid, date) is
  'A queue''s forecast versions of a week, newest first: who made each, its total, whether requirements were saved, and the adjustment that produced it. Staffing readers.';
revoke execute on function public.forecast_versions(uuid, date) from public, anon, authenticated;
grant execute on function public.forecast_versions(uuid, date) to authenticated, service_role;

-- ---------------------------------------------------------------- back-test

-- The method scored on one week: forecast it from the history before it and
-- compare with what was offered. WAPE = Σ|actual − forecast| / Σ actual over
-- the week's intervals (null when nothing was offered). problem: no_history
-- or no_calendar when the week cannot be forecast, no_calls when nothing was
-- offered.
create function app.forecast_backtest_week(queue_id uuid, week_start date)
returns table (actual_offered numeric, forecast_offered numeric, wape numeric, problem text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  made record;
  actual numeric;
  forecast numeric;
  abs_error numeric;
begin
  begin
    select * into made from app.forecast_method(forecast_backtest_week.queue_id, forecast_backtest_week.week_start, null,
      forecast_backtest_week.week_start);
  exception
    when sqlstate 'CB051' then
      return query select null::numeric, null::numeric, null::numeric, 'no_history'::text;
      return;
    when sqlstate 'CB001' then
      return query select null::numeric, null::numeric, null::numeric, 'no_calendar'::text;
      return;
  end;
  select coalesce(sum(a.offered), 0), coalesce(sum(x.offered), 0), coalesce(sum(abs(coalesce(a.offered, 0) - x.offered)), 0)
  into actual, forecast, abs_error
  from unnest(made.starts, made.offered) as x (starts, offered)
  left join public.queue_intervals a on a.queue_id = forecast_backtest_week.queue_id and a.interval_start = x.starts;
  return query select actual, forecast, round(abs_error / nullif(actual, 0), 4), case when actual = 0 then 'no_calls' end;
end;
$$;
revoke execute on function app.forecast_backtest_week(uuid, date) from public, anon, authenticated;

-- The back-test of the last complete week (the site's week before this one).
create function public.forecast_backtest(queue_id uuid)
returns table (
  week_start date,
  actual_offered numeric,
  forecast_offered numeric,
  wape numeric,
  problem text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  q public.queues;
begin
  select * into q from public.queues where id = forecast_backtest.queue_id;
  if not found or not app.can_read_staffing(q.site_id) then
    raise exception 'only the site''s leads, supervisors, managers, admins, QA and analysts read its forecasts' using errcode = '42501';
  end if;
  return query
    select w.monday, b.actual_offered, b.forecast_offered, b.wape, b.problem
    from (select date_trunc('week', app.site_today(q.site_id)::timestamp)::date - 7 as monday) w
    cross join lateral app.forecast_backtest_week(q.id, w.monday) b;
end;
$$;
comment on function public.forecast_backtest(uuid) is
  'The forecast method back-tested on the queue''s last complete week: actual and forecast totals and WAPE (Σ|actual − forecast| / Σ actual over its intervals); problem no_history, no_calendar or no_calls. Staffing readers.';
revoke execute on function public.forecast_backtest(uuid) from public, anon, authenticated;
grant execute on function public.forecast_backtest(uuid) to authenticated, service_role;
