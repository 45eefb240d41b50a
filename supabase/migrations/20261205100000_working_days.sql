-- Working days per site (issue 10): the weekly rest pattern, public holidays
-- and make-up working days (调休上班), and the helpers later rules count
-- deadlines with (appeals: 3 / 5 working days; complaints: 1–7).
--
-- A site's days are its own, editable table. The national data shipped below
-- is only what a site loads from; a site may add company holidays or correct
-- a day. A year the site has not filled in is refused rather than treated as
-- ordinary weekdays: holiday packages silently do the latter for years they
-- have no data for, and a deadline or a schedule computed that way is wrong
-- by a whole Spring Festival without anyone noticing.
--
-- Statutory holidays (法定节假日, overtime at 300 %) are kept apart from the
-- other days off of a holiday span — weekends inside it and weekdays given
-- in exchange for a make-up working day (调休) or in lieu of a statutory day
-- that fell on a weekend (补休) — which are rest days (overtime at 200 %).

create type public.calendar_day_kind as enum ('statutory_holiday', 'rest_day', 'working_day');
comment on type public.calendar_day_kind is
  'statutory_holiday: 法定节假日; rest_day: another day off of a holiday span (调休/补休, weekends in it); working_day: a make-up working day (调休上班) or another day worked against the weekly pattern.';

-- ---------------------------------------------------------------- national data

create table public.national_holiday_years (
  country text not null constraint national_holiday_years_country_code check (country ~ '^[A-Z]{2}$'),
  year integer not null constraint national_holiday_years_year_range check (year between 2000 and 2100),
  source text not null,
  primary key (country, year)
);
alter table public.national_holiday_years enable row level security;
comment on table public.national_holiday_years is
  'Years of public-holiday data shipped with Callboard, with the document they come from. Sites load from it (load_national_holidays).';

create table public.national_holidays (
  country text not null,
  day date not null,
  kind public.calendar_day_kind not null,
  name_zh text not null,
  name_en text not null,
  primary key (country, day),
  constraint national_holidays_year_has_a_source foreign key (country, year)
    references public.national_holiday_years (country, year),
  year integer generated always as (extract(year from day)::integer) stored
);
alter table public.national_holidays enable row level security;
comment on table public.national_holidays is
  'Public holidays, their other days off and make-up working days per country, as published. Read-only reference data.';

create policy "signed-in users read the national holiday years" on public.national_holiday_years
  for select to authenticated using (true);
create policy "signed-in users read the national holidays" on public.national_holidays
  for select to authenticated using (true);
grant select on public.national_holiday_years, public.national_holidays to authenticated;

insert into public.national_holiday_years (country, year, source) values
  ('CN', 2025, '国务院办公厅关于2025年部分节假日安排的通知 (State Council General Office, November 2024); statutory days per 全国年节及纪念日放假办法 as revised in 2024; cross-checked against the npm package chinese-days 1.5.7'),
  ('CN', 2026, '国务院办公厅关于2026年部分节假日安排的通知 (State Council General Office, November 2025); statutory days per 全国年节及纪念日放假办法 as revised in 2024; cross-checked against the npm package chinese-days 1.5.7');

