-- Schedules (issue 10): a schedule per team per week (Monday start, site
-- time zone) in versions: a draft is edited, publishing it makes it the one
-- agents see and keeps the version before as superseded. Shifts are assigned
-- per day from a template or with their own times, or left open (no agent).
-- The working-time rules are checked here, in SQL, and returned as a list of
-- violations (agent, day, rule, words); a draft may hold violations, and
-- publishing one with violations needs a reason, recorded with who and when.
--
-- The thresholds are the site's policy. Chinese labour law gives two ways to
-- count hours, and the seeds conflict (six days of 7–7.5 paid hours is more
-- than 40 h), so the site chooses explicitly: a standard week (at most 40 h
-- paid a week; more is overtime that needs an approved request) or averaged
-- hours (综合工时: the weekly limit holds on average over a month or a
-- quarter, approved by the labour bureau).

create type public.hours_mode as enum ('standard', 'averaged');
create type public.schedule_status as enum ('draft', 'published', 'superseded');

create table public.schedule_policies (
  site_id uuid primary key references public.sites (id) on delete cascade,
  hours_mode public.hours_mode not null default 'standard',
  averaging_period text not null default 'month'
    constraint schedule_policies_averaging_period_known check (averaging_period in ('month', 'quarter')),
  max_day_paid_min integer not null default 480
    constraint schedule_policies_max_day_in_range check (max_day_paid_min between 60 and 1440),
  max_week_paid_min integer not null default 2400
    constraint schedule_policies_max_week_in_range check (max_week_paid_min between 60 and 10080),
  min_rest_between_min integer not null default 660
    constraint schedule_policies_rest_between_in_range check (min_rest_between_min between 0 and 1440),
  min_rest_days_per_week integer not null default 1
    constraint schedule_policies_rest_days_in_range check (min_rest_days_per_week between 0 and 6),
  updated_by uuid default auth.uid(),
  updated_at timestamptz not null default now()
);
alter table public.schedule_policies enable row level security;
comment on table public.schedule_policies is
  'A site''s working-time rules for schedules: standard 40 h weeks or averaged hours (综合工时) over a month or quarter, and the limits (defaults: 8 h a day, 40 h a week, 11 h between shifts, one rest day a week).';

-- Every site has its policy row, with the defaults until someone changes it.
insert into public.schedule_policies (site_id) select id from public.sites;
create function app.add_schedule_policy() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.schedule_policies (site_id) values (new.id);
  return new;
end;
$$;
create trigger sites_add_schedule_policy after insert on public.sites
  for each row execute function app.add_schedule_policy();
create trigger schedule_policies_stamp before insert or update on public.schedule_policies
  for each row execute function app.stamp_change();

create table public.schedules (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  team_id uuid not null,
  week_start date not null constraint schedules_week_starts_on_monday check (extract(isodow from week_start) = 1),
  version integer not null constraint schedules_version_positive check (version >= 1),
  status public.schedule_status not null default 'draft',
  -- Bumped by every change to the draft's shifts: an editor publishes or
  -- saves against the revision they saw, so two editors never overwrite
  -- each other unseen.
  revision integer not null default 0,
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  published_by uuid,
  published_at timestamptz,
  override_reason text
    constraint schedules_override_reason_is_not_blank check (override_reason is null or length(btrim(override_reason)) between 1 and 1000),
  constraint schedules_team_is_in_site foreign key (site_id, team_id) references public.teams (site_id, id) on delete cascade,
  constraint schedules_version_unique unique (team_id, week_start, version),
  constraint schedules_site_id_id_key unique (site_id, id)
);
alter table public.schedules enable row level security;
create unique index schedules_one_draft_per_week on public.schedules (team_id, week_start) where status = 'draft';
create unique index schedules_one_published_per_week on public.schedules (team_id, week_start) where status = 'published';
create index schedules_site_id_week_start_idx on public.schedules (site_id, week_start);
comment on table public.schedules is
  'A team''s schedule for a week (Monday start) in versions: one draft at a time, one published (what agents see), the rest superseded.';

