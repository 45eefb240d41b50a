-- The invitation register (意向客户邀约到访登记表, DOMAIN.md "Outbound
-- teams"): a caller books a visit for one of their leads; it counts towards
-- the weekly target of 10 only once the customer came and the visit was
-- confirmed — on paper the team lead's signature, here status 'visited'
-- stamped with who confirmed it and when. A caller can book and reschedule
-- but never confirm their own invitation nor change a confirmed one.
-- Like the leads it points at, this is customer data: the caller, their team
-- lead, supervisors (who confirm invitations) and managers read it; a wall
-- display only ever gets per-caller counts from wall_outbound_today.

create type public.invitation_status as enum ('booked', 'visited', 'no_show', 'cancelled');

-- The composite key lets an invitation name a lead of its own site.
alter table public.leads add constraint leads_site_id_id_key unique (site_id, id);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  agent_id uuid not null,
  lead_id uuid not null,
  appointment_at timestamptz not null,
  status public.invitation_status not null default 'booked',
  visited_at timestamptz,
  confirmed_by uuid references auth.users (id) on delete set null,
  confirmed_at timestamptz,
  notes text constraint invitations_notes_length check (length(notes) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint invitations_caller_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id),
  constraint invitations_lead_is_in_site foreign key (site_id, lead_id)
    references public.leads (site_id, id) on delete cascade,
  constraint invitations_visit_is_confirmed check (
    (status = 'visited') = (visited_at is not null and confirmed_at is not null)
  )
);
alter table public.invitations enable row level security;
create index invitations_agent_visited_idx on public.invitations (agent_id, visited_at);
create index invitations_site_visited_idx on public.invitations (site_id, visited_at) where status = 'visited';
create index invitations_lead_id_idx on public.invitations (lead_id);

comment on table public.invitations is
  'Invitation register: visits a caller booked for their leads; status visited (confirmed by someone else) counts towards the weekly target.';

-- Security definer so it can read the lead's owner whoever writes (a
-- supervisor confirms visits but may not read leads); the role checks still
-- go by the API user's auth.uid(). The service role (no auth.uid()) is
-- trusted, as for every other table. Whether the writer may touch the row at
-- all is the policies' call, after this trigger.
create function app.guard_invitation() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  owner uuid;
begin
  select l.owner_agent_id into owner from public.leads l where l.id = new.lead_id;
  if owner is distinct from new.agent_id then
    raise exception 'an invitation belongs to the caller who owns the lead'
      using errcode = '23514', hint = 'Set agent_id to the lead''s owner_agent_id.';
  end if;
  if tg_op = 'UPDATE' and old.status = 'visited' and app.is_own_agent(old.agent_id) then
    raise exception 'a confirmed invitation can only be changed by the team lead or a manager'
      using errcode = '42501';
  end if;
  if new.status = 'visited' and (tg_op = 'INSERT' or old.status <> 'visited') then
    if app.is_own_agent(new.agent_id) then
      raise exception 'a caller cannot confirm their own invitation'
        using errcode = '42501', hint = 'The team lead confirms the visit.';
    end if;
    new.visited_at := coalesce(new.visited_at, now());
    new.confirmed_at := coalesce(new.confirmed_at, now());
    new.confirmed_by := coalesce(new.confirmed_by, (select auth.uid()));
  end if;
  if tg_op = 'UPDATE' then
    new.updated_at := now();
  end if;
  return new;
end;
$$;

create trigger invitations_guard before insert or update on public.invitations
  for each row execute function app.guard_invitation();

create policy "callers, their team lead, supervisors and managers can read invitations" on public.invitations
  for select to authenticated using (
    app.is_own_agent(agent_id) or app.leads_agent(agent_id) or app.has_site_role(site_id, '{supervisor,manager}')
  );
create policy "callers, their team lead, supervisors and managers can book invitations" on public.invitations
  for insert to authenticated with check (
    app.is_own_agent(agent_id) or app.leads_agent(agent_id) or app.has_site_role(site_id, '{supervisor,manager}')
  );
create policy "callers, their team lead, supervisors and managers can update invitations" on public.invitations
  for update to authenticated
  using (app.is_own_agent(agent_id) or app.leads_agent(agent_id) or app.has_site_role(site_id, '{supervisor,manager}'))
  with check (
    app.is_own_agent(agent_id) or app.leads_agent(agent_id) or app.has_site_role(site_id, '{supervisor,manager}')
  );
-- The register is the team's record: a caller cancels (status), never deletes.
create policy "team leads and managers can delete invitations" on public.invitations
  for delete to authenticated using (app.leads_agent(agent_id) or app.has_site_role(site_id, '{manager}'));

-- The outbound board's figures, now with each caller's confirmed visits in
-- the site's current week (Monday 00:00 to Monday 00:00, site time zone; a
-- visit counts in the week it happened). A caller with visits but no calls
-- today still has a row. The return type changes, so drop and create.
drop function public.wall_outbound_today(uuid);

create function public.wall_outbound_today(site_id uuid)
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
      (date_trunc('day', now() at time zone s.time_zone)) at time zone s.time_zone as day_start,
      (date_trunc('week', now() at time zone s.time_zone)) at time zone s.time_zone as week_start,
      (date_trunc('week', now() at time zone s.time_zone) + interval '7 days') at time zone s.time_zone as week_end
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
      and c.offered_at >= site.day_start
      and c.offered_at < site.day_start + interval '1 day'
    group by c.agent_id
  ),
  visits as (
    select i.agent_id, count(*)::integer as invitations_week
    from public.invitations i
    join site on i.site_id = site.id
    where i.status = 'visited' and i.visited_at >= site.week_start and i.visited_at < site.week_end
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

comment on function public.wall_outbound_today(uuid) is
  'Per caller: today''s dialed, connected and graded outbound calls and this week''s confirmed invitations at the site (site time zone); members only.';

revoke execute on function public.wall_outbound_today(uuid) from public, anon, authenticated;
grant execute on function public.wall_outbound_today(uuid) to authenticated, service_role;