-- Every day of each holiday span, so that a site whose rest days are not
-- Saturday and Sunday still sees the whole span; the statutory days are
-- 除夕 and 初一–初三 for the Spring Festival, 1–2 May, 1–3 October, and
-- the day itself for the others. 2026-04-06, 2026-05-04 and 2026-10-05 are
-- 补休 for statutory days on a weekend (chinese-days 1.5.7 lists them as
-- holidays but not as days in lieu; the notice gives them off).
insert into public.national_holidays (country, day, kind, name_zh, name_en)
select 'CN', d.day::date, d.kind::public.calendar_day_kind, d.name_zh, d.name_en
from (values
  -- 2025
  ('2025-01-01', 'statutory_holiday', '元旦', 'New Year''s Day'),
  ('2025-01-26', 'working_day', '春节调休上班', 'Spring Festival make-up working day'),
  ('2025-01-28', 'statutory_holiday', '春节', 'Spring Festival'),
  ('2025-01-29', 'statutory_holiday', '春节', 'Spring Festival'),
  ('2025-01-30', 'statutory_holiday', '春节', 'Spring Festival'),
  ('2025-01-31', 'statutory_holiday', '春节', 'Spring Festival'),
  ('2025-02-01', 'rest_day', '春节', 'Spring Festival'),
  ('2025-02-02', 'rest_day', '春节', 'Spring Festival'),
  ('2025-02-03', 'rest_day', '春节', 'Spring Festival'),
  ('2025-02-04', 'rest_day', '春节', 'Spring Festival'),
  ('2025-02-08', 'working_day', '春节调休上班', 'Spring Festival make-up working day'),
  ('2025-04-04', 'statutory_holiday', '清明节', 'Qingming Festival'),
  ('2025-04-05', 'rest_day', '清明节', 'Qingming Festival'),
  ('2025-04-06', 'rest_day', '清明节', 'Qingming Festival'),
  ('2025-04-27', 'working_day', '劳动节调休上班', 'Labour Day make-up working day'),
  ('2025-05-01', 'statutory_holiday', '劳动节', 'Labour Day'),
  ('2025-05-02', 'statutory_holiday', '劳动节', 'Labour Day'),
  ('2025-05-03', 'rest_day', '劳动节', 'Labour Day'),
  ('2025-05-04', 'rest_day', '劳动节', 'Labour Day'),
  ('2025-05-05', 'rest_day', '劳动节', 'Labour Day'),
  ('2025-05-31', 'statutory_holiday', '端午节', 'Dragon Boat Festival'),
  ('2025-06-01', 'rest_day', '端午节', 'Dragon Boat Festival'),
  ('2025-06-02', 'rest_day', '端午节', 'Dragon Boat Festival'),
  ('2025-09-28', 'working_day', '国庆节调休上班', 'National Day make-up working day'),
  ('2025-10-01', 'statutory_holiday', '国庆节', 'National Day'),
  ('2025-10-02', 'statutory_holiday', '国庆节', 'National Day'),
  ('2025-10-03', 'statutory_holiday', '国庆节', 'National Day'),
  ('2025-10-04', 'rest_day', '国庆节', 'National Day'),
  ('2025-10-05', 'rest_day', '国庆节', 'National Day'),
  ('2025-10-06', 'statutory_holiday', '中秋节', 'Mid-Autumn Festival'),
  ('2025-10-07', 'rest_day', '国庆节', 'National Day'),
  ('2025-10-08', 'rest_day', '国庆节', 'National Day'),
  ('2025-10-11', 'working_day', '国庆节调休上班', 'National Day make-up working day'),
  -- 2026
  ('2026-01-01', 'statutory_holiday', '元旦', 'New Year''s Day'),
  ('2026-01-02', 'rest_day', '元旦', 'New Year''s Day'),
  ('2026-01-03', 'rest_day', '元旦', 'New Year''s Day'),
  ('2026-01-04', 'working_day', '元旦调休上班', 'New Year make-up working day'),
  ('2026-02-14', 'working_day', '春节调休上班', 'Spring Festival make-up working day'),
  ('2026-02-15', 'rest_day', '春节', 'Spring Festival'),
  ('2026-02-16', 'statutory_holiday', '春节', 'Spring Festival'),
  ('2026-02-17', 'statutory_holiday', '春节', 'Spring Festival'),
  ('2026-02-18', 'statutory_holiday', '春节', 'Spring Festival'),
  ('2026-02-19', 'statutory_holiday', '春节', 'Spring Festival'),
  ('2026-02-20', 'rest_day', '春节', 'Spring Festival'),
  ('2026-02-21', 'rest_day', '春节', 'Spring Festival'),
  ('2026-02-22', 'rest_day', '春节', 'Spring Festival'),
  ('2026-02-23', 'rest_day', '春节', 'Spring Festival'),
  ('2026-02-28', 'working_day', '春节调休上班', 'Spring Festival make-up working day'),
  ('2026-04-04', 'rest_day', '清明节', 'Qingming Festival'),
  ('2026-04-05', 'statutory_holiday', '清明节', 'Qingming Festival'),
  ('2026-04-06', 'rest_day', '清明节', 'Qingming Festival'),
  ('2026-05-01', 'statutory_holiday', '劳动节', 'Labour Day'),
  ('2026-05-02', 'statutory_holiday', '劳动节', 'Labour Day'),
  ('2026-05-03', 'rest_day', '劳动节', 'Labour Day'),
  ('2026-05-04', 'rest_day', '劳动节', 'Labour Day'),
  ('2026-05-05', 'rest_day', '劳动节', 'Labour Day'),
  ('2026-05-09', 'working_day', '劳动节调休上班', 'Labour Day make-up working day'),
  ('2026-06-19', 'statutory_holiday', '端午节', 'Dragon Boat Festival'),
  ('2026-06-20', 'rest_day', '端午节', 'Dragon Boat Festival'),
  ('2026-06-21', 'rest_day', '端午节', 'Dragon Boat Festival'),
  ('2026-09-20', 'working_day', '国庆节调休上班', 'National Day make-up working day'),
  ('2026-09-25', 'statutory_holiday', '中秋节', 'Mid-Autumn Festival'),
  ('2026-09-26', 'rest_day', '中秋节', 'Mid-Autumn Festival'),
  ('2026-09-27', 'rest_day', '中秋节', 'Mid-Autumn Festival'),
  ('2026-10-01', 'statutory_holiday', '国庆节', 'National Day'),
  ('2026-10-02', 'statutory_holiday', '国庆节', 'National Day'),
  ('2026-10-03', 'statutory_holiday', '国庆节', 'National Day'),
  ('2026-10-04', 'rest_day', '国庆节', 'National Day'),
  ('2026-10-05', 'rest_day', '国庆节', 'National Day'),
  ('2026-10-06', 'rest_day', '国庆节', 'National Day'),
  ('2026-10-07', 'rest_day', '国庆节', 'National Day'),
  ('2026-10-10', 'working_day', '国庆节调休上班', 'National Day make-up working day')
) as d (day, kind, name_zh, name_en);

