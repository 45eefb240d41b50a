-- The attendance engine (issue 12): judges each agent's published shifts
-- (and the days without one that say something) from the punches, approved
-- requests, approved leave, overrides, the policy in force and the site
-- calendar, into attendance_days. One set-based statement judges any range
-- for any set of agents (a month for a whole site, or one agent's three days
-- after a punch); triggers on every input re-judge the open days it touches;
-- public.close_attendance_days closes the days whose check-out window has
-- passed (the server runs it every minute); app.rejudge_audited is the path
-- for changes to closed days, writing one attendance_corrections row per
-- closed day whose result changed.
--
-- The rules, exactly (README "Attendance rules" repeats them):
-- * A shift's punch window is [start − check_in_window, end + check_out_window],
--   both ends inclusive, extended to cover an approved overtime request that
--   touches it (the window then runs from the overtime's start − check-in
--   window to its end + check-out window).
-- * Each punch (not voided) counts for at most one shift: of the agent's
--   shifts whose window holds it, the nearest (0 inside the shift, else the
--   distance to its start or end); on a tie an `in` punch goes to the later
--   shift, an `out` punch or one without direction to the earlier one. A
--   punch in no window belongs to the site date it was made on (a day without
--   a shift; shown, never judged).
-- * The work date is the site date the shift starts on (a night shift
--   22:00–06:00 counts for the evening it began).
-- * First in = the earliest punch of the shift, last out = the latest (two
--   punches or more, whatever their direction says: terminals mislabel). A
--   single punch is an `in` or `out` by its direction, else by whichever of
--   start and end it is nearer to (a tie: in).
-- * Minutes are whole minutes, seconds dropped: late = floor((first in −
--   expected start) / 60 s). Arriving at start + grace (e.g. 09:05:59 with a
--   5-minute grace) is on time; start + grace + 1 min (09:06:00) is late.
--   Early leave likewise from the last out to the expected end.
-- * Tiers (defaults): late ≤ grace on time; ≤ late_max (30) late; ≤
--   half_day_max (120) half-day absence; beyond, absence. Early leave has
--   its own grace and tiers. A late and an early tier both at half-day make
--   an absence; otherwise the status is the more severe (half_day > late >
--   early_leave) and the deduction is the sum of both tiers' deductions.
-- * Worked minutes = time between first in and last out inside the shift,
--   minus unpaid breaks, plus approved outings inside the shift. Worked plus
--   approved leave minutes below min_half_day_worked_min make an absence,
--   below min_present_worked_min a half-day (0 = off); this replaces the
--   punctuality result when it is more severe.
-- * Approved leave and outings excuse their part of the shift: the expected
--   start is the first minute of the shift they do not cover, the expected
--   end the last. A shift they cover whole is `leave` (any leave in it) or
--   `outing`, at once, without waiting for the window. approved_leave rows
--   written for a request (request_id) are read through that request's exact
--   times; rows without one cover whole days.
-- * Overtime counts only inside an approved overtime request (when the
--   policy asks approval; else all presence outside the shift). Presence of
--   30 minutes or more outside the shift without one is noted, not counted.
-- * A shift on a statutory holiday / rest day (site calendar, weekly rest
--   days) is not judged unless the policy says judge_holidays /
--   judge_rest_days: status `holiday` / `rest`, no deduction, punches kept.
-- * Until the check-out window has passed (as_of > closes_at) a day whose
--   result depends on punches is `open` (late minutes so far are filled in);
--   after it, no punch = `absent` (旷工), one punch = the policy's
--   single_punch_status. close_attendance_days then stamps closed_at; a
--   closed day changes only through app.rejudge_audited (audited).
-- * The latest override not cleared stands over the engine's status, with
--   its deduction or the policy's deduction for that status.
-- * Days without a published shift get a row only when something happened:
--   punches in no shift's window, approved leave, an outing or overtime.
--   Status: leave / outing when one covers part of the day, else holiday
--   or rest; never a deduction.

-- When the day closes: the end of the (extended) check-out window.
alter table public.attendance_days add column closes_at timestamptz;
comment on column public.attendance_days.closes_at is
  'The end of the check-out window (shift end + check_out_window_min, or past an approved overtime): the day closes after it.';
create index attendance_days_open_closes_at_idx on public.attendance_days (closes_at) where closed_at is null;
create index attendance_days_agent_id_work_date_idx on public.attendance_days (agent_id, work_date);

-- Whole minutes in a multirange of instants, seconds dropped.
create function app.range_minutes(m tstzmultirange) returns integer
language sql
immutable
set search_path = ''
as $$
  select coalesce(floor(sum(extract(epoch from upper(r) - lower(r))) / 60), 0)::integer
  from unnest(m) as r
$$;
revoke execute on function app.range_minutes(tstzmultirange) from public, anon, authenticated;

-- An instant as ISO text in UTC, the same whatever the session's time zone
-- (explanations are compared to skip unchanged rows).
create function app.iso(t timestamptz) returns text
language sql
immutable
set search_path = ''
as $$
  select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;
revoke execute on function app.iso(timestamptz) from public, anon, authenticated;

-- The deduction a policy sets for a status (an override without its own).
create function app.status_deduction(p public.attendance_policies, status public.attendance_status) returns numeric
language sql
immutable
set search_path = ''
as $$
  select case status
    when 'late' then p.deduction_late
    when 'early_leave' then p.deduction_early
    when 'half_day' then p.deduction_half_day
    when 'absent' then p.deduction_absent
    when 'missing_punch' then p.deduction_missing_punch
    else 0
  end
$$;
revoke execute on function app.status_deduction(public.attendance_policies, public.attendance_status) from public, anon, authenticated;

-- ------------------------------------------------------------------ judge

-- Judges [from_date, to_date] (site dates = work dates) for the agents
-- (null: all of the site's), as of a moment (tests freeze it; everything
-- else passes now()). Writes only rows whose result changed; deletes open
-- rows whose shift is gone; leaves closed rows alone unless include_closed.
-- Returns the number of rows inserted, changed or deleted.
create function app.judge_attendance(
  site_id uuid, agent_ids uuid[], from_date date, to_date date,
  include_closed boolean default false, as_of timestamptz default now()
) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  p_site uuid := judge_attendance.site_id;
  p_agents uuid[] := judge_attendance.agent_ids;
  p_from date := judge_attendance.from_date;
  p_to date := judge_attendance.to_date;
  p_closed boolean := coalesce(judge_attendance.include_closed, false);
  p_as_of timestamptz := coalesce(judge_attendance.as_of, now());
  tz text;
  rest_days smallint[];
  lo timestamptz;
  hi timestamptz;
  agent_list uuid[];
  nestloop text := current_setting('enable_nestloop');
  jit text := current_setting('jit');
  plan_mode text := current_setting('plan_cache_mode');
  -- Instants in explanations: ISO text in UTC, as app.iso writes them
  -- (inlined: a function with its own search_path is a call per use).
  iso constant text := 'YYYY-MM-DD"T"HH24:MI:SS"Z"';
  written integer;
