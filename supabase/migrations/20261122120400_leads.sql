-- Outbound leads: the customers a caller phones (the call-effect control
-- sheet of DOMAIN.md). This is customer contact data: only the caller who
-- owns the lead, the lead of that caller's team and managers may read or
-- write it. It never reaches a wallboard, a live table or a broadcast.

create type public.lead_grade as enum ('A', 'B', 'C', 'D');

-- Best converting first (DOMAIN.md: own project's callers and visitors >
-- outreach > customer club > agency data > SMS intercept lists).
create type public.lead_source as enum ('own_project', 'outreach', 'customer_club', 'agency', 'sms_intercept', 'other');

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  owner_agent_id uuid not null,
  customer_name text not null constraint leads_customer_name_is_not_blank check (length(btrim(customer_name)) between 1 and 100),
  phone text not null constraint leads_phone_is_a_phone_number check (phone ~ '^\+?[0-9][0-9 -]{4,24}$'),
  source public.lead_source not null,
  grade public.lead_grade,
  product_demand text constraint leads_product_demand_length check (length(product_demand) <= 200),
  notes text constraint leads_notes_length check (length(notes) <= 2000),
  follow_up_count integer not null default 0 constraint leads_follow_up_count_not_negative check (follow_up_count >= 0),
  last_called_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint leads_owner_is_in_site foreign key (site_id, owner_agent_id) references public.agents (site_id, id)
);
alter table public.leads enable row level security;
create index leads_owner_agent_id_idx on public.leads (owner_agent_id);
create index leads_site_id_idx on public.leads (site_id);

create policy "owners, their team lead and managers can read leads" on public.leads
  for select to authenticated using (
    app.is_own_agent(owner_agent_id) or app.leads_agent(owner_agent_id) or app.has_site_role(site_id, '{manager}')
  );
create policy "owners, their team lead and managers can add leads" on public.leads
  for insert to authenticated with check (
    app.is_own_agent(owner_agent_id) or app.leads_agent(owner_agent_id) or app.has_site_role(site_id, '{manager}')
  );
create policy "owners, their team lead and managers can update leads" on public.leads
  for update to authenticated
  using (app.is_own_agent(owner_agent_id) or app.leads_agent(owner_agent_id) or app.has_site_role(site_id, '{manager}'))
  with check (app.is_own_agent(owner_agent_id) or app.leads_agent(owner_agent_id) or app.has_site_role(site_id, '{manager}'));
-- Callers cannot delete their own leads: a lead's history is the team's.
create policy "team leads and managers can delete leads" on public.leads
  for delete to authenticated using (app.leads_agent(owner_agent_id) or app.has_site_role(site_id, '{manager}'));
