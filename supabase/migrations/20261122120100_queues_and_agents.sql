-- Queues (inbound hotlines and outbound campaigns) with their service-level
-- settings, agents (the people who take or make calls) and their skills (the
-- queues each agent takes). Defaults come from DOMAIN.md: answer within three
-- rings = 15 s, short abandons under 5 s.

create type public.queue_direction as enum ('inbound', 'outbound');

-- Which calls count in the service-level denominator (DESIGN.md §7):
--   answered             answered≤T / answered
--   offered              answered≤T / offered
--   offered_minus_short  answered≤T / (offered − short abandons)   (default)
create type public.sl_formula as enum ('answered', 'offered', 'offered_minus_short');

create table public.queues (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  name text not null constraint queues_name_is_not_blank check (length(btrim(name)) between 1 and 200),
  direction public.queue_direction not null default 'inbound',
  sl_threshold_s integer not null default 15
    constraint queues_sl_threshold_in_range check (sl_threshold_s between 1 and 3600),
  short_abandon_s integer not null default 5
    constraint queues_short_abandon_in_range check (short_abandon_s between 0 and 600),
  sl_formula public.sl_formula not null default 'offered_minus_short',
  sl_target numeric(4, 3) not null default 0.800
    constraint queues_sl_target_is_a_fraction check (sl_target between 0 and 1),
  aht_target_s integer not null default 300
    constraint queues_aht_target_is_positive check (aht_target_s > 0),
  answer_rate_target numeric(4, 3) not null default 0.950
    constraint queues_answer_rate_target_is_a_fraction check (answer_rate_target between 0 and 1),
  created_at timestamptz not null default now(),
  constraint queues_name_unique_per_site unique (site_id, name),
  constraint queues_site_id_id_key unique (site_id, id)
);
alter table public.queues enable row level security;

create table public.agents (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  team_id uuid not null,
  user_id uuid references auth.users (id) on delete set null,
  display_name text not null constraint agents_display_name_is_not_blank check (length(btrim(display_name)) between 1 and 100),
  employee_no text not null constraint agents_employee_no_is_not_blank check (length(btrim(employee_no)) between 1 and 50),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  constraint agents_team_is_in_site foreign key (site_id, team_id) references public.teams (site_id, id),
  constraint agents_employee_no_unique_per_site unique (site_id, employee_no),
  constraint agents_user_unique_per_site unique (site_id, user_id),
  constraint agents_site_id_id_key unique (site_id, id)
);
alter table public.agents enable row level security;
create index agents_team_id_idx on public.agents (team_id);
create index agents_user_id_idx on public.agents (user_id);

create table public.agent_skills (
  site_id uuid not null,
  agent_id uuid not null,
  queue_id uuid not null,
  primary key (agent_id, queue_id),
  constraint agent_skills_agent_is_in_site foreign key (site_id, agent_id)
    references public.agents (site_id, id) on delete cascade,
  constraint agent_skills_queue_is_in_site foreign key (site_id, queue_id)
    references public.queues (site_id, id) on delete cascade
);
alter table public.agent_skills enable row level security;
create index agent_skills_queue_id_idx on public.agent_skills (queue_id);

-- Roles that see every agent of their site (walls show the whole floor).
-- Agents and leads see their own team only.
create function app.can_see_agent(target_agent uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.agents a
    where a.id = target_agent
      and (
        app.has_site_role(a.site_id, '{supervisor,manager,qa,analyst,admin,display}')
        or app.is_team_member(a.team_id)
      )
  )
$$;

-- The agent row belongs to the caller.
create function app.is_own_agent(target_agent uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.agents a
    where a.id = target_agent and a.user_id = (select auth.uid())
  )
$$;

-- The caller leads the team this agent is in.
create function app.leads_agent(target_agent uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.agents a
    where a.id = target_agent and app.leads_team(a.team_id)
  )
$$;

revoke execute on function app.can_see_agent(uuid), app.is_own_agent(uuid), app.leads_agent(uuid)
  from public, anon, authenticated;
grant execute on function app.can_see_agent(uuid), app.is_own_agent(uuid), app.leads_agent(uuid)
  to authenticated, service_role;

create policy "members can read queues of their site" on public.queues
  for select to authenticated using (app.is_site_member(site_id));
create policy "admins and managers can create queues" on public.queues
  for insert to authenticated with check (app.has_site_role(site_id, '{admin,manager}'));
create policy "admins and managers can update queues" on public.queues
  for update to authenticated
  using (app.has_site_role(site_id, '{admin,manager}'))
  with check (app.has_site_role(site_id, '{admin,manager}'));
create policy "admins and managers can delete queues" on public.queues
  for delete to authenticated using (app.has_site_role(site_id, '{admin,manager}'));

create policy "staff read all agents; agents and leads read their team" on public.agents
  for select to authenticated using (
    app.has_site_role(site_id, '{supervisor,manager,qa,analyst,admin,display}')
    or app.is_team_member(team_id)
  );
create policy "admins and managers can create agents" on public.agents
  for insert to authenticated with check (app.has_site_role(site_id, '{admin,manager}'));
create policy "admins, managers and supervisors can update agents" on public.agents
  for update to authenticated
  using (app.has_site_role(site_id, '{admin,manager,supervisor}'))
  with check (app.has_site_role(site_id, '{admin,manager,supervisor}'));
create policy "admins and managers can delete agents" on public.agents
  for delete to authenticated using (app.has_site_role(site_id, '{admin,manager}'));

create policy "whoever can see the agent can read their skills" on public.agent_skills
  for select to authenticated using (app.can_see_agent(agent_id));
create policy "admins, managers and supervisors can add skills" on public.agent_skills
  for insert to authenticated with check (app.has_site_role(site_id, '{admin,manager,supervisor}'));
create policy "admins, managers and supervisors can update skills" on public.agent_skills
  for update to authenticated
  using (app.has_site_role(site_id, '{admin,manager,supervisor}'))
  with check (app.has_site_role(site_id, '{admin,manager,supervisor}'));
create policy "admins, managers and supervisors can remove skills" on public.agent_skills
  for delete to authenticated using (app.has_site_role(site_id, '{admin,manager,supervisor}'));
