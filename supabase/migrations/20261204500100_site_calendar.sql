-- The site's calendar in SQL, written once (issue 9, DESIGN.md §8): which
-- date it is at the site, and when a site-local day or week begins and ends
-- as UTC instants. Functions that need "today" or "this week" call these
-- instead of each doing its own `at time zone` arithmetic; the browser's
-- single definition is src/lib/live/site-time.ts, tested at the same
-- boundaries. A day is local midnight to the next local midnight, so it lasts
-- 23 or 25 hours on a daylight-saving change; a week runs Monday to Monday.
-- Unknown sites give null.

create function app.site_today(site_id uuid, moment timestamptz default now()) returns date
language sql
stable
set search_path = ''
as $$
  select (site_today.moment at time zone s.time_zone)::date
  from public.sites s
  where s.id = site_today.site_id
$$;

create function app.site_day(site_id uuid, day date) returns tstzrange
language sql
stable
set search_path = ''
as $$
  select tstzrange(
    site_day.day::timestamp at time zone s.time_zone,
    (site_day.day + 1)::timestamp at time zone s.time_zone,
    '[)'
  )
  from public.sites s
  where s.id = site_day.site_id
$$;

create function app.site_week(site_id uuid, day date) returns tstzrange
language sql
stable
set search_path = ''
as $$
  select tstzrange(lower(app.site_day(site_week.site_id, w.monday)), lower(app.site_day(site_week.site_id, w.monday + 7)), '[)')
  from (select date_trunc('week', site_week.day::timestamp)::date as monday) w
$$;

comment on function app.site_today(uuid, timestamptz) is 'The site-local date at a moment (default now).';
comment on function app.site_day(uuid, date) is 'A site-local day as [local midnight, next local midnight).';
comment on function app.site_week(uuid, date) is 'The site-local week (Monday 00:00 to Monday 00:00) containing a date.';

-- Only the security-definer functions below call them.
revoke execute on function app.site_today(uuid, timestamptz), app.site_day(uuid, date), app.site_week(uuid, date)
  from public, anon, authenticated;

-- The outbound board's tally, as in 20261124000000, now on the site's day and
-- week from the helpers (before, the day ended 24 h after it began, one hour
-- off on a daylight-saving change). Same columns, so replaced in place.
create or replace function public.wall_outbound_today(site_id uuid)
returns table (
  agent_id uuid,
  dialed integer,
  connected integer,
  grade_a integer,
  grade_b integer,
  grade_c integer,
  grade_d integer,
  invitations_week integer
)
language sql
stable
security definer
set search_path = ''
as $$
  with site as (
    select s.id,
      app.site_day(s.id, app.site_today(s.id)) as today,
      app.site_week(s.id, app.site_today(s.id)) as week
    from public.sites s
    where s.id = wall_outbound_today.site_id and app.is_site_member(s.id)
  ),
  calls as (
    select c.agent_id,
      count(*)::integer as dialed,
      count(*) filter (where c.answered_at is not null)::integer as connected,
      count(*) filter (where c.grade = 'A')::integer as grade_a,
      count(*) filter (where c.grade = 'B')::integer as grade_b,
      count(*) filter (where c.grade = 'C')::integer as grade_c,
      count(*) filter (where c.grade = 'D')::integer as grade_d
    from public.call_summaries c
    join site on c.site_id = site.id
    where c.direction = 'outbound'
      and c.agent_id is not null
      and c.offered_at >= lower(site.today)
      and c.offered_at < upper(site.today)
    group by c.agent_id
  ),
  visits as (
    select i.agent_id, count(*)::integer as invitations_week
    from public.invitations i
    join site on i.site_id = site.id
    where i.status = 'visited' and i.visited_at >= lower(site.week) and i.visited_at < upper(site.week)
    group by i.agent_id
  )
  select agent_id,
    coalesce(calls.dialed, 0),
    coalesce(calls.connected, 0),
    coalesce(calls.grade_a, 0),
    coalesce(calls.grade_b, 0),
    coalesce(calls.grade_c, 0),
    coalesce(calls.grade_d, 0),
    coalesce(visits.invitations_week, 0)
  from calls
  full join visits using (agent_id)
$$;