-- ---------------------------------------------------------------- per site

alter table public.sites add column rest_weekdays smallint[] not null default '{6,7}'
  constraint sites_rest_weekdays_valid check (
    rest_weekdays <@ '{1,2,3,4,5,6,7}'::smallint[] and cardinality(rest_weekdays) between 0 and 6
    and array_position(rest_weekdays, null) is null
  );
comment on column public.sites.rest_weekdays is
  'The site''s weekly days off as ISO weekdays (1 = Monday … 7 = Sunday); default Saturday and Sunday. Public holidays and make-up working days are in site_calendar_days.';

create table public.site_calendar_years (
  site_id uuid not null references public.sites (id) on delete cascade,
  year integer not null constraint site_calendar_years_year_range check (year between 2000 and 2100),
  source text not null constraint site_calendar_years_source_is_given check (length(btrim(source)) between 1 and 500),
  updated_by uuid default auth.uid(),
  updated_at timestamptz not null default now(),
  primary key (site_id, year)
);
alter table public.site_calendar_years enable row level security;
comment on table public.site_calendar_years is
  'The years whose public holidays a site has filled in, with where they come from. Working-day helpers refuse a year that is not here.';

create table public.site_calendar_days (
  site_id uuid not null,
  day date not null,
  kind public.calendar_day_kind not null,
  name text not null constraint site_calendar_days_name_is_not_blank check (length(btrim(name)) between 1 and 200),
  year integer generated always as (extract(year from day)::integer) stored,
  updated_by uuid default auth.uid(),
  updated_at timestamptz not null default now(),
  primary key (site_id, day),
  -- A day can only be recorded in a year the site has filled in; emptying
  -- the year (deleting its row) takes its days with it.
  constraint site_calendar_days_year_is_filled foreign key (site_id, year)
    references public.site_calendar_years (site_id, year) on delete cascade
);
alter table public.site_calendar_days enable row level security;
comment on table public.site_calendar_days is
  'A site''s public holidays, their other days off and make-up working days; every other day follows sites.rest_weekdays.';