begin
  if p_from is null or p_to is null or p_to < p_from then
    raise exception 'a range to judge runs from a date to the same or a later date, not % to %', p_from, p_to
      using errcode = 'CB060';
  end if;
  if p_to - p_from > 400 then
    raise exception 'judge at most 400 days at a time, not %', p_to - p_from + 1 using errcode = 'CB060';
  end if;
  select s.time_zone, s.rest_weekdays into tz, rest_days from public.sites s where s.id = p_site;
  if not found then
    return 0;
  end if;
  -- Everything that can touch the range: shifts of the day before and after
  -- compete for punches; windows reach at most 12 h (+ overtime) outside.
  lo := (p_from - 2)::timestamp at time zone tz;
  hi := (p_to + 3)::timestamp at time zone tz;
  -- The agents judged, as an array: every table is read through its
  -- (agent_id, ...) index with it, for one agent or five hundred. Rows of an
  -- agent are of the agent's site (each table's foreign key to agents says
  -- so), hence no site_id test next to it: that would lead the planner to
  -- the (site_id, ...) indexes and through every agent's rows of the range.
  select array_agg(a.id) into agent_list from public.agents a
  where a.site_id = p_site and (p_agents is null or a.id = any (p_agents));

  -- A week published again gives its shifts new ids: a row judged for a
  -- shift no longer published follows the published shift of the same
  -- agent and date that overlaps it, so a closed day stays one row. Rows
  -- whose shift is still published are the rule: a look at the range's
  -- rows (each shift by its key) says whether there is anything to follow.
  if exists (
    select 1 from public.attendance_days t
    where t.agent_id = any (agent_list) and t.work_date between p_from and p_to and t.shift_id is not null
      and not exists (
        select 1 from public.schedule_shifts s join public.schedules sc on sc.id = s.schedule_id
        where s.id = t.shift_id and sc.status = 'published'
      )
  ) then
    update public.attendance_days t set shift_id = s.id
    from public.schedule_shifts s
    join public.schedules sc on sc.id = s.schedule_id and sc.status = 'published'
    where t.site_id = p_site and t.work_date between p_from and p_to and t.agent_id = any (agent_list)
      and t.shift_id is not null
      and s.site_id = p_site and s.agent_id = t.agent_id and s.day = t.work_date
      and tstzrange(s.start_ts, s.end_ts) && tstzrange(t.shift_start, t.shift_end)
      and not exists (
        select 1 from public.schedule_shifts s2 join public.schedules sc2 on sc2.id = s2.schedule_id
        where s2.id = t.shift_id and sc2.status = 'published'
      )
      and not exists (
        select 1 from public.attendance_days t2 where t2.agent_id = t.agent_id and t2.work_date = t.work_date
          and t2.shift_id = s.id
      );
  end if;

  -- PGlite gathers no statistics (no autovacuum): every CTE below is then
  -- estimated at one row, and the planner nests loops over CTE scans,
  -- quadratic in the agent-days (a month of 500 agents took minutes). Every
  -- join between them is on equal keys, so hash joins are always right
  -- here; reads of tables go through their indexes with agent_list. The
  -- loops that remain (lateral function scans) then cost "disabled", which
  -- would have PostgreSQL compile the plan with JIT for seconds: off too.
  -- Planning the statement takes far longer than running it for one agent
  -- (50-100 ms against 3): one generic plan, made once per session, serves
  -- every call. The settings are put back right after this statement.
  perform set_config('enable_nestloop', 'off', true);
  perform set_config('jit', 'off', true);
  perform set_config('plan_cache_mode', 'force_generic_plan', true);

  with
  pol as (
    select p as row, p.effective_from, lead(p.effective_from) over (order by p.effective_from) as until
    from public.attendance_policies p where p.site_id = p_site
  ),
  cal as (
    select d::date as day,
      case
        when c.kind = 'statutory_holiday' then 'holiday'
        when c.kind = 'rest_day' then 'rest'
        when c.kind = 'working_day' then 'working'
        when extract(isodow from d)::smallint = any (rest_days) then 'rest'
        else 'working'
      end as kind,
      c.name as holiday_name
    from generate_series(p_from - 1, p_to + 1, interval '1 day') as d
    left join public.site_calendar_days c on c.site_id = p_site and c.day = d::date
  ),
  req as (
    select r.id, r.agent_id, r.kind, r.leave_type, tstzrange(r.starts_at, r.ends_at) as span
    from public.attendance_requests r
    where r.agent_id = any (agent_list) and r.status = 'approved'
      and r.ends_at > lo - interval '1 day'
      and r.starts_at < hi + interval '1 day'
  ),
  -- approved_leave without a request: whole site days.
  al as (
    select l.agent_id, l.starts_on, l.ends_on, l.kind
    from public.approved_leave l
    where l.agent_id = any (agent_list) and l.request_id is null
      and l.ends_on >= p_from - 1 and l.starts_on <= p_to + 1
  ),
  sh as (
    select s.id as shift_id, s.agent_id, s.day as work_date, s.start_ts, s.end_ts, s.breaks,
      s.day between p_from and p_to as in_range, pol.row as p
    from public.schedule_shifts s
    join public.schedules sc on sc.id = s.schedule_id and sc.status = 'published'
    join pol on s.day >= pol.effective_from and (pol.until is null or s.day < pol.until)
    where s.agent_id = any (agent_list) and s.day between p_from - 1 and p_to + 1
  ),
  -- The approved overtime touching each shift's unstretched window.
  ot as (
    select sh.shift_id, min(lower(r.span)) as first_at, max(upper(r.span)) as last_at, range_agg(r.span) as overtime
    from sh join req r on r.agent_id = sh.agent_id and r.kind = 'overtime'
      and r.span && tstzrange(sh.start_ts - make_interval(mins => (sh.p).check_in_window_min),
                              sh.end_ts + make_interval(mins => (sh.p).check_out_window_min), '[]')
    group by sh.shift_id
  ),
  -- The punch window, stretched over approved overtime that touches it.
  win as (
    select sh.*,
      tstzrange(least(sh.start_ts, o.first_at) - make_interval(mins => (sh.p).check_in_window_min),
        greatest(sh.end_ts, o.last_at) + make_interval(mins => (sh.p).check_out_window_min), '[]') as win,
      o.overtime,
      row_number() over (partition by sh.agent_id, sh.work_date order by sh.start_ts) = 1 as first_of_day
    from sh
    left join ot o on o.shift_id = sh.shift_id
  ),
  -- Each window once per UTC day it touches, so that a punch meets only
  -- the windows of its own day (a hash join on agent and day) instead of
  -- every window of its agent (materialized, so that the join can hash on
  -- the day).
  win_days as materialized (
    select w.shift_id, w.agent_id, w.win, w.start_ts, w.end_ts, b.day_no
    from win w
    cross join lateral generate_series(floor(extract(epoch from lower(w.win)) / 86400)::bigint,
      floor(extract(epoch from upper(w.win)) / 86400)::bigint) as b (day_no)
  ),
  pu as (
    select p.id, p.agent_id, p.punched_at, p.direction
    from public.punches p
    where p.agent_id = any (agent_list) and p.voided_at is null
      and p.punched_at >= lo and p.punched_at < hi
      -- as of the moment: a judgement "as of 09:30" knows no later punch
      and p.punched_at <= p_as_of
  ),
  -- Each punch to the nearest shift whose window holds it; ties: in → later, else earlier.
  owner as (
    select distinct on (pu.id) pu.id as punch_id, w.shift_id, pu.punched_at, pu.direction
    from pu join win_days w on w.agent_id = pu.agent_id
      and w.day_no = floor(extract(epoch from pu.punched_at) / 86400)::bigint and w.win @> pu.punched_at
    order by pu.id,
      greatest(w.start_ts - pu.punched_at, pu.punched_at - w.end_ts, interval '0'),
      case when pu.direction = 'in' then -extract(epoch from w.start_ts) else extract(epoch from w.start_ts) end
  ),
  agg as (
    select o.shift_id, count(*)::integer as n, min(o.punched_at) as first_at, max(o.punched_at) as last_at,
      (array_agg(o.direction order by o.punched_at))[1] as first_dir
    from owner o
    group by o.shift_id
  ),
  -- Punches in no shift's window, by the site date they were made on.
  loose_punches as (
    select pu.agent_id, (pu.punched_at at time zone tz)::date as work_date, count(*)::integer as n,
      min(pu.punched_at) as first_at, max(pu.punched_at) as last_at
    from pu left join owner o on o.punch_id = pu.id
    where o.punch_id is null
    group by 1, 2
  ),
  -- The whole-day leave of each agent and day (the first by start when
  -- two overlap).
  al_day as (
    select distinct on (l.agent_id, d::date) l.agent_id, d::date as work_date, l.kind
    from al l
    cross join lateral generate_series(greatest(l.starts_on, p_from), least(l.ends_on, p_to), interval '1 day') as d
    order by l.agent_id, d::date, l.starts_on, l.ends_on
  ),
  -- The latest override not cleared of each shift.
  ovr as (
    select distinct on (o.agent_id, o.work_date, o.shift_id) o.agent_id, o.work_date, o.shift_id, o.status,
      o.deduction, o.reason, o.made_at
    from public.attendance_overrides o
    where o.agent_id = any (agent_list) and o.work_date between p_from and p_to and o.cleared_at is null
      and o.shift_id is not null
    order by o.agent_id, o.work_date, o.shift_id, o.made_at desc
  ),
  -- Approved leave and outings inside each shift of the range.
  exc as (
    select w.shift_id,
      range_agg(r.span * tstzrange(w.start_ts, w.end_ts)) filter (where r.kind = 'leave') as leave_mr,
      range_agg(r.span * tstzrange(w.start_ts, w.end_ts)) filter (where r.kind = 'outing') as outing_mr,
      jsonb_agg(jsonb_build_object('code', r.kind::text, 'params',
        jsonb_strip_nulls(jsonb_build_object('leave_type', r.leave_type,
          'from', to_char(lower(r.span) at time zone 'UTC', iso), 'to', to_char(upper(r.span) at time zone 'UTC', iso),
          'request_id', r.id))) order by lower(r.span)) as notes
    from win w join req r on r.agent_id = w.agent_id and r.kind in ('leave', 'outing')
      and r.span && tstzrange(w.start_ts, w.end_ts)
    where w.in_range
    group by w.shift_id
  ),
  brk as (
    select w.shift_id,
      range_agg(tstzrange(w.start_ts + make_interval(mins => (b ->> 'start_min')::integer),
        w.start_ts + make_interval(mins => (b ->> 'start_min')::integer + (b ->> 'minutes')::integer))) as unpaid
    from win w cross join lateral jsonb_array_elements(w.breaks) as b
    where w.in_range and not (b ->> 'paid')::boolean
    group by w.shift_id
  ),
  -- Measures of each shift of the range.
  m as (
    select w.shift_id, w.agent_id, w.work_date, w.start_ts, w.end_ts, w.p, w.overtime, upper(w.win) as closes_at,
      c.kind as day_kind, c.holiday_name,
      coalesce(g.n, 0) as n,
      case when g.n >= 2 or (g.n = 1 and (g.first_dir = 'in' or (g.first_dir is null
        and g.first_at - w.start_ts <= w.end_ts - g.first_at))) then g.first_at end as first_in,
      case when g.n >= 2 then g.last_at when g.n = 1 and (g.first_dir = 'out' or (g.first_dir is null
        and g.first_at - w.start_ts > w.end_ts - g.first_at)) then g.last_at end as last_out,
      wl.kind as whole_leave,
      tstzmultirange(tstzrange(w.start_ts, w.end_ts)) as shift_mr,
      coalesce(e.leave_mr, '{}') + case when wl.kind is not null then tstzmultirange(tstzrange(w.start_ts, w.end_ts))
        else '{}' end as leave_mr,
      coalesce(e.outing_mr, '{}') as outing_mr,
      coalesce(b.unpaid, '{}') as unpaid,
      case when wl.kind is not null
        then jsonb_build_array(jsonb_build_object('code', 'leave', 'params', jsonb_build_object('leave_type', wl.kind,
          'whole_day', true)))
        else '[]' end || coalesce(e.notes, '[]') as excuse_notes,
      ov.status as ov_status, ov.deduction as ov_deduction, ov.reason as ov_reason, ov.made_at as ov_at,
      stray.n as stray_n, stray.first_at as stray_first, stray.last_at as stray_last
    from win w
    join cal c on c.day = w.work_date
    left join agg g on g.shift_id = w.shift_id
    left join loose_punches stray on w.first_of_day and stray.agent_id = w.agent_id and stray.work_date = w.work_date
    left join exc e on e.shift_id = w.shift_id
    left join brk b on b.shift_id = w.shift_id
    left join al_day wl on wl.agent_id = w.agent_id and wl.work_date = w.work_date
    left join ovr ov on ov.agent_id = w.agent_id and ov.work_date = w.work_date and ov.shift_id = w.shift_id
    where w.in_range
  ),
  -- m2, m3 and sev are computed once per row (materialized): inlined, each
  -- later mention of a column would repeat its multirange arithmetic.
  m2 as materialized (
    select m.*,
      m.shift_mr - m.leave_mr - m.outing_mr as remaining,
      case when m.first_in is not null and m.last_out is not null
        then tstzmultirange(tstzrange(m.first_in, m.last_out)) else '{}' end as presence
    from m
  ),
  m3 as materialized (
    select m2.*,
      isempty(m2.remaining) as covered,
      lower(m2.remaining) as expected_start,
      upper(m2.remaining) as expected_end,
      -- Whole minutes of a multirange, seconds dropped (app.range_minutes, inlined).
      (select coalesce(floor(sum(extract(epoch from upper(r) - lower(r))) / 60), 0)::integer
       from unnest(((m2.presence * m2.shift_mr) + m2.outing_mr) - m2.unpaid) as r) as worked,
      (select coalesce(floor(sum(extract(epoch from upper(r) - lower(r))) / 60), 0)::integer
       from unnest(m2.leave_mr - m2.unpaid) as r) as leave_min,
      (select coalesce(floor(sum(extract(epoch from upper(r) - lower(r))) / 60), 0)::integer
       from unnest(case when (m2.p).overtime_needs_approval
         then (m2.presence * coalesce(m2.overtime, '{}')) - m2.shift_mr else m2.presence - m2.shift_mr end) as r)
        as overtime_min,
      case when (m2.p).overtime_needs_approval
        then (select coalesce(floor(sum(extract(epoch from upper(r) - lower(r))) / 60), 0)::integer
              from unnest((m2.presence - m2.shift_mr) - coalesce(m2.overtime, '{}')) as r)
        else 0 end as unapproved_min
    from m2
  ),
  m4 as (
    select m3.*,
      case when not m3.covered and m3.first_in > m3.expected_start
        then floor(extract(epoch from m3.first_in - m3.expected_start) / 60)::integer else 0 end as late,
      case when not m3.covered and m3.last_out < m3.expected_end
        then floor(extract(epoch from m3.expected_end - m3.last_out) / 60)::integer else 0 end as early,
      p_as_of > m3.closes_at as final,
      (m3.day_kind = 'holiday' and not (m3.p).judge_holidays) or (m3.day_kind = 'rest' and not (m3.p).judge_rest_days)
        as unjudged
    from m3
  ),
  -- Tiers of lateness, early leave and worked time.
  t as (
    select m4.*,
      case when m4.late <= (m4.p).grace_min then null when m4.late <= (m4.p).late_max_min then 'late'
        when m4.late <= (m4.p).half_day_max_min then 'half_day' else 'absent' end as late_tier,
      case when m4.early <= (m4.p).early_grace_min then null when m4.early <= (m4.p).early_max_min then 'early'
        when m4.early <= (m4.p).early_half_day_max_min then 'half_day' else 'absent' end as early_tier,
      case when (m4.p).min_half_day_worked_min > 0 and m4.worked + m4.leave_min < (m4.p).min_half_day_worked_min
          then 'absent'
        when (m4.p).min_present_worked_min > 0 and m4.worked + m4.leave_min < (m4.p).min_present_worked_min
          then 'half_day'
      end as worked_tier
    from m4
  ),
  -- Punctuality: two half-days or any absence tier make an absence; else
  -- the worse status, and both tiers' deductions.
  pun as (
    select t.*,
      t.late_tier = 'absent' or t.early_tier = 'absent' or (t.late_tier = 'half_day' and t.early_tier = 'half_day')
        as punct_absent
    from t
  ),
  pun2 as (
    select pun.*,
      case
        when pun.punct_absent then 'absent'
        when 'half_day' in (pun.late_tier, pun.early_tier) then 'half_day'
        when pun.late_tier = 'late' then 'late'
        when pun.early_tier = 'early' then 'early_leave'
        else 'present'
      end::public.attendance_status as p_status,
      case
        when pun.punct_absent then 'absent'
        when 'half_day' in (pun.late_tier, pun.early_tier) then 'half_day'
        else coalesce(pun.late_tier, pun.early_tier)
      end as p_tier,
      case
        when pun.punct_absent then (pun.p).deduction_absent
        else coalesce(case pun.late_tier when 'late' then (pun.p).deduction_late
                        when 'half_day' then (pun.p).deduction_half_day end, 0)
           + coalesce(case pun.early_tier when 'early' then (pun.p).deduction_early
                        when 'half_day' then (pun.p).deduction_half_day end, 0)
      end as p_deduction
    from pun
  ),
  sev as materialized (
    select pun2.*,
      case pun2.p_status when 'absent' then 3 when 'half_day' then 2 when 'present' then 0 else 1 end as p_sev,
      case pun2.worked_tier when 'absent' then 3 when 'half_day' then 2 else 0 end as w_sev
    from pun2
  ),
  -- The engine's result, then the override over it.
  st as (
    select sev.*, r.e_status, r.e_tier, r.e_deduction
    from sev
    cross join lateral (
      select *
      from (values
        (sev.unjudged, case when sev.unjudged then sev.day_kind::public.attendance_status end, null::text, 0::numeric),
        (sev.covered, case when isempty(sev.leave_mr) then 'outing' else 'leave' end::public.attendance_status, null, 0),
        (not sev.final, 'open'::public.attendance_status, null, 0),
        (sev.n = 0, 'absent'::public.attendance_status, 'absent', (sev.p).deduction_absent),
        (sev.n = 1, (sev.p).single_punch_status, (sev.p).single_punch_status::text,
          case (sev.p).single_punch_status
            when 'late' then (sev.p).deduction_late when 'early_leave' then (sev.p).deduction_early
            when 'half_day' then (sev.p).deduction_half_day when 'absent' then (sev.p).deduction_absent
            when 'missing_punch' then (sev.p).deduction_missing_punch else 0 end),
        (sev.w_sev > sev.p_sev, sev.worked_tier::public.attendance_status, sev.worked_tier,
          case sev.worked_tier::public.attendance_status
            when 'late' then (sev.p).deduction_late when 'early_leave' then (sev.p).deduction_early
            when 'half_day' then (sev.p).deduction_half_day when 'absent' then (sev.p).deduction_absent
            when 'missing_punch' then (sev.p).deduction_missing_punch else 0 end),
        (true, sev.p_status, sev.p_tier, sev.p_deduction)
      ) as v(applies, e_status, e_tier, e_deduction)
      where v.applies
      limit 1
    ) r
  ),
  fin as (
    select st.*,
      coalesce(st.ov_status, st.e_status) as status,
      case when st.ov_status is null then st.e_tier
        else case st.ov_status when 'late' then 'late' when 'early_leave' then 'early' when 'half_day' then 'half_day'
          when 'absent' then 'absent' when 'missing_punch' then 'missing_punch' end end as tier,
      case when st.ov_status is null then st.e_deduction
        else coalesce(st.ov_deduction, case st.ov_status
            when 'late' then (st.p).deduction_late when 'early_leave' then (st.p).deduction_early
            when 'half_day' then (st.p).deduction_half_day when 'absent' then (st.p).deduction_absent
            when 'missing_punch' then (st.p).deduction_missing_punch else 0 end) end as deduction,
      not st.unjudged and not st.covered as punctual
    from st
  ),
  shift_days as (
    select p_site as site_id, s.agent_id, s.work_date, s.shift_id, s.start_ts as shift_start, s.end_ts as shift_end,
      s.first_in, s.last_out, s.worked as worked_min, s.late as late_min, s.early as early_min, s.overtime_min,
      s.status, s.tier, s.deduction, (s.p).id as policy_id, s.closes_at,
      -- The notes that apply, in this order (array_remove drops the others).
      s.excuse_notes || to_jsonb(array_remove(array[
          case when s.unjudged then jsonb_build_object('code', case when s.day_kind = 'holiday'
            then 'holiday_not_judged' else 'rest_day_not_judged' end, 'params',
            jsonb_strip_nulls(jsonb_build_object('name', s.holiday_name))) end,
          case when s.punctual and s.n = 0 then
            case when s.final then jsonb_build_object('code', 'no_punch', 'params', '{}'::jsonb)
              when p_as_of > s.expected_start then jsonb_build_object('code', 'not_in_yet', 'params', '{}'::jsonb) end
          end,
          case when s.punctual and s.n = 1 and s.final then jsonb_build_object('code', 'single_punch', 'params',
            jsonb_build_object('at', to_char(coalesce(s.first_in, s.last_out) at time zone 'UTC', iso),
              'missing', case when s.first_in is null then 'in' else 'out' end)) end,
          case when s.punctual and s.first_in is not null and (s.n >= 2 or not s.final) then jsonb_build_object('code',
            case s.late_tier when 'late' then 'late' when 'half_day' then 'late_half_day' when 'absent' then 'late_absent'
              else 'on_time' end,
            'params', jsonb_build_object('at', to_char(s.first_in at time zone 'UTC', iso),
              'expected', to_char(s.expected_start at time zone 'UTC', iso),
              'minutes', s.late, 'grace', (s.p).grace_min, 'late_max', (s.p).late_max_min,
              'half_day_max', (s.p).half_day_max_min)) end,
          case when s.punctual and s.last_out is not null and (s.n >= 2 or not s.final) then jsonb_build_object('code',
            case s.early_tier when 'early' then 'early' when 'half_day' then 'early_half_day'
              when 'absent' then 'early_absent' else 'left_on_time' end,
            'params', jsonb_build_object('at', to_char(s.last_out at time zone 'UTC', iso),
              'expected', to_char(s.expected_end at time zone 'UTC', iso),
              'minutes', s.early, 'grace', (s.p).early_grace_min, 'early_max', (s.p).early_max_min,
              'half_day_max', (s.p).early_half_day_max_min)) end,
          case when s.punctual and s.late_tier = 'half_day' and s.early_tier = 'half_day'
            then jsonb_build_object('code', 'two_half_days', 'params', '{}'::jsonb) end,
          case when s.punctual and s.n >= 2 and s.worked_tier is not null then jsonb_build_object('code',
            case s.worked_tier when 'absent' then 'worked_below_half_day' else 'worked_below_present' end,
            'params', jsonb_build_object('worked', s.worked, 'leave', s.leave_min, 'min',
              case s.worked_tier when 'absent' then (s.p).min_half_day_worked_min
                else (s.p).min_present_worked_min end)) end,
          case when s.stray_n > 0 then jsonb_build_object('code', 'punches_outside_window', 'params',
            jsonb_build_object('count', s.stray_n, 'first', to_char(s.stray_first at time zone 'UTC', iso),
              'last', to_char(s.stray_last at time zone 'UTC', iso))) end,
          case when s.overtime_min > 0 then jsonb_build_object('code', 'overtime', 'params',
            jsonb_build_object('minutes', s.overtime_min)) end,
          -- Half an hour or more outside the shift without an approved request
          -- is worth saying; a few minutes early or late is not.
          case when s.unapproved_min >= 30 then jsonb_build_object('code', 'overtime_unapproved', 'params',
            jsonb_build_object('minutes', s.unapproved_min)) end,
          case when s.punctual and not s.final then jsonb_build_object('code', 'open', 'params',
            jsonb_build_object('closes_at', to_char(s.closes_at at time zone 'UTC', iso))) end,
          case when s.ov_status is not null then jsonb_build_object('code', 'override', 'params',
            jsonb_build_object('status', s.ov_status, 'judged', s.e_status, 'reason', s.ov_reason,
              'at', to_char(s.ov_at at time zone 'UTC', iso))) end,
          case when s.deduction > 0 then jsonb_build_object('code', 'deduction', 'params',
            jsonb_build_object('amount', s.deduction, 'tier', s.tier)) end,
          jsonb_build_object('code', 'policy', 'params', jsonb_build_object('version', (s.p).version,
            'effective_from', (s.p).effective_from))
        ], null)) as explanation
    from fin s
  ),
  -- Days without a shift that say something: punches in no shift's window,
  -- approved leave or outings on a working day, approved overtime.
  loose_keys as (
    select lp.agent_id, lp.work_date from loose_punches lp where lp.work_date between p_from and p_to
    union
    select r.agent_id, d::date from req r
      cross join lateral generate_series(greatest(p_from, (lower(r.span) at time zone tz)::date),
        least(p_to, ((upper(r.span) - interval '1 microsecond') at time zone tz)::date), interval '1 day') as d
    union
    select l.agent_id, d::date from al l
      cross join lateral generate_series(greatest(p_from, l.starts_on), least(p_to, l.ends_on), interval '1 day') as d
  ),
  loose as (
    select k.agent_id, k.work_date,
      tstzrange(k.work_date::timestamp at time zone tz, (k.work_date + 1)::timestamp at time zone tz) as day_span,
      c.kind as day_kind, c.holiday_name, pol.row as p,
      coalesce(lp.n, 0) as n, lp.first_at, lp.last_at
    from loose_keys k
    join cal c on c.day = k.work_date
    join pol on k.work_date >= pol.effective_from and (pol.until is null or k.work_date < pol.until)
    left join loose_punches lp on lp.agent_id = k.agent_id and lp.work_date = k.work_date
    where not exists (select 1 from sh where sh.agent_id = k.agent_id and sh.work_date = k.work_date)
  ),
  loose_req as (
    select l.agent_id, l.work_date,
      jsonb_agg(jsonb_build_object('code', case when q.kind = 'overtime' then 'overtime_approved'
            else q.kind::text end,
          'params', jsonb_strip_nulls(jsonb_build_object('leave_type', q.leave_type,
            'from', to_char(lower(q.span) at time zone 'UTC', iso),
            'to', to_char(upper(q.span) at time zone 'UTC', iso),
            'request_id', q.id))) order by lower(q.span)) as notes,
      bool_or(q.kind = 'leave') as has_leave,
      bool_or(q.kind = 'outing') as has_outing,
      range_agg(q.span) filter (where q.kind = 'overtime') as overtime
    from loose l join req q on q.agent_id = l.agent_id and q.span && l.day_span
    group by l.agent_id, l.work_date
  ),
  loose2 as (
    select l.*, r.notes, coalesce(r.has_leave, false) as has_leave, coalesce(r.has_outing, false) as has_outing,
      r.overtime, wl.kind as whole_leave,
      case when l.n >= 2 then tstzmultirange(tstzrange(l.first_at, l.last_at)) else '{}' end as presence
    from loose l
    left join loose_req r on r.agent_id = l.agent_id and r.work_date = l.work_date
    left join al_day wl on wl.agent_id = l.agent_id and wl.work_date = l.work_date
  ),
  loose_days as (
    select p_site as site_id, l.agent_id, l.work_date, null::uuid as shift_id, null::timestamptz as shift_start,
      null::timestamptz as shift_end,
      case when l.n >= 1 then l.first_at end as first_in,
      case when l.n >= 2 then l.last_at end as last_out,
      (select coalesce(floor(sum(extract(epoch from upper(r) - lower(r))) / 60), 0)::integer
       from unnest(l.presence) as r) as worked_min,
      0 as late_min, 0 as early_min,
      (select coalesce(floor(sum(extract(epoch from upper(r) - lower(r))) / 60), 0)::integer
       from unnest(case when (l.p).overtime_needs_approval then l.presence * coalesce(l.overtime, '{}')
         else l.presence end) as r) as overtime_min,
      case
        when l.day_kind = 'working' and (l.whole_leave is not null or l.has_leave) then 'leave'
        when l.day_kind = 'working' and l.has_outing then 'outing'
        when l.day_kind = 'holiday' then 'holiday'
        else 'rest'
      end::public.attendance_status as status,
      null::text as tier, 0::numeric as deduction, (l.p).id as policy_id,
      upper(l.day_span) + make_interval(mins => (l.p).check_out_window_min) as closes_at,
      to_jsonb(array_remove(array[
          case when l.day_kind = 'holiday' then jsonb_build_object('code', 'holiday', 'params',
            jsonb_strip_nulls(jsonb_build_object('name', l.holiday_name)))
            else jsonb_build_object('code', 'no_shift', 'params', '{}'::jsonb) end,
          case when l.whole_leave is not null then jsonb_build_object('code', 'leave', 'params',
            jsonb_build_object('leave_type', l.whole_leave, 'whole_day', true)) end,
          case when l.n >= 1 then jsonb_build_object('code', 'punches_without_shift', 'params',
            jsonb_build_object('count', l.n, 'first', to_char(l.first_at at time zone 'UTC', iso),
              'last', to_char(l.last_at at time zone 'UTC', iso))) end
        ], null)) || coalesce(l.notes, '[]')
        || jsonb_build_array(jsonb_build_object('code', 'policy', 'params', jsonb_build_object('version', (l.p).version,
          'effective_from', (l.p).effective_from))) as explanation
    from loose2 l
    -- a rest day with only leave or an outing on it says nothing
    where l.n > 0 or l.overtime is not null or l.day_kind = 'working'
  ),
  judged as (
    select d.site_id, d.agent_id, d.work_date, d.shift_id, d.shift_start, d.shift_end, d.first_in, d.last_out,
      d.worked_min, d.late_min, d.early_min, d.overtime_min, d.status, d.tier, d.deduction, d.policy_id, d.closes_at,
      d.explanation
    from shift_days d
    union all
    select d.site_id, d.agent_id, d.work_date, d.shift_id, d.shift_start, d.shift_end, d.first_in, d.last_out,
      d.worked_min, d.late_min, d.early_min, d.overtime_min, d.status, d.tier, d.deduction, d.policy_id, d.closes_at,
      d.explanation
    from loose_days d
  ),
  written as (
    insert into public.attendance_days as t (site_id, agent_id, work_date, shift_id, shift_start, shift_end, first_in,
      last_out, worked_min, late_min, early_min, overtime_min, status, tier, deduction, policy_id, explanation, closes_at,
      judged_at)
    select j.site_id, j.agent_id, j.work_date, j.shift_id, j.shift_start, j.shift_end, j.first_in, j.last_out,
      j.worked_min, j.late_min, j.early_min, j.overtime_min, j.status, j.tier, j.deduction, j.policy_id, j.explanation,
      j.closes_at, now()
    from judged j
    on conflict (agent_id, work_date, shift_id) do update set
      shift_start = excluded.shift_start, shift_end = excluded.shift_end, first_in = excluded.first_in,
      last_out = excluded.last_out, worked_min = excluded.worked_min, late_min = excluded.late_min,
      early_min = excluded.early_min, overtime_min = excluded.overtime_min, status = excluded.status,
      tier = excluded.tier, deduction = excluded.deduction, policy_id = excluded.policy_id,
      explanation = excluded.explanation, closes_at = excluded.closes_at, judged_at = excluded.judged_at
    where (p_closed or t.closed_at is null)
      and (t.shift_start, t.shift_end, t.first_in, t.last_out, t.worked_min, t.late_min, t.early_min, t.overtime_min,
           t.status, t.tier, t.deduction, t.policy_id, t.explanation, t.closes_at)
        is distinct from
          (excluded.shift_start, excluded.shift_end, excluded.first_in, excluded.last_out, excluded.worked_min,
           excluded.late_min, excluded.early_min, excluded.overtime_min, excluded.status, excluded.tier,
           excluded.deduction, excluded.policy_id, excluded.explanation, excluded.closes_at)
    returning 1
  ),
  -- Open rows nothing stands behind any more (a shift unpublished, a punch voided).
  dropped as (
    delete from public.attendance_days t
    where t.agent_id = any (agent_list) and t.work_date between p_from and p_to and t.closed_at is null
      and not exists (
        select 1 from judged j
        where j.agent_id = t.agent_id and j.work_date = t.work_date and j.shift_id is not distinct from t.shift_id
      )
    returning 1
  )
  select (select count(*) from written) + (select count(*) from dropped) into written;
  perform set_config('enable_nestloop', nestloop, true);
  perform set_config('jit', jit, true);
  perform set_config('plan_cache_mode', plan_mode, true);
  return written;
