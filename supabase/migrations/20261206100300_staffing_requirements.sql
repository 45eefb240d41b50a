-- Staffing requirements and solver runs (issue 11, deliverables 3 to 5).
--
-- Erlang runs in the browser (src/lib/staffing/erlang.ts), which saves what
-- it computed for a forecast version here; week_requirements is what the
-- coverage heatmap and the schedule solver read. Each run of the solver is
-- recorded with its outcome.
--
-- New codes: CB054 requirements that do not fit their forecast or
-- parameters out of range; CB055 a solver run that cannot be recorded.

-- The parameters a set of requirements was computed with, checked: model
-- erlang_c or erlang_a, sl_target in [0, 1], sl_threshold_s > 0,
-- max_occupancy in (0, 1], shrinkage in [0, 1), and for Erlang A a
-- patience_s > 0. Other keys are kept as given.
create function app.json_number(doc jsonb, key text) returns numeric
language sql
immutable
set search_path = ''
as $$
  select case when jsonb_typeof(doc -> key) = 'number' then (doc ->> key)::numeric end
$$;
revoke execute on function app.json_number(jsonb, text) from public, anon, authenticated;

create function app.requirement_params_problem(params jsonb) returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when jsonb_typeof(params) is distinct from 'object' then 'params must be a JSON object'
    when coalesce(params ->> 'model', '') not in ('erlang_c', 'erlang_a') then
      format('params.model must be erlang_c or erlang_a, not %s', coalesce(params ->> 'model', 'missing'))
    when coalesce(app.json_number(params, 'sl_target') not between 0 and 1, true) then
      'params.sl_target must be a number from 0 to 1'
    when coalesce(app.json_number(params, 'sl_threshold_s') <= 0, true) then
      'params.sl_threshold_s must be a number of seconds above 0'
    when coalesce(not (app.json_number(params, 'max_occupancy') > 0 and app.json_number(params, 'max_occupancy') <= 1), true) then
      'params.max_occupancy must be above 0 and at most 1'
    when coalesce(not (app.json_number(params, 'shrinkage') >= 0 and app.json_number(params, 'shrinkage') < 1), true) then
      'params.shrinkage must be at least 0 and below 1'
    when params ->> 'model' = 'erlang_a' and coalesce(app.json_number(params, 'patience_s') <= 0, true) then
      'params.patience_s must be a number of seconds above 0 for Erlang A'
  end
$$;
revoke execute on function app.requirement_params_problem(jsonb) from public, anon, authenticated;

-- The rows of save_staffing_requirements as a table.
create function app.requirement_rows(rows jsonb)
returns table (interval_start timestamptz, agents integer, raw_agents integer, service_level numeric, occupancy numeric)
language sql
immutable
set search_path = ''
as $$
  select x.interval_start, x.agents, x.raw_agents, x.service_level, x.occupancy
  from jsonb_to_recordset(rows) as x (interval_start timestamptz, agents integer, raw_agents integer,
    service_level numeric, occupancy numeric)
$$;
revoke execute on function app.requirement_rows(jsonb) from public, anon, authenticated;

-- Saves the requirements of a forecast version, replacing any saved before,
-- in one transaction. rows: a JSON array with one element per interval of
-- the forecast, {"interval_start", "agents", "raw_agents", "service_level",
-- "occupancy"} (the last two may be null). Returns the rows saved.
create function public.save_staffing_requirements(forecast_id uuid, params jsonb, rows jsonb) returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  f public.forecasts;
  problem text;
  expected integer;
  given integer;
  distinct_given integer;
  foreign_rows integer;
  bad record;
  saved integer;
begin
  select * into f from public.forecasts where id = save_staffing_requirements.forecast_id;
  if not found or not app.can_plan_staffing(f.site_id) then
    raise exception 'only the site''s planners (leads, supervisors, managers, admins) save staffing requirements'
      using errcode = '42501';
  end if;
  problem := app.requirement_params_problem(params);
  if problem is not null then
    raise exception '%', problem using errcode = 'CB054';
  end if;
  if jsonb_typeof(rows) is distinct from 'array' then
    raise exception 'rows must be a JSON array' using errcode = 'CB054';
  end if;

  begin
    select count(*), count(distinct r.interval_start) into given, distinct_given from app.requirement_rows(rows) r;
  exception
    when data_exception then
      raise exception 'a row of the requirements is not readable: %', sqlerrm
        using errcode = 'CB054',
          hint = 'interval_start is a timestamp, agents and raw_agents whole numbers, service_level and occupancy numbers or null.';
  end;
  select count(*) into expected from public.forecast_intervals fi where fi.forecast_id = f.id;
  if given <> distinct_given then
    raise exception 'an interval is given twice in the requirements' using errcode = 'CB054';
  end if;
  select count(*) into foreign_rows
  from app.requirement_rows(rows) r
  where r.interval_start is null
    or not exists (select 1 from public.forecast_intervals fi where fi.forecast_id = f.id and fi.interval_start = r.interval_start);
  if foreign_rows > 0 then
    raise exception '% row(s) of the requirements are not intervals of this forecast', foreign_rows using errcode = 'CB054';
  end if;
  if given <> expected then
    raise exception 'the requirements have % rows: the forecast has % intervals, one row each', given, expected
      using errcode = 'CB054';
  end if;
  select * into bad from app.requirement_rows(rows) r
  where r.agents is null or r.agents < 0 or r.raw_agents is null or r.raw_agents < 0
    or r.service_level not between 0 and 1 or r.occupancy not between 0 and 1
  order by r.interval_start
  limit 1;
  if found then
    raise exception 'the requirement at % is out of range: agents and raw_agents are 0 or more, service_level and occupancy from 0 to 1',
      bad.interval_start using errcode = 'CB054';
  end if;

  delete from public.staffing_requirements sr where sr.forecast_id = f.id;
  insert into public.staffing_requirements (site_id, forecast_id, interval_start, agents, raw_agents, service_level, occupancy)
  select f.site_id, f.id, r.interval_start, r.agents, r.raw_agents, r.service_level, r.occupancy
  from app.requirement_rows(rows) r;
  get diagnostics saved = row_count;
  update public.forecasts set requirement_params = params where id = f.id;
  return saved;