-- Who changed a row and when; the calendar, seasons, templates and the
-- schedule policy use it (rules that decide pay keep who changed them).
create function app.stamp_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_by := (select auth.uid());
  new.updated_at := now();
  return new;
end;
$$;

create trigger site_calendar_years_stamp before insert or update on public.site_calendar_years
  for each row execute function app.stamp_change();
create trigger site_calendar_days_stamp before insert or update on public.site_calendar_days
  for each row execute function app.stamp_change();

-- Who may change a site's calendar, written once: it moves deadlines and
-- overtime rates, so managers and admins, not every supervisor.
create function app.can_edit_site_calendar(site_id uuid) returns boolean
language sql
stable
set search_path = ''
as $$
  select app.has_site_role(can_edit_site_calendar.site_id, '{manager,admin}')
$$;
comment on function app.can_edit_site_calendar(uuid) is
  'Whether the caller may change the site''s working-day calendar: managers and admins.';
revoke execute on function app.can_edit_site_calendar(uuid) from public, anon, authenticated;
grant execute on function app.can_edit_site_calendar(uuid) to authenticated, service_role;

create policy "site members read the site's calendar years" on public.site_calendar_years
  for select to authenticated using (app.is_site_member(site_id));
create policy "calendar editors add calendar years" on public.site_calendar_years
  for insert to authenticated with check (app.can_edit_site_calendar(site_id));
create policy "calendar editors change calendar years" on public.site_calendar_years
  for update to authenticated using (app.can_edit_site_calendar(site_id)) with check (app.can_edit_site_calendar(site_id));
create policy "calendar editors remove calendar years" on public.site_calendar_years
  for delete to authenticated using (app.can_edit_site_calendar(site_id));

create policy "site members read the site's calendar days" on public.site_calendar_days
  for select to authenticated using (app.is_site_member(site_id));
create policy "calendar editors add calendar days" on public.site_calendar_days
  for insert to authenticated with check (app.can_edit_site_calendar(site_id));
create policy "calendar editors change calendar days" on public.site_calendar_days
  for update to authenticated using (app.can_edit_site_calendar(site_id)) with check (app.can_edit_site_calendar(site_id));
create policy "calendar editors remove calendar days" on public.site_calendar_days
  for delete to authenticated using (app.can_edit_site_calendar(site_id));

grant select, insert, update, delete on public.site_calendar_years, public.site_calendar_days to authenticated;
grant select, insert, update, delete on public.site_calendar_years, public.site_calendar_days to service_role;
grant select on public.national_holiday_years, public.national_holidays to service_role;

-- ---------------------------------------------------------------- helpers
-- security definer: a rule that counts working days must get the site's real
-- calendar whoever runs it (an agent's appeal deadline is computed with the
-- holidays the agent may not edit); the calendar says nothing private.

-- The years in [first_day, last_day] the site has not filled in, in order;
-- none for an unknown site (the helpers then answer null). The one place
-- that decides whether a year has holiday data: the working-day helpers
-- raise on it, the schedule rules report it.
create function app.missing_calendar_years(site_id uuid, first_day date, last_day date) returns setof integer
language sql
stable
security definer
set search_path = ''
as $$
  select y
  from generate_series(extract(year from least(first_day, last_day))::integer,
                       extract(year from greatest(first_day, last_day))::integer) as y
  where exists (select 1 from public.sites s where s.id = missing_calendar_years.site_id)
    and not exists (
      select 1 from public.site_calendar_years c
      where c.site_id = missing_calendar_years.site_id and c.year = y
    )
  order by y
$$;

-- Raises CB001 naming the first year in [first_day, last_day] the site has
-- not filled in.
create function app.require_calendar_years(site_id uuid, first_day date, last_day date) returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  missing integer := (select min(y) from app.missing_calendar_years(site_id, first_day, last_day) as y);
begin
  if missing is not null then
    raise exception 'the site''s calendar has no public holiday data for %', missing
      using errcode = 'CB001',
        detail = format('Working days in %s cannot be counted: its public holidays and make-up working days are not filled in.', missing),
        hint = format('A manager loads them (load_national_holidays(site, %s)) or enters them in site_calendar_days after adding the year to site_calendar_years.', missing);
  end if;