end;
$$;
revoke execute on function app.judge_attendance(uuid, uuid[], date, date, boolean, timestamptz) from public, anon, authenticated;
grant execute on function app.judge_attendance(uuid, uuid[], date, date, boolean, timestamptz) to service_role;
comment on function app.judge_attendance(uuid, uuid[], date, date, boolean, timestamptz) is
  'Judges the work dates [from_date, to_date] of the agents (null: all of the site''s) as of a moment: one statement, idempotent, writes only changed rows; closed days only with include_closed. Returns rows written. CB060: a bad range.';

-- ------------------------------------------------------------ audited path

-- A judged day's result as the audit keeps it.
create function app.attendance_result(d public.attendance_days) returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object('status', d.status, 'tier', d.tier, 'deduction', d.deduction, 'late_min', d.late_min,
    'early_min', d.early_min, 'worked_min', d.worked_min)
$$;
revoke execute on function app.attendance_result(public.attendance_days) from public, anon, authenticated;

-- Re-judges one agent's days including closed ones, and records one
-- attendance_corrections row per closed day whose result changed. Callers
-- (corrections, appeals, requests, imports) have checked who may and
-- written their own audit row for the change itself.
create function app.rejudge_audited(
  site_id uuid, agent_id uuid, from_date date, to_date date, action text, reason text,
  punch_id uuid default null, override_id uuid default null, appeal_id uuid default null
) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  before jsonb;
begin
  select coalesce(jsonb_object_agg(d.id, app.attendance_result(d)), '{}') into before
  from public.attendance_days d
  where d.agent_id = rejudge_audited.agent_id and d.site_id = rejudge_audited.site_id
    and d.work_date between rejudge_audited.from_date and rejudge_audited.to_date and d.closed_at is not null;

  perform app.judge_attendance(rejudge_audited.site_id, array[rejudge_audited.agent_id], rejudge_audited.from_date,
    rejudge_audited.to_date, true);

  insert into public.attendance_corrections (site_id, agent_id, work_date, action, punch_id, override_id, appeal_id,
    before, after, reason)
  select d.site_id, d.agent_id, d.work_date, rejudge_audited.action, rejudge_audited.punch_id,
    rejudge_audited.override_id, rejudge_audited.appeal_id, before -> d.id::text, app.attendance_result(d),
    left(coalesce(nullif(btrim(rejudge_audited.reason), ''), rejudge_audited.action), 1000)
  from public.attendance_days d
  where d.agent_id = rejudge_audited.agent_id and d.site_id = rejudge_audited.site_id
    and d.work_date between rejudge_audited.from_date and rejudge_audited.to_date
    and before ? d.id::text
    and before -> d.id::text is distinct from app.attendance_result(d)
  order by d.work_date, d.shift_start;