end;
$$;
comment on function public.save_staffing_requirements(uuid, jsonb, jsonb) is
  'Saves the agents needed per interval of a forecast version (computed in the browser with Erlang), replacing any saved before; params are the model and targets used. CB054 when rows or params do not fit. Planners (leads too).';
revoke execute on function public.save_staffing_requirements(uuid, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.save_staffing_requirements(uuid, jsonb, jsonb) to authenticated, service_role;

-- For each queue of the site, the requirements of the latest forecast version
-- of the week that has them. What the coverage heatmap and the solver read.
create function public.week_requirements(site_id uuid, week_start date)
returns table (
  queue_id uuid,
  interval_start timestamptz,
  agents integer,
  offered numeric,
  aht_s numeric,
  forecast_id uuid,
  version integer,
  raw_agents integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not app.can_read_staffing(week_requirements.site_id) then
    raise exception 'only the site''s leads, supervisors, managers, admins, QA and analysts read its staffing requirements'
      using errcode = '42501';
  end if;
  return query
    with latest as (
      select distinct on (f.queue_id) f.id, f.queue_id, f.version
      from public.forecasts f
      where f.site_id = week_requirements.site_id and f.week_start = week_requirements.week_start
        and exists (select 1 from public.staffing_requirements r where r.forecast_id = f.id)
      order by f.queue_id, f.version desc
    )
    select l.queue_id, r.interval_start, r.agents, fi.offered, fi.aht_s, l.id, l.version, r.raw_agents
    from latest l
    join public.staffing_requirements r on r.forecast_id = l.id
    join public.forecast_intervals fi on fi.forecast_id = l.id and fi.interval_start = r.interval_start
    order by l.queue_id, r.interval_start;
end;
$$;
comment on function public.week_requirements(uuid, date) is
  'Per queue of the site, the agents needed per interval of the week from its latest forecast version with requirements, with that interval''s offered calls and AHT. Staffing readers.';
revoke execute on function public.week_requirements(uuid, date) from public, anon, authenticated;
grant execute on function public.week_requirements(uuid, date) to authenticated, service_role;

-- ---------------------------------------------------------------- solver runs

create function public.record_solver_run(
  team_id uuid,
  week_start date,
  status text,
  schedule_id uuid default null,
  objective numeric default null,
  bound numeric default null,
  gap numeric default null,
  seconds numeric default null,
  under_coverage_hours numeric default null,
  over_coverage_hours numeric default null,
  settings jsonb default '{}'
) returns public.solver_runs
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  site uuid := (select t.site_id from public.teams t where t.id = record_solver_run.team_id);
  run public.solver_runs;
begin
  if site is null or not app.can_plan_team(record_solver_run.team_id) then
    raise exception 'only the team''s planners record solver runs' using errcode = '42501';
  end if;
  if week_start is null or extract(isodow from week_start) <> 1 then
    raise exception 'a schedule week starts on a Monday, not %', week_start using errcode = 'CB050';
  end if;
  if status is null or status not in ('optimal', 'feasible', 'time-limit', 'infeasible', 'cancelled', 'error') then
    raise exception 'status must be optimal, feasible, time-limit, infeasible, cancelled or error, not %', coalesce(status, 'null')
      using errcode = 'CB055';
  end if;
  if least(gap, seconds, under_coverage_hours, over_coverage_hours) < 0 then
    raise exception 'gap, seconds and coverage hours are 0 or more' using errcode = 'CB055';
  end if;
  if jsonb_typeof(coalesce(settings, '{}')) <> 'object' then
    raise exception 'settings must be a JSON object' using errcode = 'CB055';
  end if;
  if schedule_id is not null and not exists (
    select 1 from public.schedules s
    where s.id = record_solver_run.schedule_id and s.team_id = record_solver_run.team_id
      and s.week_start = record_solver_run.week_start
  ) then
    raise exception 'schedule % is not this team''s for the week of %', schedule_id, week_start using errcode = 'CB055';
  end if;
  insert into public.solver_runs (site_id, team_id, week_start, schedule_id, status, objective, bound, gap, seconds,
    under_coverage_hours, over_coverage_hours, settings)
  values (site, record_solver_run.team_id, record_solver_run.week_start, record_solver_run.schedule_id,
    record_solver_run.status, record_solver_run.objective, record_solver_run.bound, record_solver_run.gap,
    record_solver_run.seconds, record_solver_run.under_coverage_hours, record_solver_run.over_coverage_hours,
    coalesce(record_solver_run.settings, '{}'))
  returning * into run;
  return run;
end;
$$;
comment on function public.record_solver_run(uuid, date, text, uuid, numeric, numeric, numeric, numeric, numeric, numeric, jsonb) is
  'Records an automatic schedule run for a team''s week: status (optimal, feasible, time-limit, infeasible, cancelled, error), objective, bound, gap, seconds, under- and over-coverage hours, settings, and the draft it filled. CB050 not a Monday, CB055 a value out of range. The team''s planners.';
revoke execute on function public.record_solver_run(uuid, date, text, uuid, numeric, numeric, numeric, numeric, numeric, numeric, jsonb)
  from public, anon, authenticated;
grant execute on function public.record_solver_run(uuid, date, text, uuid, numeric, numeric, numeric, numeric, numeric, numeric, jsonb)
  to authenticated, service_role;
