-- Seasons and shift templates (issue 10). The outbound manual sets seasonal
-- hours (winter 9:00–17:00, summer 9:00–17:30); the product default is summer
-- from 1 May to 30 September and winter the rest, but each site sets its own
-- dates per year. So a season (its name and standard hours) is apart from
-- the periods it covers, and a date with no period belongs to no season:
-- scheduling on it is refused with that reason rather than guessed.
--
-- A shift template is a named shift (start, end — across midnight when the
-- end is not after the start —, breaks paid and unpaid, colour), the seasons
-- it is valid in (none listed: every season) and the queues it staffs (an
-- agent on it needs their skills). Schedules will assign them per day.

create table public.seasons (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  name text not null constraint seasons_name_is_not_blank check (length(btrim(name)) between 1 and 100),
  day_start time not null,
  day_end time not null,
  constraint seasons_day_has_hours check (day_end > day_start),
  constraint seasons_name_unique_per_site unique (site_id, name),
  constraint seasons_site_id_id_key unique (site_id, id)
);
alter table public.seasons enable row level security;
comment on table public.seasons is
  'A season of a site (e.g. winter, summer) with its standard working hours; the dates it covers are in season_periods.';

create table public.season_periods (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  season_id uuid not null,
  starts_on date not null,
  ends_on date not null,
  constraint season_periods_in_order check (ends_on >= starts_on),
  constraint season_periods_season_is_in_site foreign key (site_id, season_id)
    references public.seasons (site_id, id) on delete cascade
);
alter table public.season_periods enable row level security;
create index season_periods_site_id_starts_on_idx on public.season_periods (site_id, starts_on);
comment on table public.season_periods is
  'The dates (inclusive) a season covers at its site; periods of one site never overlap.';

create table public.shift_templates (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  name text not null constraint shift_templates_name_is_not_blank check (length(btrim(name)) between 1 and 100),
  starts_at time not null,
  ends_at time not null,
  -- [{ "start_min": minutes after the shift starts, "minutes": length, "paid": bool }], kept sorted.
  breaks jsonb not null default '[]',
  colour text not null default '#4aa3ff' constraint shift_templates_colour_is_hex check (colour ~ '^#[0-9a-f]{6}$'),
  active boolean not null default true,
  -- Derived by the trigger from the times and the breaks, so every reader
  -- (rule checks, the rota, payroll) uses the same figures.
  span_min integer not null default 0,
  paid_min integer not null default 0,
  updated_by uuid default auth.uid(),
  updated_at timestamptz not null default now(),
  constraint shift_templates_name_unique_per_site unique (site_id, name),
  constraint shift_templates_site_id_id_key unique (site_id, id)
);
alter table public.shift_templates enable row level security;
comment on table public.shift_templates is
  'A named shift of a site: start and end (across midnight when the end is not after the start), breaks, colour; span_min and paid_min are derived.';
comment on column public.shift_templates.breaks is
  'Breaks as [{"start_min", "minutes", "paid"}], start_min counted from the shift start; unpaid breaks are not paid time.';

create table public.shift_template_seasons (
  site_id uuid not null,
  template_id uuid not null,
  season_id uuid not null,
  primary key (template_id, season_id),
  constraint shift_template_seasons_template_is_in_site foreign key (site_id, template_id)
    references public.shift_templates (site_id, id) on delete cascade,
  constraint shift_template_seasons_season_is_in_site foreign key (site_id, season_id)
    references public.seasons (site_id, id) on delete cascade
);
alter table public.shift_template_seasons enable row level security;
comment on table public.shift_template_seasons is
  'The seasons a shift template is valid in; a template with none listed is valid in every season.';

create table public.shift_template_queues (
  site_id uuid not null,
  template_id uuid not null,
  queue_id uuid not null,
  primary key (template_id, queue_id),
  constraint shift_template_queues_template_is_in_site foreign key (site_id, template_id)
    references public.shift_templates (site_id, id) on delete cascade,
  constraint shift_template_queues_queue_is_in_site foreign key (site_id, queue_id)
    references public.queues (site_id, id) on delete cascade
);
alter table public.shift_template_queues enable row level security;
comment on table public.shift_template_queues is
  'The queues a shift template staffs: an agent assigned to it needs a skill in each.';

-- ---------------------------------------------------------------- guards