end;
$$;
revoke execute on function app.rejudge_audited(uuid, uuid, date, date, text, text, uuid, uuid, uuid)
  from public, anon, authenticated;
grant execute on function app.rejudge_audited(uuid, uuid, date, date, text, text, uuid, uuid, uuid) to service_role;
comment on function app.rejudge_audited(uuid, uuid, date, date, text, text, uuid, uuid, uuid) is
  'Re-judges an agent''s days including closed ones; one attendance_corrections row (action, reason, before, after) per closed day whose result changed.';

-- ----------------------------------------------------------------- closing

-- Closes the days whose check-out window ended before `moment`: judges
-- them once more as of that moment (open becomes final: absent, missing
-- punch, ...) and stamps closed_at. The server runs it every minute; on
-- Supabase schedule it with pg_cron (README).
create function public.close_attendance_days(moment timestamptz default now()) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  r record;
  closed integer := 0;
  n integer;
begin
  for r in
    select d.site_id, array_agg(distinct d.agent_id) as agents, min(d.work_date) as first_day,
      max(d.work_date) as last_day
    from public.attendance_days d
    where d.closed_at is null and d.closes_at < close_attendance_days.moment
    group by d.site_id
  loop
    perform app.judge_attendance(r.site_id, r.agents, r.first_day, r.last_day, false, close_attendance_days.moment);
    update public.attendance_days d set closed_at = close_attendance_days.moment
    where d.site_id = r.site_id and d.agent_id = any (r.agents) and d.closed_at is null
      and d.closes_at < close_attendance_days.moment;
    get diagnostics n = row_count;
    closed := closed + n;
  end loop;
  return closed;