create table public.schedule_shifts (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  schedule_id uuid not null,
  -- null: an open shift nobody holds yet.
  agent_id uuid,
  -- The site date the shift starts on; a shift across midnight counts for it.
  day date not null,
  template_id uuid,
  -- From the template when not given; site-local clock times.
  starts_at time not null,
  ends_at time not null,
  breaks jsonb not null default '[]',
  -- Derived: the instants in the site's time zone (a daylight-saving night
  -- makes a shift an hour shorter or longer) and the paid minutes.
  start_ts timestamptz not null default now(),
  end_ts timestamptz not null default now(),
  paid_min integer not null default 0,
  note text constraint schedule_shifts_note_length check (note is null or length(note) <= 500),
  constraint schedule_shifts_schedule_is_in_site foreign key (site_id, schedule_id)
    references public.schedules (site_id, id) on delete cascade,
  constraint schedule_shifts_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id),
  constraint schedule_shifts_template_is_in_site foreign key (site_id, template_id)
    references public.shift_templates (site_id, id)
);
alter table public.schedule_shifts enable row level security;
create index schedule_shifts_schedule_id_idx on public.schedule_shifts (schedule_id);
create index schedule_shifts_agent_id_day_idx on public.schedule_shifts (agent_id, day);
comment on table public.schedule_shifts is
  'A shift of a schedule: an agent (or nobody: open) on a day, from a template or with its own times; instants and paid minutes derived. Attendance judges punches against these.';

-- ---------------------------------------------------------------- who may

-- Who plans a team's schedules: the site's supervisors, managers and admins,
-- and the team's lead.
create function app.can_plan_team(team_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.teams t
    where t.id = can_plan_team.team_id
      and (app.has_site_role(t.site_id, '{supervisor,manager,admin}') or app.leads_team(t.id))
  )
$$;

-- Who reads a schedule: its planners, and the team's agents once published.
create function app.can_read_schedule(schedule_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.schedules s
    where s.id = can_read_schedule.schedule_id
      and (app.can_plan_team(s.team_id)
        or (s.status = 'published' and app.has_site_role(s.site_id, '{agent}') and app.is_team_member(s.team_id)))
  )
$$;

create function app.can_plan_schedule(schedule_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.schedules s where s.id = can_plan_schedule.schedule_id and app.can_plan_team(s.team_id))
$$;

revoke execute on function app.can_plan_team(uuid) from public, anon, authenticated;
revoke execute on function app.can_read_schedule(uuid) from public, anon, authenticated;
revoke execute on function app.can_plan_schedule(uuid) from public, anon, authenticated;
grant execute on function app.can_plan_team(uuid) to authenticated, service_role;
grant execute on function app.can_read_schedule(uuid) to authenticated, service_role;
grant execute on function app.can_plan_schedule(uuid) to authenticated, service_role;

create policy "members read the site's schedule policy" on public.schedule_policies
  for select to authenticated using (app.can_read_shift_setup(site_id));
create policy "managers and admins change the schedule policy" on public.schedule_policies
  for update to authenticated
  using (app.has_site_role(site_id, '{manager,admin}')) with check (app.has_site_role(site_id, '{manager,admin}'));

-- Schedules are created and published through create_schedule_draft and
-- publish_schedule only; a draft may be thrown away by its planners.
create policy "planners and the team's agents read schedules" on public.schedules
  for select to authenticated using (app.can_read_schedule(id));
create policy "planners remove drafts" on public.schedules
  for delete to authenticated using (status = 'draft' and app.can_plan_team(team_id));

create policy "readers of the schedule read its shifts" on public.schedule_shifts
  for select to authenticated using (app.can_read_schedule(schedule_id));
create policy "planners add shifts" on public.schedule_shifts
  for insert to authenticated with check (app.can_plan_schedule(schedule_id));
create policy "planners change shifts" on public.schedule_shifts
  for update to authenticated using (app.can_plan_schedule(schedule_id)) with check (app.can_plan_schedule(schedule_id));
create policy "planners remove shifts" on public.schedule_shifts
  for delete to authenticated using (app.can_plan_schedule(schedule_id));

grant select, update on public.schedule_policies to authenticated;
grant select, delete on public.schedules to authenticated;
grant select, insert, update, delete on public.schedule_shifts to authenticated;
grant select, insert, update, delete on public.schedule_policies, public.schedules, public.schedule_shifts to service_role;

-- ---------------------------------------------------------------- shift rows

-- Fills a shift from its template, derives instants and paid minutes, and
-- keeps it inside its draft: the schedule's week, an agent of its team. Any
-- change bumps the draft's revision. security definer: it reads the agent
-- and template rows whatever the planner may read of them.
create function app.prepare_schedule_shift() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.schedules;
  tz text;
  t public.shift_templates;
  len record;
  end_day date;