-- Periods of one site never overlap: a date belongs to one season at most.
-- A per-site transaction lock makes two concurrent inserts see each other.
create function app.guard_season_period() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  clash record;
begin
  perform pg_advisory_xact_lock(hashtextextended('season_periods:' || new.site_id::text, 0));
  select s.name, p.starts_on, p.ends_on into clash
  from public.season_periods p
  join public.seasons s on s.id = p.season_id
  where p.site_id = new.site_id and p.id <> new.id
    and p.starts_on <= new.ends_on and new.starts_on <= p.ends_on
  order by p.starts_on
  limit 1;
  if found then
    raise exception 'season periods may not overlap: % already covers % to %', clash.name, clash.starts_on, clash.ends_on
      using errcode = '23P01';
  end if;
  return new;
end;
$$;

create trigger season_periods_guard before insert or update on public.season_periods
  for each row execute function app.guard_season_period();

-- The length of a shift from its clock times and breaks, checked: the span
-- (across midnight when the end is not after the start), the minutes of
-- unpaid breaks, and the breaks sorted. Each problem is told in words: a
-- supervisor typed these numbers. Templates and scheduled shifts both use it.
create function app.shift_length(
  starts_at time, ends_at time, breaks jsonb,
  out span_min integer, out unpaid_min integer, out sorted_breaks jsonb
)
language plpgsql
immutable
set search_path = ''
as $$
declare
  b jsonb;
  previous_end integer := 0;
  start_min integer;
  minutes integer;
begin
  if ends_at = starts_at then
    raise exception 'a shift must end at another time than it starts (a 24-hour shift is not supported)'
      using errcode = '23514';
  end if;
  span_min := case
    when ends_at > starts_at then extract(epoch from ends_at - starts_at)::integer / 60
    else 1440 - extract(epoch from starts_at - ends_at)::integer / 60
  end;
  if jsonb_typeof(breaks) is distinct from 'array' then
    raise exception 'breaks must be a list' using errcode = '23514';
  end if;
  for b in select value from jsonb_array_elements(breaks) loop
    if jsonb_typeof(b) <> 'object'
       or (select array_agg(k order by k) from jsonb_object_keys(b) as k) <> '{minutes,paid,start_min}'
       or jsonb_typeof(b -> 'start_min') <> 'number' or jsonb_typeof(b -> 'minutes') <> 'number'
       or jsonb_typeof(b -> 'paid') <> 'boolean'
       or (b ->> 'start_min')::numeric <> trunc((b ->> 'start_min')::numeric)
       or (b ->> 'minutes')::numeric <> trunc((b ->> 'minutes')::numeric) then
      raise exception 'a break is {"start_min": whole minutes after the shift starts, "minutes": whole minutes, "paid": true or false}, not %', b
        using errcode = '23514';
    end if;
  end loop;
  select coalesce(jsonb_agg(value order by (value ->> 'start_min')::integer), '[]') into sorted_breaks
  from jsonb_array_elements(breaks);
  unpaid_min := 0;
  for b in select value from jsonb_array_elements(sorted_breaks) loop
    start_min := (b ->> 'start_min')::integer;
    minutes := (b ->> 'minutes')::integer;
    if minutes <= 0 then
      raise exception 'a break must last at least a minute (the one at minute % lasts %)', start_min, minutes
        using errcode = '23514';
    end if;
    if start_min <= 0 or start_min + minutes >= span_min then
      raise exception 'a break must lie inside the shift: the one at minute % for % min does not fit a shift of % min', start_min, minutes, span_min
        using errcode = '23514';
    end if;
    if start_min < previous_end then
      raise exception 'breaks may not overlap: the one at minute % starts before the one before it ends (minute %)', start_min, previous_end
        using errcode = '23514';
    end if;
    previous_end := start_min + minutes;
    if not (b ->> 'paid')::boolean then
      unpaid_min := unpaid_min + minutes;
    end if;
  end loop;
end;
$$;
revoke execute on function app.shift_length(time, time, jsonb) from public, anon, authenticated;
-- The write triggers run it as the writer.
grant execute on function app.shift_length(time, time, jsonb) to authenticated, service_role;

create function app.derive_shift_template() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  len record;
begin
  len := app.shift_length(new.starts_at, new.ends_at, new.breaks);
  new.breaks := len.sorted_breaks;
  new.span_min := len.span_min;
  new.paid_min := len.span_min - len.unpaid_min;
  return new;
end;
$$;

create trigger shift_templates_derive before insert or update on public.shift_templates
  for each row execute function app.derive_shift_template();