end;
$$;
revoke execute on function public.close_attendance_days(timestamptz) from public, anon, authenticated;
grant execute on function public.close_attendance_days(timestamptz) to service_role;
comment on function public.close_attendance_days(timestamptz) is
  'Closes (publishes) the judged days whose check-out window ended before the moment; returns how many. Service role only: the server runs it every minute, on Supabase pg_cron.';

-- A supervisor's "judge again now" for open days of a range (at most 62 days).
create function public.judge_attendance_range(site_id uuid, from_date date, to_date date, agent_ids uuid[] default null)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not app.has_site_role(judge_attendance_range.site_id, '{supervisor,manager,admin}') then
    raise exception 'only the site''s supervisors, managers and admins judge attendance on demand' using errcode = 'CB061';
  end if;
  if to_date < from_date or to_date - from_date > 61 then
    raise exception 'judge at most 62 days at a time, from a date to the same or a later date' using errcode = 'CB060';
  end if;
  return app.judge_attendance(judge_attendance_range.site_id, judge_attendance_range.agent_ids,
    judge_attendance_range.from_date, judge_attendance_range.to_date, false);
end;
$$;
revoke execute on function public.judge_attendance_range(uuid, date, date, uuid[]) from public, anon, authenticated;
grant execute on function public.judge_attendance_range(uuid, date, date, uuid[]) to authenticated, service_role;
comment on function public.judge_attendance_range(uuid, date, date, uuid[]) is
  'Judges the open days of a range again now (supervisors, managers, admins; at most 62 days). Closed days change only through corrections and appeals. CB060 range, CB061 not allowed.';

