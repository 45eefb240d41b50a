-- Approved leave, the seam between schedules and the attendance issue's
-- leave requests: one row per agent and stretch of days off that a
-- supervisor approved (annual, sick, personal, compensatory, other). The
-- attendance issue's request workflow will write these rows when it
-- approves a request (request_id then points at it); until then the site's
-- supervisors, managers and admins record them directly. The schedule
-- rules gain `leave`: a shift on a day of approved leave is a violation
-- (app.schedule_violations_of is redefined with that one rule added).

create table public.approved_leave (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  agent_id uuid not null,
  starts_on date not null,
  ends_on date not null,
  kind text not null constraint approved_leave_kind_known
    check (kind in ('annual', 'sick', 'personal', 'compensatory', 'marriage', 'maternity', 'bereavement', 'other')),
  note text constraint approved_leave_note_length check (note is null or length(note) <= 500),
  -- The attendance issue's leave request this row came from, once there is one.
  request_id uuid,
  approved_by uuid default auth.uid(),
  approved_at timestamptz not null default now(),
  constraint approved_leave_in_order check (ends_on >= starts_on),
  constraint approved_leave_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id) on delete cascade
);
alter table public.approved_leave enable row level security;
create index approved_leave_agent_id_days_idx on public.approved_leave (agent_id, starts_on, ends_on);
comment on table public.approved_leave is
  'Approved days off per agent (the seam for the attendance issue''s leave requests); the schedule rule `leave` refuses shifts on them.';

create policy "agents read their leave, planners their teams', staff the site's" on public.approved_leave
  for select to authenticated using (
    app.is_own_agent(agent_id)
    or app.leads_agent(agent_id)
    or app.has_site_role(site_id, '{supervisor,manager,admin,qa,analyst}')
  );
create policy "supervisors, managers and admins record leave" on public.approved_leave
  for insert to authenticated with check (app.has_site_role(site_id, '{supervisor,manager,admin}'));
create policy "supervisors, managers and admins change leave" on public.approved_leave
  for update to authenticated
  using (app.has_site_role(site_id, '{supervisor,manager,admin}'))
  with check (app.has_site_role(site_id, '{supervisor,manager,admin}'));
create policy "supervisors, managers and admins remove leave" on public.approved_leave
  for delete to authenticated using (app.has_site_role(site_id, '{supervisor,manager,admin}'));

grant select, insert, update, delete on public.approved_leave to authenticated, service_role;

create or replace function app.schedule_violations_of(schedule_id uuid)
returns table (agent_id uuid, day date, rule text, detail text)
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
    format('the site''s calendar has no public holiday data for %s: fill it in before scheduling', y)
  from app.missing_calendar_years(s.site_id, s.week_start, s.week_start + 6) as y
  union all
  -- rest_days
  select h.agent_id, null::date, 'rest_days',
    format('works %s days: at least %s rest day(s) a week', count(distinct h.day), p.min_rest_days_per_week)
  from held h
  group by h.agent_id
  having count(distinct h.day) > 7 - p.min_rest_days_per_week
  union all
  -- day_hours
  select h.agent_id, h.day, 'day_hours',
    format('%s paid on %s: at most %s a day', app.hours_text(sum(h.paid_min)::integer), h.day, app.hours_text(p.max_day_paid_min))
  from held h
  group by h.agent_id, h.day
  having sum(h.paid_min) > p.max_day_paid_min
  union all
  -- week_hours (standard weeks)
  select h.agent_id, null::date, 'week_hours',
    format('%s paid this week: at most %s; more is overtime that needs an approved request',
      app.hours_text(sum(h.paid_min)::integer), app.hours_text(p.max_week_paid_min))
  from held h
  where p.hours_mode = 'standard'
  group by h.agent_id
  having sum(h.paid_min) > p.max_week_paid_min
  union all
  -- period_hours (averaged hours): this version and the other weeks' current ones
  select x.agent_id, null::date, 'period_hours',
    format('%s paid from %s to %s: at most %s on average (%s a week)', app.hours_text(x.total), x.first_day, x.last_day,
      app.hours_text(x.allowed), app.hours_text(p.max_week_paid_min))
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
    end
  from ordered o
  where o.prev_end is not null and (o.own or o.prev_own)
    and o.start_ts - o.prev_end < make_interval(mins => p.min_rest_between_min)
  union all
  -- template_season (open shifts too)
  select m.agent_id, m.day, 'template_season', problem.reason
  from mine m
  cross join lateral (select app.template_problem(m.template_id, m.day) as reason) problem
  where m.template_id is not null and problem.reason is not null
  union all
  -- skills
  select h.agent_id, h.day, 'skills',
    format('lacks the skills of %s for shift "%s"', string_agg(q.name, ', ' order by q.name), t.name)
  from held h
  join public.shift_templates t on t.id = h.template_id
  join public.shift_template_queues tq on tq.template_id = t.id
  join public.queues q on q.id = tq.queue_id
  where not exists (select 1 from public.agent_skills k where k.agent_id = h.agent_id and k.queue_id = tq.queue_id)
  group by h.agent_id, h.day, h.id, t.name
  union all
  -- leave: a shift on a day of approved leave
  select h.agent_id, h.day, 'leave',
    format('on approved %s leave from %s to %s', l.kind, l.starts_on, l.ends_on)
  from held h
  join public.approved_leave l on l.agent_id = h.agent_id and h.day between l.starts_on and l.ends_on;
end;
$$;
revoke execute on function app.schedule_violations_of(uuid) from public, anon, authenticated;
