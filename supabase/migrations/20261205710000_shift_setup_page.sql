-- What the seasons and shift templates pages (/settings/seasons,
-- /settings/shift-templates) need beyond the tables: which sites the caller
-- may read or change (so a page offers editing only where RLS will allow
-- it), a year's periods filled in one transaction from an earlier year's
-- pattern or from the product defaults (DOMAIN.md: summer 1 May – 30 Sep
-- 9:00–17:30, winter the rest 9:00–17:00), and a template saved together
-- with its seasons and queues. Everything runs as the caller (security
-- invoker), so the tables' RLS and triggers decide as they do for plain
-- writes. New code: CB040, an earlier year with nothing to copy.

create function public.shift_setup_sites()
returns table (site_id uuid, may_edit boolean)
language sql
stable
set search_path = ''
as $$
  select distinct m.site_id, app.can_edit_shift_setup(m.site_id)
  from public.members m
  where m.user_id = (select auth.uid()) and app.can_read_shift_setup(m.site_id)
  order by m.site_id
$$;
comment on function public.shift_setup_sites() is
  'The sites whose seasons and shift templates the caller may read, and whether they may change them (app.can_edit_shift_setup).';
revoke execute on function public.shift_setup_sites() from public, anon, authenticated;
grant execute on function public.shift_setup_sites() to authenticated;

-- A period's last day moved by whole years. The last day of a month stays
-- the last day (28 February 2027 → 29 February 2028), so periods that met
-- end to end still meet after the move; a first day moves as the day before
-- it does, plus one.
create function app.move_period_end(day date, years integer) returns date
language sql
immutable
set search_path = ''
as $$
  select case
    when day = (date_trunc('month', day::timestamp) + interval '1 month - 1 day')::date
      then (date_trunc('month', day::timestamp) + make_interval(years => years) + interval '1 month - 1 day')::date
    else (day::timestamp + make_interval(years => years))::date
  end
$$;
revoke execute on function app.move_period_end(date, integer) from public, anon, authenticated;
grant execute on function app.move_period_end(date, integer) to authenticated, service_role;

create function app.require_shift_setup_editor(site_id uuid) returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if not app.can_edit_shift_setup(require_shift_setup_editor.site_id) then
    raise exception 'only the site''s supervisors, managers and admins change its seasons and shift templates'
      using errcode = '42501';
  end if;
end;
$$;
revoke execute on function app.require_shift_setup_editor(uuid) from public, anon, authenticated;
grant execute on function app.require_shift_setup_editor(uuid) to authenticated, service_role;

-- The periods that start in from_year, added again to_year - from_year years
-- later (the seasons stay the same). Overlaps are refused by the periods'
-- own guard (23P01, naming the season already there).
create function public.copy_season_periods(site_id uuid, from_year integer, to_year integer) returns integer
language plpgsql
set search_path = ''
as $$
declare
  added integer;
begin
  perform app.require_shift_setup_editor(copy_season_periods.site_id);
  insert into public.season_periods (site_id, season_id, starts_on, ends_on)
  select p.site_id, p.season_id,
    app.move_period_end(p.starts_on - 1, to_year - from_year) + 1,
    app.move_period_end(p.ends_on, to_year - from_year)
  from public.season_periods p
  where p.site_id = copy_season_periods.site_id
    and p.starts_on between make_date(from_year, 1, 1) and make_date(from_year, 12, 31)
  order by p.starts_on;
  get diagnostics added = row_count;
  if added = 0 then
    raise exception 'no season period starts in %, so there is nothing to copy', from_year using errcode = 'CB040';
  end if;
  return added;
end;
$$;
comment on function public.copy_season_periods(uuid, integer, integer) is
  'Adds the periods that start in from_year again in to_year (month ends stay month ends); CB040 when there are none; the number added.';
revoke execute on function public.copy_season_periods(uuid, integer, integer) from public, anon, authenticated;
grant execute on function public.copy_season_periods(uuid, integer, integer) to authenticated;

-- The season with the given standard hours, the one of the given name among
-- them first; made with that name when the site has none with those hours.
create function app.season_with_hours(site_id uuid, name text, day_start time, day_end time) returns uuid
language plpgsql
set search_path = ''
as $$
declare
  found_id uuid;
begin
  select s.id into found_id from public.seasons s
  where s.site_id = season_with_hours.site_id
    and s.day_start = season_with_hours.day_start and s.day_end = season_with_hours.day_end
  order by s.name = btrim(season_with_hours.name) desc, s.name
  limit 1;
  if found_id is null then
    insert into public.seasons (site_id, name, day_start, day_end)
    values (season_with_hours.site_id, btrim(season_with_hours.name), season_with_hours.day_start, season_with_hours.day_end)
    returning id into found_id;
  end if;
  return found_id;