begin
  if tg_op = 'DELETE' then
    select * into s from public.schedules where id = old.schedule_id;
  else
    select * into s from public.schedules where id = new.schedule_id;
  end if;
  if not found then
    -- The schedule itself is being deleted (a draft thrown away, a team or
    -- site removed): its shifts go with it.
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  if s.status <> 'draft' then
    raise exception 'version % of this schedule is %: only a draft can be changed; start a new draft', s.version, s.status
      using errcode = 'CB011';
  end if;
  update public.schedules set revision = revision + 1 where id = s.id;
  if tg_op = 'DELETE' then
    return old;
  end if;
  if tg_op = 'UPDATE' and new.schedule_id <> old.schedule_id then
    raise exception 'a shift cannot move to another schedule' using errcode = '23514';
  end if;
  if new.day not between s.week_start and s.week_start + 6 then
    raise exception 'the shift''s day % is outside the schedule''s week (% to %)', new.day, s.week_start, s.week_start + 6
      using errcode = '23514';
  end if;
  if new.agent_id is not null
     and not exists (select 1 from public.agents a where a.id = new.agent_id and a.team_id = s.team_id) then
    raise exception 'agent % is not in the schedule''s team', new.agent_id using errcode = '23514';
  end if;
  -- A template gives the times and breaks the caller did not give.
  if new.template_id is not null then
    select * into t from public.shift_templates where id = new.template_id;
    if tg_op = 'INSERT' then
      new.starts_at := coalesce(new.starts_at, t.starts_at);
      new.ends_at := coalesce(new.ends_at, t.ends_at);
      if new.breaks = '[]'::jsonb then
        new.breaks := t.breaks;
      end if;
    elsif new.template_id is distinct from old.template_id then
      if new.starts_at is not distinct from old.starts_at then new.starts_at := t.starts_at; end if;
      if new.ends_at is not distinct from old.ends_at then new.ends_at := t.ends_at; end if;
      if new.breaks is not distinct from old.breaks then new.breaks := t.breaks; end if;
    end if;
  end if;
  if new.starts_at is null or new.ends_at is null then
    raise exception 'a shift needs a template or its own start and end' using errcode = '23502';
  end if;
  len := app.shift_length(new.starts_at, new.ends_at, new.breaks);
  new.breaks := len.sorted_breaks;
  select st.time_zone into tz from public.sites st where st.id = s.site_id;
  end_day := case when new.ends_at > new.starts_at then new.day else new.day + 1 end;
  new.start_ts := (new.day + new.starts_at) at time zone tz;
  new.end_ts := (end_day + new.ends_at) at time zone tz;
  new.paid_min := (extract(epoch from new.end_ts - new.start_ts) / 60)::integer - len.unpaid_min;
  new.site_id := s.site_id;
  return new;
end;
$$;

create trigger schedule_shifts_prepare before insert or update or delete on public.schedule_shifts
  for each row execute function app.prepare_schedule_shift();

-- ---------------------------------------------------------------- the rules

-- Minutes as hours in words, e.g. 2401 → 40:01 h.
create function app.hours_text(minutes integer) returns text
language sql
immutable
set search_path = ''
as $$
  select format('%s:%s h', minutes / 60, lpad((minutes % 60)::text, 2, '0'))
$$;

-- The shifts agents hold in the current version of every other team-week:
-- the published one, except that the schedule being checked stands in for
-- its own team-week. The neighbours the rest and averaging rules look at.
create function app.current_shifts_besides(schedule_id uuid)
returns setof public.schedule_shifts
language sql
stable
security definer
set search_path = ''
as $$
  select sh.*
  from public.schedule_shifts sh
  join public.schedules s on s.id = sh.schedule_id
  join public.schedules this on this.id = current_shifts_besides.schedule_id
  where s.status = 'published' and s.site_id = this.site_id
    and not (s.team_id = this.team_id and s.week_start = this.week_start)
$$;