create trigger shift_templates_stamp before insert or update on public.shift_templates
  for each row execute function app.stamp_change();

-- ---------------------------------------------------------------- who may

-- Everyone at the site but a wall display reads seasons and templates (an
-- agent's own schedule names them); supervisors, managers and admins set them.
create function app.can_read_shift_setup(site_id uuid) returns boolean
language sql
stable
set search_path = ''
as $$
  select app.has_site_role(can_read_shift_setup.site_id, '{agent,lead,supervisor,manager,qa,analyst,admin}')
$$;
create function app.can_edit_shift_setup(site_id uuid) returns boolean
language sql
stable
set search_path = ''
as $$
  select app.has_site_role(can_edit_shift_setup.site_id, '{supervisor,manager,admin}')
$$;
comment on function app.can_read_shift_setup(uuid) is 'Whether the caller may read the site''s seasons and shift templates: every role but display.';
comment on function app.can_edit_shift_setup(uuid) is 'Whether the caller may change the site''s seasons and shift templates: supervisors, managers and admins.';
revoke execute on function app.can_read_shift_setup(uuid) from public, anon, authenticated;
revoke execute on function app.can_edit_shift_setup(uuid) from public, anon, authenticated;
grant execute on function app.can_read_shift_setup(uuid) to authenticated, service_role;
grant execute on function app.can_edit_shift_setup(uuid) to authenticated, service_role;

do $$
declare
  t text;
begin
  foreach t in array array['seasons', 'season_periods', 'shift_templates', 'shift_template_seasons', 'shift_template_queues'] loop
    execute format('create policy "shift readers read %1$s" on public.%1$I for select to authenticated using (app.can_read_shift_setup(site_id))', t);
    execute format('create policy "shift editors add %1$s" on public.%1$I for insert to authenticated with check (app.can_edit_shift_setup(site_id))', t);
    execute format('create policy "shift editors change %1$s" on public.%1$I for update to authenticated using (app.can_edit_shift_setup(site_id)) with check (app.can_edit_shift_setup(site_id))', t);
    execute format('create policy "shift editors remove %1$s" on public.%1$I for delete to authenticated using (app.can_edit_shift_setup(site_id))', t);
    execute format('grant select, insert, update, delete on public.%I to authenticated, service_role', t);
  end loop;
end;
$$;

-- ---------------------------------------------------------------- helpers

-- The season a date falls in at a site, null when no period covers it.
create function app.season_on(site_id uuid, day date) returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select p.season_id from public.season_periods p
  where p.site_id = season_on.site_id and season_on.day between p.starts_on and p.ends_on
  limit 1
$$;
comment on function app.season_on(uuid, date) is 'The season whose period covers the date at the site; null when none does.';

-- Why a template cannot be worked on a date, in words, or null when it can:
-- unknown or inactive template, no season on the date, or a season the
-- template is not valid in. The schedule rules report this text as is.
create function app.template_problem(template_id uuid, day date) returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  t public.shift_templates;
  season uuid;
  valid text;
begin
  select * into t from public.shift_templates where id = template_problem.template_id;
  if not found then
    return format('shift template %s does not exist', template_id);
  end if;
  if not t.active then
    return format('shift template "%s" is no longer in use', t.name);
  end if;
  season := app.season_on(t.site_id, day);
  if season is null then
    return format('no season covers %s at this site: add the date to a season''s periods first', day);
  end if;
  if exists (select 1 from public.shift_template_seasons ts where ts.template_id = t.id)
     and not exists (select 1 from public.shift_template_seasons ts where ts.template_id = t.id and ts.season_id = season) then
    select string_agg(s.name, ', ' order by s.name) into valid
    from public.shift_template_seasons ts join public.seasons s on s.id = ts.season_id
    where ts.template_id = t.id;
    return format('shift template "%s" applies in %s only; %s is in %s', t.name, valid, day,
      (select s.name from public.seasons s where s.id = season));
  end if;
  return null;
end;
$$;
comment on function app.template_problem(uuid, date) is
  'Why the shift template cannot be worked on the date (inactive, no season on the date, not valid in that season), or null.';

revoke execute on function app.season_on(uuid, date) from public, anon, authenticated;
revoke execute on function app.template_problem(uuid, date) from public, anon, authenticated;
grant execute on function app.season_on(uuid, date) to authenticated, service_role;
grant execute on function app.template_problem(uuid, date) to authenticated, service_role;
