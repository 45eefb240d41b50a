-- Staffing (issue 11): the tables that carry a queue from its history to the
-- agents it needs and to the schedules that cover them.
--
-- * staffing_policies: per queue, the site's staffing policy (Erlang C or A,
--   max occupancy, shrinkage) and the forecast settings (weeks of history,
--   how strongly recent weeks count, the cap on the trend). No row means the
--   defaults (DOMAIN.md: 85 % occupancy, 30 % shrinkage; six weeks).
-- * forecasts: a queue's week forecast in versions, each with its method and
--   inputs; forecast_intervals its offered calls and AHT per 15 minutes of the
--   site's week; forecast_adjustments the supervisor's change that produced a
--   version (based_on the version it changed).
-- * staffing_requirements: the agents per interval that the browser computed
--   with Erlang from one forecast version (forecasts.requirement_params says
--   with which parameters).
-- * solver_runs: each automatic schedule's solver outcome.
--
-- Forecasts, requirements and solver runs are written only by the RPCs of the
-- next migrations (security definer, each checking who may), so that a
-- version never changes after it is made. Who may:
--   read everything: the site's leads, supervisors, managers and admins, and
--     QA and analysts (read-only, as they read schedules); never agents or
--     displays;
--   forecast, adjust, change policies: supervisors, managers, admins;
--   save requirements, record solver runs: planners (leads too).

-- ---------------------------------------------------------------- who may