-- ---------------------------------------------------------------- triggers

-- Judges the open days of [from, to] clamped to the site's open rows (a
-- policy or calendar change touches only days not yet closed).
create function app.judge_open_days(site_id uuid, from_date date, to_date date) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  first_open date;
  last_open date;
begin
  select min(d.work_date), max(d.work_date) into first_open, last_open
  from public.attendance_days d
  where d.site_id = judge_open_days.site_id and d.closed_at is null
    and d.work_date between judge_open_days.from_date and judge_open_days.to_date;
  if first_open is not null then
    perform app.judge_attendance(judge_open_days.site_id, null, first_open, last_open, false);
  end if;
end;
$$;
revoke execute on function app.judge_open_days(uuid, date, date) from public, anon, authenticated;

-- Punches: one statement (a web punch, a terminal file of thousands) judges
-- each site's touched agents once, from the day before the earliest punch
-- (a night shift may own it) to the day after the latest (an early shift's
-- window may start before midnight). One function per event: a transition
-- table exists only for its own event.
create function app.rejudge_after_punch_insert() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare r record;
begin
  for r in
    select c.site_id, array_agg(distinct c.agent_id) as agents,
      min((c.punched_at at time zone s.time_zone)::date) as first_day,
      max((c.punched_at at time zone s.time_zone)::date) as last_day
    from new_rows c join public.sites s on s.id = c.site_id
    group by c.site_id
  loop
    perform app.judge_attendance(r.site_id, r.agents, r.first_day - 1, r.last_day + 1, false);
  end loop;
  return null;
