-- The outbound board's figures (issue 5, DOMAIN.md "Outbound teams"): per
-- caller, today's dialed and connected calls and lead grades A–D, from the
-- call legs ingest keeps in call_summaries. Those rows are per call and not
-- for displays, so this security-definer function hands any member of the
-- site (a wall display included) only the per-caller counts — never a call
-- id, never customer data. "Today" is the site's day; a leg counts on the
-- day it was dialed; a re-graded call counts with its latest grade.
-- Invitations (邀约到访) are not recorded anywhere yet, so they are not here.

create function public.wall_outbound_today(site_id uuid)
returns table (
  agent_id uuid,
  dialed integer,
  connected integer,
  grade_a integer,
  grade_b integer,
  grade_c integer,
  grade_d integer
)
language sql
stable
security definer
set search_path = ''
as $$
  with day as (
    select (date_trunc('day', now() at time zone s.time_zone)) at time zone s.time_zone as day_start
    from public.sites s
    where s.id = wall_outbound_today.site_id and app.is_site_member(s.id)
  )
  select c.agent_id,
    count(*)::integer,
    count(*) filter (where c.answered_at is not null)::integer,
    count(*) filter (where c.grade = 'A')::integer,
    count(*) filter (where c.grade = 'B')::integer,
    count(*) filter (where c.grade = 'C')::integer,
    count(*) filter (where c.grade = 'D')::integer
  from public.call_summaries c
  cross join day
  where c.site_id = wall_outbound_today.site_id
    and c.direction = 'outbound'
    and c.agent_id is not null
    and c.offered_at >= day.day_start
    and c.offered_at < day.day_start + interval '1 day'
  group by c.agent_id
$$;

comment on function public.wall_outbound_today(uuid) is
  'Per caller: today''s dialed, connected and graded outbound calls at the site (site time zone); members only.';

revoke execute on function public.wall_outbound_today(uuid) from public, anon, authenticated;
grant execute on function public.wall_outbound_today(uuid) to authenticated, service_role;
