-- The facts: every call event and agent-state change as the phone system
-- reported it. They are the truth the live tables and intervals are derived
-- from (DESIGN.md §3). Written only by the ingest RPC (service role); API
-- roles may read them according to their role, never write them. No customer
-- data here: calls are identified by the phone system's call id only.

create type public.agent_state as enum (
  'available', 'on_call', 'wrap_up', 'break', 'lunch', 'training', 'meeting', 'offline'
);

create table public.call_events (
  id bigint generated always as identity primary key,
  event_id text not null constraint call_events_event_id_is_unique unique
    constraint call_events_event_id_length check (length(event_id) between 1 and 200),
  site_id uuid not null references public.sites (id) on delete cascade,
  queue_id uuid not null,
  call_id text not null constraint call_events_call_id_length check (length(call_id) between 1 and 200),
  kind text not null constraint call_events_kind_is_known check (kind in (
    'call_offered', 'call_answered', 'call_abandoned', 'call_ended', 'wrap_ended', 'call_transferred',
    'call_dialed', 'call_connected', 'call_graded'
  )),
  agent_id uuid,
  occurred_at timestamptz not null,
  data jsonb not null default '{}'::jsonb constraint call_events_data_is_an_object check (jsonb_typeof(data) = 'object'),
  received_at timestamptz not null default now(),
  constraint call_events_queue_is_in_site foreign key (site_id, queue_id) references public.queues (site_id, id),
  constraint call_events_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id)
);
alter table public.call_events enable row level security;
create index call_events_site_id_occurred_at_idx on public.call_events (site_id, occurred_at);
create index call_events_queue_id_call_id_idx on public.call_events (queue_id, call_id);
create index call_events_agent_id_occurred_at_idx on public.call_events (agent_id, occurred_at);

create table public.agent_state_events (
  id bigint generated always as identity primary key,
  event_id text not null constraint agent_state_events_event_id_is_unique unique
    constraint agent_state_events_event_id_length check (length(event_id) between 1 and 200),
  site_id uuid not null references public.sites (id) on delete cascade,
  agent_id uuid not null,
  state public.agent_state not null,
  reason text constraint agent_state_events_reason_length check (length(reason) <= 200),
  queue_id uuid,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  constraint agent_state_events_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id),
  constraint agent_state_events_queue_is_in_site foreign key (site_id, queue_id) references public.queues (site_id, id)
);
alter table public.agent_state_events enable row level security;
create index agent_state_events_site_id_occurred_at_idx on public.agent_state_events (site_id, occurred_at);
create index agent_state_events_agent_id_occurred_at_idx on public.agent_state_events (agent_id, occurred_at);

-- Facts are append-only through ingest; no API role writes them directly.
revoke insert, update, delete, truncate on public.call_events, public.agent_state_events from anon, authenticated;

create policy "staff read site call events; agents own; leads their team" on public.call_events
  for select to authenticated using (
    app.has_site_role(site_id, '{supervisor,manager,qa,analyst,admin}')
    or (agent_id is not null and (app.is_own_agent(agent_id) or app.leads_agent(agent_id)))
  );

create policy "staff read site state events; agents own; leads their team" on public.agent_state_events
  for select to authenticated using (
    app.has_site_role(site_id, '{supervisor,manager,qa,analyst,admin}')
    or app.is_own_agent(agent_id)
    or app.leads_agent(agent_id)
  );