end;
$$;
create function app.rejudge_after_punch_update() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare r record;
begin
  for r in
    with changed as (
      select n.site_id, n.agent_id, n.punched_at from new_rows n
      union all
      select o.site_id, o.agent_id, o.punched_at from old_rows o
    )
    select c.site_id, array_agg(distinct c.agent_id) as agents,
      min((c.punched_at at time zone s.time_zone)::date) as first_day,
      max((c.punched_at at time zone s.time_zone)::date) as last_day
    from changed c join public.sites s on s.id = c.site_id
    group by c.site_id
  loop
    perform app.judge_attendance(r.site_id, r.agents, r.first_day - 1, r.last_day + 1, false);
  end loop;
  return null;
end;
$$;
create function app.rejudge_after_punch_delete() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare r record;
begin
  for r in
    select c.site_id, array_agg(distinct c.agent_id) as agents,
      min((c.punched_at at time zone s.time_zone)::date) as first_day,
      max((c.punched_at at time zone s.time_zone)::date) as last_day
    from old_rows c join public.sites s on s.id = c.site_id
    group by c.site_id
  loop
    perform app.judge_attendance(r.site_id, r.agents, r.first_day - 1, r.last_day + 1, false);
  end loop;
  return null;
end;
$$;
revoke execute on function app.rejudge_after_punch_insert(), app.rejudge_after_punch_update(),
  app.rejudge_after_punch_delete() from public, anon, authenticated;