end;
$$;

-- The kind of one day at a site, with the weekly pattern applied; the one
-- place both other helpers read a day from.
create function app.day_is_working(site_id uuid, day date) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select c.kind = 'working_day' from public.site_calendar_days c
     where c.site_id = day_is_working.site_id and c.day = day_is_working.day),
    not (extract(isodow from day_is_working.day)::smallint = any (s.rest_weekdays))
  )
  from public.sites s
  where s.id = day_is_working.site_id
$$;

create function app.is_working_day(site_id uuid, day date) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform app.require_calendar_years(is_working_day.site_id, is_working_day.day, is_working_day.day);
  return app.day_is_working(is_working_day.site_id, is_working_day.day);
end;
$$;
comment on function app.is_working_day(uuid, date) is
  'Whether the day is a working day at the site: make-up working days are, public holidays and their other days off are not, every other day follows the weekly rest days. Raises CB001 for a year the site has not filled in; null for an unknown site.';

-- The working day n working days after `day` (before it for negative n),
-- not counting `day` itself; n = 0 gives `day`. "Answer within 5 working
-- days of the 30th of September 2026" is add_working_days(site, '2026-09-30', 5).
create function app.add_working_days(site_id uuid, day date, n integer) returns date
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  step integer := sign(n)::integer;
  remaining integer := abs(n);
  current_day date := day;
  checked_year integer := null;
  walked integer := 0;
begin
  if n is null or not exists (select 1 from public.sites s where s.id = add_working_days.site_id) then
    return null;
  end if;
  while remaining > 0 loop
    current_day := current_day + step;
    walked := walked + 1;
    if checked_year is distinct from extract(year from current_day)::integer then
      perform app.require_calendar_years(add_working_days.site_id, current_day, current_day);
      checked_year := extract(year from current_day)::integer;
    end if;
    if app.day_is_working(add_working_days.site_id, current_day) then
      remaining := remaining - 1;
    end if;
    if walked > 3660 then
      raise exception 'no working day found within ten years of %', day using errcode = 'CB002';
    end if;
  end loop;
  return current_day;
end;
$$;
comment on function app.add_working_days(uuid, date, integer) is
  'The date n working days after day (before it when n < 0), day itself not counted; n = 0 gives day. Raises CB001 on reaching a year the site has not filled in.';

-- The working days after a up to and including b, negative when b is before
-- a: so add_working_days(site, a, working_days_between(site, a, b)) = b when
-- b is a working day.
create function app.working_days_between(site_id uuid, a date, b date) returns integer
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  counted integer;
begin
  if a is null or b is null or not exists (select 1 from public.sites s where s.id = working_days_between.site_id) then
    return null;
  end if;
  if a = b then
    return 0;
  end if;
  perform app.require_calendar_years(working_days_between.site_id, least(a, b) + 1, greatest(a, b));
  select count(*) filter (where app.day_is_working(working_days_between.site_id, d::date))::integer into counted
  from generate_series((least(a, b) + 1)::timestamp, greatest(a, b)::timestamp, interval '1 day') as d;
  return case when b > a then counted else -counted end;
end;
$$;
comment on function app.working_days_between(uuid, date, date) is
  'How many working days lie after a up to and including b (negative when b < a). Raises CB001 for a year in between the site has not filled in.';

revoke execute on function app.missing_calendar_years(uuid, date, date) from public, anon, authenticated;
revoke execute on function app.require_calendar_years(uuid, date, date) from public, anon, authenticated;
revoke execute on function app.day_is_working(uuid, date) from public, anon, authenticated;
revoke execute on function app.is_working_day(uuid, date) from public, anon, authenticated;
revoke execute on function app.add_working_days(uuid, date, integer) from public, anon, authenticated;
revoke execute on function app.working_days_between(uuid, date, date) from public, anon, authenticated;
grant execute on function app.is_working_day(uuid, date) to authenticated, service_role;
grant execute on function app.add_working_days(uuid, date, integer) to authenticated, service_role;
grant execute on function app.working_days_between(uuid, date, date) to authenticated, service_role;