end;
$$;
revoke execute on function app.season_with_hours(uuid, text, time, time) from public, anon, authenticated;
grant execute on function app.season_with_hours(uuid, text, time, time) to authenticated, service_role;

-- The product's default seasons for a year: winter 1 January – 30 April and
-- 1 October – 31 December at 9:00–17:00, summer 1 May – 30 September at
-- 9:00–17:30. The names are the caller's (in the user's language) and only
-- used when the site has no season with those hours yet.
create function public.add_default_seasons(site_id uuid, year integer, summer_name text, winter_name text)
returns integer
language plpgsql
set search_path = ''
as $$
declare
  summer uuid;
  winter uuid;
begin
  perform app.require_shift_setup_editor(add_default_seasons.site_id);
  summer := app.season_with_hours(add_default_seasons.site_id, summer_name, '09:00', '17:30');
  winter := app.season_with_hours(add_default_seasons.site_id, winter_name, '09:00', '17:00');
  insert into public.season_periods (site_id, season_id, starts_on, ends_on) values
    (add_default_seasons.site_id, winter, make_date(year, 1, 1), make_date(year, 4, 30)),
    (add_default_seasons.site_id, summer, make_date(year, 5, 1), make_date(year, 9, 30)),
    (add_default_seasons.site_id, winter, make_date(year, 10, 1), make_date(year, 12, 31));
  return 3;
end;
$$;
comment on function public.add_default_seasons(uuid, integer, text, text) is
  'Adds the product''s default periods for a year (summer 1 May – 30 Sep 9:00–17:30, winter the rest 9:00–17:00), making the two seasons if the site has none with those hours.';
revoke execute on function public.add_default_seasons(uuid, integer, text, text) from public, anon, authenticated;
grant execute on function public.add_default_seasons(uuid, integer, text, text) to authenticated;

-- A template with its valid seasons and staffed queues, all or nothing: a
-- new one without template_id, else that template changed. The
-- template's own trigger checks the times and breaks (app.shift_length).
create function public.save_shift_template(
  site_id uuid, name text, starts_at time, ends_at time, breaks jsonb, colour text,
  season_ids uuid[], queue_ids uuid[], template_id uuid default null
) returns uuid
language plpgsql
set search_path = ''
as $$
declare
  saved uuid;
begin
  perform app.require_shift_setup_editor(save_shift_template.site_id);
  if save_shift_template.template_id is null then
    insert into public.shift_templates (site_id, name, starts_at, ends_at, breaks, colour)
    values (save_shift_template.site_id, btrim(save_shift_template.name), save_shift_template.starts_at,
      save_shift_template.ends_at, save_shift_template.breaks, save_shift_template.colour)
    returning id into saved;
  else
    update public.shift_templates t
    set name = btrim(save_shift_template.name), starts_at = save_shift_template.starts_at,
      ends_at = save_shift_template.ends_at, breaks = save_shift_template.breaks, colour = save_shift_template.colour
    where t.id = save_shift_template.template_id and t.site_id = save_shift_template.site_id
    returning t.id into saved;
    if saved is null then
      raise exception 'shift template % does not exist at this site', save_shift_template.template_id
        using errcode = 'P0002';
    end if;
  end if;
  delete from public.shift_template_seasons ts
  where ts.template_id = saved and ts.season_id <> all (coalesce(season_ids, '{}'));
  insert into public.shift_template_seasons (site_id, template_id, season_id)
  select save_shift_template.site_id, saved, s from unnest(coalesce(season_ids, '{}')) as s
  on conflict do nothing;
  delete from public.shift_template_queues tq
  where tq.template_id = saved and tq.queue_id <> all (coalesce(queue_ids, '{}'));
  insert into public.shift_template_queues (site_id, template_id, queue_id)
  select save_shift_template.site_id, saved, q from unnest(coalesce(queue_ids, '{}')) as q
  on conflict do nothing;
  return saved;
end;
$$;
comment on function public.save_shift_template(uuid, text, time, time, jsonb, text, uuid[], uuid[], uuid) is
  'Adds (no template_id) or changes a shift template with its valid seasons and staffed queues in one transaction; returns its id.';
revoke execute on function public.save_shift_template(uuid, text, time, time, jsonb, text, uuid[], uuid[], uuid)
  from public, anon, authenticated;
grant execute on function public.save_shift_template(uuid, text, time, time, jsonb, text, uuid[], uuid[], uuid)
  to authenticated;