create trigger punches_rejudge_insert after insert on public.punches
  referencing new table as new_rows for each statement execute function app.rejudge_after_punch_insert();
create trigger punches_rejudge_update after update on public.punches
  referencing old table as old_rows new table as new_rows for each statement execute function app.rejudge_after_punch_update();
create trigger punches_rejudge_delete after delete on public.punches
  referencing old table as old_rows for each statement execute function app.rejudge_after_punch_delete();

-- A schedule published or superseded: its team's agents, its week (and the
-- day before, whose night shift may hold a Monday punch).
create function app.rejudge_after_schedule() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform app.judge_attendance(new.site_id,
    array(select a.id from public.agents a where a.team_id = new.team_id
          union select s.agent_id from public.schedule_shifts s where s.schedule_id = new.id and s.agent_id is not null),
    new.week_start - 1, new.week_start + 7, false);
  return null;
end;
$$;
revoke execute on function app.rejudge_after_schedule() from public, anon, authenticated;
create trigger schedules_rejudge after update of status on public.schedules
  for each row when (old.status is distinct from new.status and 'published' in (old.status, new.status))
  execute function app.rejudge_after_schedule();

-- A request approved, or an approved one cancelled or moved.
create function app.rejudge_after_request() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  tz text := (select s.time_zone from public.sites s where s.id = new.site_id);
  first_at timestamptz := new.starts_at;
  last_at timestamptz := new.ends_at;
begin
  if tg_op = 'UPDATE' then
    if old.status <> 'approved' and new.status <> 'approved' then
      return null;
    end if;
    first_at := least(first_at, old.starts_at);
    last_at := greatest(last_at, old.ends_at);
  elsif new.status <> 'approved' then
    return null;
  end if;
  perform app.judge_attendance(new.site_id, array[new.agent_id], (first_at at time zone tz)::date - 1,
    (last_at at time zone tz)::date + 1, false);
  return null;
end;
$$;
revoke execute on function app.rejudge_after_request() from public, anon, authenticated;
create trigger attendance_requests_rejudge after insert or update of status, starts_at, ends_at on public.attendance_requests
  for each row execute function app.rejudge_after_request();

create function app.rejudge_after_leave() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  l public.approved_leave := case when tg_op = 'DELETE' then old else new end;
  first_day date := l.starts_on;
  last_day date := l.ends_on;
begin
  if tg_op = 'UPDATE' then
    first_day := least(first_day, old.starts_on);
    last_day := greatest(last_day, old.ends_on);
    if old.agent_id <> new.agent_id then
      perform app.judge_attendance(old.site_id, array[old.agent_id], old.starts_on, old.ends_on, false);
    end if;
  end if;
  perform app.judge_attendance(l.site_id, array[l.agent_id], first_day, last_day, false);
  return null;
end;
$$;
revoke execute on function app.rejudge_after_leave() from public, anon, authenticated;
create trigger approved_leave_rejudge after insert or update or delete on public.approved_leave
  for each row execute function app.rejudge_after_leave();

create function app.rejudge_after_override() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform app.judge_attendance(new.site_id, array[new.agent_id], new.work_date, new.work_date, false);
  return null;
end;
$$;
revoke execute on function app.rejudge_after_override() from public, anon, authenticated;
create trigger attendance_overrides_rejudge after insert or update of cleared_at, status, deduction on public.attendance_overrides
  for each row execute function app.rejudge_after_override();

create function app.rejudge_after_policy() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform app.judge_open_days(new.site_id, least(new.effective_from, coalesce(old.effective_from, new.effective_from)),
    date '2100-01-01');
  return null;
end;
$$;
revoke execute on function app.rejudge_after_policy() from public, anon, authenticated;
create trigger attendance_policies_rejudge after insert or update on public.attendance_policies
  for each row execute function app.rejudge_after_policy();

create function app.rejudge_after_calendar() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  d public.site_calendar_days := case when tg_op = 'DELETE' then old else new end;
begin
  perform app.judge_open_days(d.site_id, d.day, d.day);
  if tg_op = 'UPDATE' and old.day <> new.day then
    perform app.judge_open_days(old.site_id, old.day, old.day);
  end if;
  return null;
end;
$$;
revoke execute on function app.rejudge_after_calendar() from public, anon, authenticated;
create trigger site_calendar_days_rejudge after insert or update or delete on public.site_calendar_days
  for each row execute function app.rejudge_after_calendar();