-- ---------------------------------------------------------------- loading

-- Copies a year of national data into a site's calendar. Security invoker:
-- the inserts go through the calendar policies, so only the site's managers
-- and admins can load. A year already filled in is refused rather than
-- merged, so that a site's own corrections are never overwritten unseen.
create function public.load_national_holidays(site_id uuid, year integer, country text default 'CN')
returns integer
language plpgsql
set search_path = ''
as $$
declare
  loaded integer;
  site_locale text;
  data_source text;
begin
  select s.locale into site_locale from public.sites s where s.id = load_national_holidays.site_id;
  if not found then
    raise exception 'site % does not exist or is not yours', site_id using errcode = '22023';
  end if;
  select n.source into data_source from public.national_holiday_years n
  where n.country = load_national_holidays.country and n.year = load_national_holidays.year;
  if not found then
    raise exception 'Callboard ships no % public holiday data for %', country, year
      using errcode = 'CB003',
        hint = 'Enter the year''s public holidays and make-up working days by hand from the official notice: add the year to site_calendar_years with its source, then its days to site_calendar_days.';
  end if;
  if exists (select 1 from public.site_calendar_years c
             where c.site_id = load_national_holidays.site_id and c.year = load_national_holidays.year) then
    raise exception 'the site''s calendar already has % filled in', year
      using errcode = '23505',
        hint = 'Change its days one by one, or remove the year first to load it again.';
  end if;
  insert into public.site_calendar_years (site_id, year, source)
  values (load_national_holidays.site_id, load_national_holidays.year, data_source);
  insert into public.site_calendar_days (site_id, day, kind, name)
  select load_national_holidays.site_id, n.day, n.kind, case when site_locale = 'zh-CN' then n.name_zh else n.name_en end
  from public.national_holidays n
  where n.country = load_national_holidays.country and n.year = load_national_holidays.year;
  get diagnostics loaded = row_count;
  return loaded;
end;
$$;
comment on function public.load_national_holidays(uuid, integer, text) is
  'Fills a site''s calendar for a year from the national data shipped with Callboard; returns the days loaded. Managers and admins only (RLS).';
revoke execute on function public.load_national_holidays(uuid, integer, text) from public, anon, authenticated;
grant execute on function public.load_national_holidays(uuid, integer, text) to authenticated, service_role;

-- ---------------------------------------------------------------- for the page

-- Security invoker: the caller sees only their own memberships (RLS on
-- members), and the helper answers for the caller.
create function public.site_calendar_editable_sites()
returns table (site_id uuid)
language sql
stable
set search_path = ''
as $$
  select m.site_id
  from public.members m
  where m.user_id = (select auth.uid()) and app.can_edit_site_calendar(m.site_id)
  order by m.site_id
$$;
comment on function public.site_calendar_editable_sites() is
  'The sites whose working-day calendar the caller may edit (app.can_edit_site_calendar).';
revoke execute on function public.site_calendar_editable_sites() from public, anon, authenticated;
grant execute on function public.site_calendar_editable_sites() to authenticated;

-- How many working days a year has at a site, counted by the same helper the
-- rules use (so the page never keeps a second copy of the rule); CB001 for a
-- year not filled in.
create function public.working_days_in_year(site_id uuid, year integer) returns integer
language plpgsql
stable
set search_path = ''
as $$
begin
  if not app.is_site_member(working_days_in_year.site_id) then
    raise exception 'you are not a member of site %', working_days_in_year.site_id using errcode = '42501';
  end if;
  return app.working_days_between(working_days_in_year.site_id,
    make_date(working_days_in_year.year, 1, 1) - 1, make_date(working_days_in_year.year, 12, 31));
end;
$$;
comment on function public.working_days_in_year(uuid, integer) is
  'The number of working days in a year at the site (app.working_days_between); members only; CB001 for a year not filled in.';
revoke execute on function public.working_days_in_year(uuid, integer) from public, anon, authenticated;
grant execute on function public.working_days_in_year(uuid, integer) to authenticated;
