-- Tenancy: sites (one call center each), teams, and members — who holds which
-- app role at which site. Every policy in later migrations asks the helpers
-- defined here, so the rule "who may see what" is written once.

create schema if not exists app;
grant usage on schema app to authenticated, service_role;

-- Functions are not executable by API roles unless granted one by one.
alter default privileges in schema public revoke execute on functions from public, anon, authenticated;
alter default privileges in schema app revoke execute on functions from public, anon, authenticated;

create type public.app_role as enum (
  'agent', 'lead', 'supervisor', 'manager', 'qa', 'analyst', 'admin', 'display'
);

-- true when tz names a zone Postgres knows (IANA names such as Asia/Shanghai).
create function app.is_valid_time_zone(tz text) returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  perform now() at time zone tz;
  return true;
exception
  when invalid_parameter_value then
    return false;
end;
$$;

create table public.sites (
  id uuid primary key default gen_random_uuid(),
  name text not null constraint sites_name_is_not_blank check (length(btrim(name)) between 1 and 200),
  time_zone text not null default 'Asia/Shanghai'
    constraint sites_time_zone_is_known check (app.is_valid_time_zone(time_zone)),
  locale text not null default 'zh-CN'
    constraint sites_locale_is_supported check (locale in ('zh-CN', 'en')),
  created_at timestamptz not null default now()
);
alter table public.sites enable row level security;
comment on table public.sites is 'One call center; its time zone decides what "today", intervals and shifts mean.';

create table public.teams (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  name text not null constraint teams_name_is_not_blank check (length(btrim(name)) between 1 and 200),
  kind text not null default 'inbound' constraint teams_kind_is_known check (kind in ('inbound', 'outbound')),
  created_at timestamptz not null default now(),
  constraint teams_name_unique_per_site unique (site_id, name),
  -- target of composite foreign keys that keep a row's team inside its site
  constraint teams_site_id_id_key unique (site_id, id)
);
alter table public.teams enable row level security;

create table public.members (
  user_id uuid not null references auth.users (id) on delete cascade,
  site_id uuid not null references public.sites (id) on delete cascade,
  team_id uuid,
  role public.app_role not null,
  created_at timestamptz not null default now(),
  primary key (user_id, site_id),
  constraint members_team_is_in_site foreign key (site_id, team_id) references public.teams (site_id, id),
  constraint members_agents_and_leads_have_a_team check (role not in ('agent', 'lead') or team_id is not null)
);
alter table public.members enable row level security;
create index members_site_id_role_idx on public.members (site_id, role);
create index members_team_id_idx on public.members (team_id);
comment on table public.members is 'App role per user per site: agent, lead, supervisor, manager, qa, analyst, admin, display.';

-- Policy helpers. security definer so that policies on members do not recurse
-- into members' own policies; search_path is empty so nothing can be shadowed.

create function app.has_site_role(target_site uuid, roles public.app_role[]) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.members m
    where m.user_id = (select auth.uid())
      and m.site_id = target_site
      and m.role = any (roles)
  )
$$;

create function app.is_site_member(target_site uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.members m
    where m.user_id = (select auth.uid()) and m.site_id = target_site
  )
$$;

-- The caller is an agent or the lead of this team.
create function app.is_team_member(target_team uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.members m
    where m.user_id = (select auth.uid()) and m.team_id = target_team
  )
$$;

create function app.leads_team(target_team uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.members m
    where m.user_id = (select auth.uid()) and m.team_id = target_team and m.role = 'lead'
  )
$$;

revoke execute on all functions in schema app from public, anon, authenticated;
grant execute on function
  app.is_valid_time_zone(text),
  app.has_site_role(uuid, public.app_role[]),
  app.is_site_member(uuid),
  app.is_team_member(uuid),
  app.leads_team(uuid)
to authenticated, service_role;

-- sites: members read their site; only its admins change it. Sites are
-- created by the operator (service role), never from the app.
create policy "members can read their sites" on public.sites
  for select to authenticated using (app.is_site_member(id));
create policy "admins can update their site" on public.sites
  for update to authenticated
  using (app.has_site_role(id, '{admin}'))
  with check (app.has_site_role(id, '{admin}'));

-- teams: every member of the site sees team names (boards show team totals).
create policy "members can read teams of their site" on public.teams
  for select to authenticated using (app.is_site_member(site_id));
create policy "admins and managers can create teams" on public.teams
  for insert to authenticated with check (app.has_site_role(site_id, '{admin,manager}'));
create policy "admins and managers can update teams" on public.teams
  for update to authenticated
  using (app.has_site_role(site_id, '{admin,manager}'))
  with check (app.has_site_role(site_id, '{admin,manager}'));
create policy "admins and managers can delete teams" on public.teams
  for delete to authenticated using (app.has_site_role(site_id, '{admin,manager}'));

-- members: you see your own membership; leads see their team; supervisors,
-- managers and admins see the site. Only admins grant or change roles.
create policy "users can read their memberships and staff can read the site's" on public.members
  for select to authenticated using (
    user_id = (select auth.uid())
    or app.has_site_role(site_id, '{supervisor,manager,admin}')
    or (team_id is not null and app.leads_team(team_id))
  );
create policy "admins can add members" on public.members
  for insert to authenticated with check (app.has_site_role(site_id, '{admin}'));
create policy "admins can change members" on public.members
  for update to authenticated
  using (app.has_site_role(site_id, '{admin}'))
  with check (app.has_site_role(site_id, '{admin}'));
create policy "admins can remove members" on public.members
  for delete to authenticated using (app.has_site_role(site_id, '{admin}'));