create function app.can_read_staffing(site_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select app.has_site_role(can_read_staffing.site_id, '{lead,supervisor,manager,admin,qa,analyst}')
$$;
create function app.can_forecast(site_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select app.has_site_role(can_forecast.site_id, '{supervisor,manager,admin}')
$$;
create function app.can_plan_staffing(site_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select app.has_site_role(can_plan_staffing.site_id, '{lead,supervisor,manager,admin}')
$$;
comment on function app.can_read_staffing(uuid) is
  'Whether the caller reads the site''s staffing (policies, forecasts, requirements, solver runs): leads, supervisors, managers, admins, QA and analysts.';
comment on function app.can_forecast(uuid) is
  'Whether the caller makes and adjusts forecasts and changes staffing policies: supervisors, managers and admins.';
comment on function app.can_plan_staffing(uuid) is
  'Whether the caller saves staffing requirements: those who plan schedules (leads, supervisors, managers, admins).';
revoke execute on function app.can_read_staffing(uuid), app.can_forecast(uuid), app.can_plan_staffing(uuid)
  from public, anon, authenticated;
grant execute on function app.can_read_staffing(uuid), app.can_forecast(uuid), app.can_plan_staffing(uuid)
  to authenticated, service_role;

-- ---------------------------------------------------------------- policies

create table public.staffing_policies (
  site_id uuid not null,
  queue_id uuid primary key,
  model text not null default 'erlang_c'
    constraint staffing_policies_model_known check (model in ('erlang_c', 'erlang_a')),
  max_occupancy numeric not null default 0.85
    constraint staffing_policies_max_occupancy_range check (max_occupancy > 0 and max_occupancy <= 1),
  shrinkage numeric not null default 0.30
    constraint staffing_policies_shrinkage_range check (shrinkage >= 0 and shrinkage < 1),
  history_weeks integer not null default 6
    constraint staffing_policies_history_weeks_range check (history_weeks between 1 and 26),
  -- The weight of the k-th most recent week is recency_decay^(k-1).
  recency_decay numeric not null default 0.8
    constraint staffing_policies_recency_decay_range check (recency_decay > 0 and recency_decay <= 1),
  -- The trend factor stays within 1 ± trend_cap.
  trend_cap numeric not null default 0.2
    constraint staffing_policies_trend_cap_range check (trend_cap >= 0 and trend_cap <= 1),
  updated_by uuid default auth.uid(),
  updated_at timestamptz not null default now(),
  constraint staffing_policies_queue_is_in_site foreign key (site_id, queue_id)
    references public.queues (site_id, id) on delete cascade
);
alter table public.staffing_policies enable row level security;
create index staffing_policies_site_id_idx on public.staffing_policies (site_id);
comment on table public.staffing_policies is
  'Per queue, the site''s staffing policy (model, max occupancy, shrinkage) and forecast settings (weeks of history, recency decay, trend cap). A queue without a row uses the defaults.';
create trigger staffing_policies_stamp before insert or update on public.staffing_policies
  for each row execute function app.stamp_change();

create policy "staffing readers read staffing policies" on public.staffing_policies
  for select to authenticated using (app.can_read_staffing(site_id));
create policy "forecasters add staffing policies" on public.staffing_policies
  for insert to authenticated with check (app.can_forecast(site_id));
create policy "forecasters change staffing policies" on public.staffing_policies
  for update to authenticated using (app.can_forecast(site_id)) with check (app.can_forecast(site_id));
create policy "forecasters remove staffing policies" on public.staffing_policies
  for delete to authenticated using (app.can_forecast(site_id));

-- ---------------------------------------------------------------- forecasts

create table public.forecasts (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  queue_id uuid not null,
  week_start date not null
    constraint forecasts_week_starts_on_monday check (extract(isodow from week_start) = 1),
  version integer not null constraint forecasts_version_positive check (version >= 1),
  method text not null constraint forecasts_method_is_not_blank check (length(btrim(method)) between 1 and 100),
  inputs jsonb not null default '{}',
  -- The version this one adjusted; null for a forecast made from history.
  based_on uuid references public.forecasts (id) on delete set null,
  -- With which parameters the requirements of this version were computed;
  -- null until save_staffing_requirements.
  requirement_params jsonb,
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  constraint forecasts_queue_is_in_site foreign key (site_id, queue_id)
    references public.queues (site_id, id) on delete cascade,
  constraint forecasts_version_unique unique (queue_id, week_start, version),
  constraint forecasts_site_id_id_key unique (site_id, id)
);
alter table public.forecasts enable row level security;
create index forecasts_site_id_week_start_idx on public.forecasts (site_id, week_start);
create index forecasts_based_on_idx on public.forecasts (based_on);
comment on table public.forecasts is
  'A queue''s forecast for a week (Monday start, site time zone) in versions: made from history (method and inputs say how) or by adjusting another version (based_on).';

create table public.forecast_intervals (
  site_id uuid not null,
  forecast_id uuid not null,
  interval_start timestamptz not null
    constraint forecast_intervals_start_on_quarter_hour check (extract(epoch from interval_start)::bigint % 900 = 0),
  offered numeric not null constraint forecast_intervals_offered_not_negative check (offered >= 0),
  aht_s numeric not null constraint forecast_intervals_aht_positive check (aht_s > 0),
  primary key (forecast_id, interval_start),
  constraint forecast_intervals_forecast_is_in_site foreign key (site_id, forecast_id)
    references public.forecasts (site_id, id) on delete cascade
);
alter table public.forecast_intervals enable row level security;
comment on table public.forecast_intervals is
  'A forecast''s offered calls and average handle time per 15-minute interval of its week: 672 rows (668 or 676 across a daylight-saving change).';

create table public.forecast_adjustments (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  -- The version the adjustment produced.
  forecast_id uuid not null,
  day date not null,
  -- Site-local times; null from_time is the day's start, null to_time its end.
  from_time time,
  to_time time,
  kind text not null constraint forecast_adjustments_kind_known check (kind in ('percent', 'absolute')),
  value numeric not null,
  reason text not null constraint forecast_adjustments_reason_is_not_blank check (length(btrim(reason)) between 1 and 500),
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  constraint forecast_adjustments_forecast_is_in_site foreign key (site_id, forecast_id)
    references public.forecasts (site_id, id) on delete cascade,
  constraint forecast_adjustments_range_is_ordered check (from_time is null or to_time is null or from_time < to_time),
  constraint forecast_adjustments_percent_above_minus_100 check (kind <> 'percent' or value > -100)
);
alter table public.forecast_adjustments enable row level security;
create index forecast_adjustments_forecast_id_idx on public.forecast_adjustments (forecast_id);
comment on table public.forecast_adjustments is
  'A supervisor''s change to a forecast (a day or a time range of it, by a percentage or a number of calls), recorded with why, who and when; forecast_id is the version it produced.';

-- ---------------------------------------------------------------- requirements

create table public.staffing_requirements (
  site_id uuid not null,
  forecast_id uuid not null,
  interval_start timestamptz not null,
  -- Scheduled agents needed (raw_agents grossed up for shrinkage).
  agents integer not null constraint staffing_requirements_agents_not_negative check (agents >= 0),
  -- Agents on the phones needed to meet the service level and occupancy.
  raw_agents integer not null constraint staffing_requirements_raw_agents_not_negative check (raw_agents >= 0),
  service_level numeric constraint staffing_requirements_service_level_fraction check (service_level between 0 and 1),
  occupancy numeric constraint staffing_requirements_occupancy_fraction check (occupancy between 0 and 1),
  primary key (forecast_id, interval_start),
  constraint staffing_requirements_forecast_is_in_site foreign key (site_id, forecast_id)
    references public.forecasts (site_id, id) on delete cascade,
  constraint staffing_requirements_interval_is_forecast foreign key (forecast_id, interval_start)
    references public.forecast_intervals (forecast_id, interval_start) on delete cascade
);
alter table public.staffing_requirements enable row level security;
comment on table public.staffing_requirements is
  'Agents needed per interval of a forecast version, computed in the browser with Erlang C or A (forecasts.requirement_params) and saved by save_staffing_requirements.';

-- ---------------------------------------------------------------- solver runs

create table public.solver_runs (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  team_id uuid not null,
  week_start date not null
    constraint solver_runs_week_starts_on_monday check (extract(isodow from week_start) = 1),
  -- The draft the run filled; kept as null when that draft is thrown away.
  schedule_id uuid,
  status text not null
    constraint solver_runs_status_known check (status in ('optimal', 'feasible', 'time-limit', 'infeasible', 'cancelled', 'error')),
  objective numeric,
  bound numeric,
  gap numeric constraint solver_runs_gap_not_negative check (gap is null or gap >= 0),
  seconds numeric constraint solver_runs_seconds_not_negative check (seconds is null or seconds >= 0),
  under_coverage_hours numeric constraint solver_runs_under_not_negative check (under_coverage_hours is null or under_coverage_hours >= 0),
  over_coverage_hours numeric constraint solver_runs_over_not_negative check (over_coverage_hours is null or over_coverage_hours >= 0),
  settings jsonb not null default '{}',
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  constraint solver_runs_team_is_in_site foreign key (site_id, team_id) references public.teams (site_id, id) on delete cascade,
  constraint solver_runs_schedule_is_in_site foreign key (site_id, schedule_id)
    references public.schedules (site_id, id) on delete set null (schedule_id)
);
alter table public.solver_runs enable row level security;
create index solver_runs_team_id_week_start_idx on public.solver_runs (team_id, week_start);
create index solver_runs_site_id_idx on public.solver_runs (site_id);
create index solver_runs_schedule_id_idx on public.solver_runs (schedule_id);
comment on table public.solver_runs is
  'One automatic schedule attempt for a team''s week: the solver''s status, objective, bound, gap and time, the coverage it reached and its settings.';

-- ---------------------------------------------------------------- reading

create policy "staffing readers read forecasts" on public.forecasts
  for select to authenticated using (app.can_read_staffing(site_id));
create policy "staffing readers read forecast intervals" on public.forecast_intervals
  for select to authenticated using (app.can_read_staffing(site_id));
create policy "staffing readers read forecast adjustments" on public.forecast_adjustments
  for select to authenticated using (app.can_read_staffing(site_id));
create policy "staffing readers read staffing requirements" on public.staffing_requirements
  for select to authenticated using (app.can_read_staffing(site_id));
create policy "staffing readers read solver runs" on public.solver_runs
  for select to authenticated using (app.can_read_staffing(site_id));

-- Forecasts, requirements and solver runs change only through the RPCs; anon
-- has nothing here (the platform's default grants would give it all).
revoke all on public.staffing_policies, public.forecasts, public.forecast_intervals, public.forecast_adjustments,
  public.staffing_requirements, public.solver_runs from anon;
revoke insert, update, delete, truncate on public.forecasts, public.forecast_intervals, public.forecast_adjustments,
  public.staffing_requirements, public.solver_runs from authenticated;
grant select, insert, update, delete on public.staffing_policies to authenticated;
grant select on public.forecasts, public.forecast_intervals, public.forecast_adjustments,
  public.staffing_requirements, public.solver_runs to authenticated;
grant select, insert, update, delete on public.staffing_policies, public.forecasts, public.forecast_intervals,
  public.forecast_adjustments, public.staffing_requirements, public.solver_runs to service_role;

-- ---------------------------------------------------------------- names

-- Who made a row, as a name for the pages: their agent name at the site, the
-- display name of their account, or its email (auth.users is not readable
-- through the API). Only the functions below call it.
create function app.member_name(user_id uuid, site_id uuid) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(a.display_name, nullif(btrim(u.raw_user_meta_data ->> 'display_name'), ''), u.email::text)
  from auth.users u
  left join public.agents a on a.user_id = u.id and a.site_id = member_name.site_id
  where u.id = member_name.user_id
$$;
revoke execute on function app.member_name(uuid, uuid) from public, anon, authenticated;
