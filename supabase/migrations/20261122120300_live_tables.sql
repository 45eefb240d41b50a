-- Derived live state the wallboards show (DESIGN.md §3): queue_live (one row
-- per queue), agent_live (one row per logged-in agent) and queue_intervals
-- (one row per queue per 15-minute interval). Only aggregates and agent
-- states: every member of the site, displays included, may read them.
-- Written only by ingest/rebuild (service role or security definer code).
--
-- `version` comes from one sequence shared by the three tables, set by a
-- trigger on every insert and update: a board applies a broadcast only when
-- its version is newer than the row it holds, and a row that is deleted and
-- inserted again (an agent logging out and back in) still gets a larger one.

create sequence app.live_version_seq as bigint;
grant usage on sequence app.live_version_seq to service_role;

create function app.stamp_live_version() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.version := nextval('app.live_version_seq');
  new.updated_at := now();
  return new;
end;
$$;
revoke execute on function app.stamp_live_version() from public, anon, authenticated;

create table public.queue_live (
  queue_id uuid primary key,
  site_id uuid not null,
  calls_waiting integer not null default 0 constraint queue_live_calls_waiting_not_negative check (calls_waiting >= 0),
  oldest_waiting_since timestamptz,
  agents_available integer not null default 0 constraint queue_live_agents_available_not_negative check (agents_available >= 0),
  agents_on_call integer not null default 0 constraint queue_live_agents_on_call_not_negative check (agents_on_call >= 0),
  agents_wrap_up integer not null default 0 constraint queue_live_agents_wrap_up_not_negative check (agents_wrap_up >= 0),
  agents_not_ready integer not null default 0 constraint queue_live_agents_not_ready_not_negative check (agents_not_ready >= 0),
  version bigint not null default 0,
  updated_at timestamptz not null default now(),
  constraint queue_live_queue_is_in_site foreign key (site_id, queue_id)
    references public.queues (site_id, id) on delete cascade,
  constraint queue_live_oldest_wait_only_when_waiting check ((calls_waiting = 0) = (oldest_waiting_since is null))
);
alter table public.queue_live enable row level security;
create index queue_live_site_id_idx on public.queue_live (site_id);

create table public.agent_live (
  agent_id uuid primary key,
  site_id uuid not null,
  state public.agent_state not null,
  state_since timestamptz not null,
  reason text,
  queue_id uuid,
  version bigint not null default 0,
  updated_at timestamptz not null default now(),
  constraint agent_live_agent_is_in_site foreign key (site_id, agent_id)
    references public.agents (site_id, id) on delete cascade,
  constraint agent_live_queue_is_in_site foreign key (site_id, queue_id)
    references public.queues (site_id, id) on delete set null (queue_id)
);
alter table public.agent_live enable row level security;
create index agent_live_site_id_idx on public.agent_live (site_id);

create table public.queue_intervals (
  queue_id uuid not null,
  site_id uuid not null,
  interval_start timestamptz not null
    -- every zone's UTC offset is a multiple of 15 min, so UTC alignment is local alignment
    constraint queue_intervals_start_on_quarter_hour check (extract(epoch from interval_start)::bigint % 900 = 0),
  offered integer not null default 0,
  answered integer not null default 0,
  answered_within_sl integer not null default 0,
  abandoned integer not null default 0,
  abandoned_short integer not null default 0,
  handled integer not null default 0,
  talk_s bigint not null default 0,
  hold_s bigint not null default 0,
  acw_s bigint not null default 0,
  -- summed queue wait of answered calls: ASA = wait_answered_s / answered
  wait_answered_s bigint not null default 0,
  version bigint not null default 0,
  updated_at timestamptz not null default now(),
  primary key (queue_id, interval_start),
  constraint queue_intervals_queue_is_in_site foreign key (site_id, queue_id)
    references public.queues (site_id, id) on delete cascade,
  constraint queue_intervals_counts_not_negative check (
    least(offered, answered, answered_within_sl, abandoned, abandoned_short, handled) >= 0
    and least(talk_s, hold_s, acw_s, wait_answered_s) >= 0
  ),
  constraint queue_intervals_parts_within_wholes check (
    answered_within_sl <= answered and abandoned_short <= abandoned
  )
);
alter table public.queue_intervals enable row level security;
create index queue_intervals_site_id_interval_start_idx on public.queue_intervals (site_id, interval_start);

create trigger stamp_version before insert or update on public.queue_live
  for each row execute function app.stamp_live_version();
create trigger stamp_version before insert or update on public.agent_live
  for each row execute function app.stamp_live_version();
create trigger stamp_version before insert or update on public.queue_intervals
  for each row execute function app.stamp_live_version();

revoke insert, update, delete, truncate on public.queue_live, public.agent_live, public.queue_intervals
  from anon, authenticated;

create policy "members and displays can read live queues of their site" on public.queue_live
  for select to authenticated using (app.is_site_member(site_id));
create policy "members and displays can read live agent states of their site" on public.agent_live
  for select to authenticated using (app.is_site_member(site_id));
create policy "members and displays can read queue intervals of their site" on public.queue_intervals
  for select to authenticated using (app.is_site_member(site_id));