-- Every violation of the site's rules in a schedule version: one row per
-- agent, day (null for a rule about the week) and rule, with the reason in
-- words. Rules: calendar (a day of a year with no holiday data), rest_days,
-- day_hours, week_hours (standard weeks) or period_hours (averaged hours),
-- rest_between, overlap (with the neighbouring weeks' published shifts too),
-- template_season, skills. Approved leave joins this list with the
-- attendance issue's leave table.
create function app.schedule_violations_of(schedule_id uuid)
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
  group by h.agent_id, h.day, h.id, t.name;
end;
$$;
revoke execute on function app.hours_text(integer) from public, anon, authenticated;
revoke execute on function app.current_shifts_besides(uuid) from public, anon, authenticated;
revoke execute on function app.schedule_violations_of(uuid) from public, anon, authenticated;

-- ---------------------------------------------------------------- the API

-- The violations of a schedule version, for its planners.
create function public.schedule_violations(schedule_id uuid)
returns table (agent_id uuid, day date, rule text, detail text)
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
    select v.agent_id, v.day, v.rule, v.detail from app.schedule_violations_of(schedule_violations.schedule_id) v
    order by v.day nulls first, v.agent_id, v.rule;
end;
$$;
comment on function public.schedule_violations(uuid) is
  'Every rule a schedule version breaks: agent, day (null for the week), rule and reason. Planners only.';

-- Starts the next draft of a team's week, as a copy of the published version
-- when there is one (an edit starts from what the agents see).
create function public.create_schedule_draft(team_id uuid, week_start date)
returns public.schedules
language plpgsql
security definer
set search_path = ''
as $$
declare
  t public.teams;
  draft public.schedules;
  published uuid;
begin
  select * into t from public.teams where id = create_schedule_draft.team_id;
  if not found or not app.can_plan_team(t.id) then
    raise exception 'only the team''s planners start its schedules' using errcode = '42501';
  end if;
  if extract(isodow from week_start) <> 1 then
    raise exception 'a schedule week starts on a Monday; % is not one', week_start using errcode = '22023';
  end if;
  if exists (select 1 from public.schedules s
             where s.team_id = t.id and s.week_start = create_schedule_draft.week_start and s.status = 'draft') then
    raise exception 'the team already has a draft for the week of %', week_start using errcode = '23505';
  end if;
  insert into public.schedules (site_id, team_id, week_start, version)
  values (t.site_id, t.id, create_schedule_draft.week_start,
    coalesce((select max(s.version) from public.schedules s
              where s.team_id = t.id and s.week_start = create_schedule_draft.week_start), 0) + 1)
  returning * into draft;
  select s.id into published from public.schedules s
  where s.team_id = t.id and s.week_start = create_schedule_draft.week_start and s.status = 'published';
  if published is not null then
    -- The shift trigger derives instants and paid minutes again.
    insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, template_id, starts_at, ends_at, breaks, note)
    select sh.site_id, draft.id, sh.agent_id, sh.day, sh.template_id, sh.starts_at, sh.ends_at, sh.breaks, sh.note
    from public.schedule_shifts sh where sh.schedule_id = published;
  end if;
  select * into draft from public.schedules where id = draft.id;
  return draft;
end;
$$;
comment on function public.create_schedule_draft(uuid, date) is
  'Starts the next draft version of a team''s week (a copy of the published one, if any). Planners only.';

-- Publishes a draft: it becomes what the team's agents see, the version
-- before is kept as superseded. Refused when the draft changed since the
-- caller saw it (PT409), when a year has no holiday data, and when rules are
-- broken unless a reason to publish anyway is given (recorded with who and
-- when).
create function public.publish_schedule(schedule_id uuid, expected_revision integer, override_reason text default null)
returns public.schedules
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.schedules;
  broken integer;
  calendar text;
begin
  select * into s from public.schedules where id = publish_schedule.schedule_id for update;
  if not found or not app.can_plan_team(s.team_id) then
    raise exception 'only the team''s planners publish its schedules' using errcode = '42501';
  end if;
  if s.status <> 'draft' then
    raise exception 'version % of this schedule is %: only a draft can be published', s.version, s.status using errcode = 'CB011';
  end if;
  if s.revision <> expected_revision then
    raise exception 'the draft changed since you loaded it (now revision %, yours %): reload it to see the other changes',
      s.revision, expected_revision using errcode = 'PT409';
  end if;
  select v.detail into calendar from app.schedule_violations_of(s.id) v where v.rule = 'calendar' limit 1;
  if calendar is not null then
    raise exception '%', calendar using errcode = 'CB001';
  end if;
  select count(*) into broken from app.schedule_violations_of(s.id);
  if broken > 0 and nullif(btrim(coalesce(override_reason, '')), '') is null then
    raise exception 'the schedule breaks % rule(s): fix them, or publish anyway with a reason', broken
      using errcode = 'CB010', hint = 'schedule_violations(schedule_id) lists them.';
  end if;
  update public.schedules set status = 'superseded'
  where team_id = s.team_id and week_start = s.week_start and status = 'published';
  update public.schedules set
    status = 'published',
    published_by = (select auth.uid()),
    published_at = now(),
    override_reason = case when broken > 0 then btrim(publish_schedule.override_reason) end
  where id = s.id
  returning * into s;
  return s;
end;
$$;
comment on function public.publish_schedule(uuid, integer, text) is
  'Publishes a draft against the revision the caller saw; with violations only with a reason, recorded. Planners only.';

revoke execute on function public.schedule_violations(uuid) from public, anon, authenticated;
revoke execute on function public.create_schedule_draft(uuid, date) from public, anon, authenticated;
revoke execute on function public.publish_schedule(uuid, integer, text) from public, anon, authenticated;
grant execute on function public.schedule_violations(uuid) to authenticated, service_role;
grant execute on function public.create_schedule_draft(uuid, date) to authenticated, service_role;
grant execute on function public.publish_schedule(uuid, integer, text) to authenticated, service_role;
