-- Staffing (20261206100000–100300): who reads and writes policies,
-- forecasts, adjustments, requirements and solver runs, table by table and
-- RPC by RPC; another site's staff see and change none of it.
begin;
select plan(276);

\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');
select tests.add_second_site();

-- Two weeks of history for the sales hotline (queue …01), a forecast of the
-- week of 30 November (version 1), an adjustment (version 2), version 1's
-- requirements, a policy, and a solver run for Hotline A (lead1's team).
insert into queue_intervals (queue_id, site_id, interval_start, offered, answered, handled, talk_s)
select '9e000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001',
  (d::date + t) at time zone 'Asia/Shanghai', 8, 8, 8, 8 * 240
from generate_series('2026-11-16'::date, '2026-11-29'::date, interval '1 day') as d
cross join (values (time '10:00'), (time '14:00')) as x (t);
insert into staffing_policies (site_id, queue_id) values
  ('5a000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001');
select tests.keep_as(tests.actor('supervisor'),
  $$select create_forecast('9e000000-0000-4000-8000-000000000001', '2026-11-30')$$);
create table tests.fc as
select (select id from forecasts where queue_id = '9e000000-0000-4000-8000-000000000001' and version = 1) as v1;
select tests.keep_as(tests.actor('supervisor'),
  format($$select adjust_forecast(%L, '2026-12-01', '09:00', '12:00', 'percent', 20, 'Launch event')$$, (select v1 from tests.fc)));
alter table tests.fc add column v2 uuid, add column rows jsonb, add column params jsonb;
update tests.fc set
  v2 = (select id from forecasts where queue_id = '9e000000-0000-4000-8000-000000000001' and version = 2),
  rows = (select jsonb_agg(jsonb_build_object('interval_start', interval_start, 'agents', ceil(offered)::integer + 1,
      'raw_agents', ceil(offered)::integer, 'service_level', 0.85, 'occupancy', 0.7) order by interval_start)
    from forecast_intervals where forecast_id = (select v1 from tests.fc)),
  params = '{"model": "erlang_c", "sl_target": 0.8, "sl_threshold_s": 15, "max_occupancy": 0.85, "shrinkage": 0.3}';
select tests.keep_as(tests.actor('supervisor'),
  format($$select save_staffing_requirements(%L, %L, %L)$$, (select v1 from tests.fc), (select params from tests.fc), (select rows from tests.fc)));
select tests.keep_as(tests.actor('lead'),
  $$select record_solver_run('7e000000-0000-4000-8000-000000000001', '2026-11-30', 'optimal', null, 12.5, 12.4, 0.008, 3.2, 1.5, 4)$$);

-- One row of each at site 2, written as the owner.
insert into staffing_policies (site_id, queue_id) values
  ('5b000000-0000-4000-8000-000000000002', '9b000000-0000-4000-8000-000000000021');
insert into forecasts (id, site_id, queue_id, week_start, version, method)
values ('f2000000-0000-4000-8000-000000000001', '5b000000-0000-4000-8000-000000000002', '9b000000-0000-4000-8000-000000000021',
  '2026-11-30', 1, 'test');
insert into forecast_intervals (site_id, forecast_id, interval_start, offered, aht_s)
values ('5b000000-0000-4000-8000-000000000002', 'f2000000-0000-4000-8000-000000000001', '2026-11-30 10:00+08', 3, 200);
insert into forecast_adjustments (site_id, forecast_id, day, kind, value, reason)
values ('5b000000-0000-4000-8000-000000000002', 'f2000000-0000-4000-8000-000000000001', '2026-11-30', 'percent', 5, 'test');
insert into staffing_requirements (site_id, forecast_id, interval_start, agents, raw_agents)
values ('5b000000-0000-4000-8000-000000000002', 'f2000000-0000-4000-8000-000000000001', '2026-11-30 10:00+08', 2, 1);
insert into solver_runs (site_id, team_id, week_start, status)
values ('5b000000-0000-4000-8000-000000000002', '7b000000-0000-4000-8000-000000000021', '2026-11-30', 'optimal');

-- ------------------------------------------------------------ RLS matrix
-- Columns: agent, lead, supervisor, manager, qa, analyst, admin, display, anon.
insert into tests.matrix (op, what, statement, expected)
select op, what, statement, expected::text[] from (values
  ('select', 'staffing policies', 'select * from staffing_policies', '{0,1,1,1,1,1,1,0,42501}'),
  ('insert', 'a staffing policy',
    $$insert into staffing_policies (site_id, queue_id) values ('5a000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000002')$$,
    '{42501,42501,1,1,42501,42501,1,42501,42501}'),
  ('update', 'staffing policies', 'update staffing_policies set shrinkage = 0.25', '{0,0,1,1,0,0,1,0,42501}'),
  ('delete', 'staffing policies', 'delete from staffing_policies', '{0,0,1,1,0,0,1,0,42501}'),
  ('select', 'forecasts', 'select * from forecasts', '{0,2,2,2,2,2,2,0,42501}'),
  ('insert', 'a forecast',
    $$insert into forecasts (site_id, queue_id, week_start, version, method) values ('5a000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001', '2026-11-30', 9, 'mine')$$,
    '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('update', 'forecasts', $$update forecasts set method = 'mine'$$, '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('delete', 'forecasts', 'delete from forecasts', '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('select', 'forecast intervals', 'select * from forecast_intervals', '{0,1344,1344,1344,1344,1344,1344,0,42501}'),
  ('update', 'forecast intervals', 'update forecast_intervals set offered = 0', '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('select', 'forecast adjustments', 'select * from forecast_adjustments', '{0,1,1,1,1,1,1,0,42501}'),
  ('delete', 'forecast adjustments', 'delete from forecast_adjustments', '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('select', 'staffing requirements', 'select * from staffing_requirements', '{0,672,672,672,672,672,672,0,42501}'),
  ('update', 'staffing requirements', 'update staffing_requirements set agents = 0', '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  ('select', 'solver runs', 'select * from solver_runs', '{0,1,1,1,1,1,1,0,42501}'),
  ('insert', 'a solver run',
    $$insert into solver_runs (site_id, team_id, week_start, status) values ('5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', '2026-11-30', 'optimal')$$,
    '{42501,42501,42501,42501,42501,42501,42501,42501,42501}'),
  -- The RPCs (a call's one row counts 1; a table function its rows).
  ('call', 'create_forecast', $$select create_forecast('9e000000-0000-4000-8000-000000000001', '2026-11-30')$$,
    '{42501,42501,1,1,42501,42501,1,42501,42501}'),
  ('call', 'adjust_forecast', format($$select adjust_forecast(%L, '2026-12-02', null, null, 'absolute', 5, 'x')$$, (select v1 from tests.fc)),
    '{42501,42501,1,1,42501,42501,1,42501,42501}'),
  ('call', 'save_staffing_requirements',
    format($$select save_staffing_requirements(%L, %L, %L)$$, (select v1 from tests.fc), (select params from tests.fc), (select rows from tests.fc)),
    '{42501,1,1,1,42501,42501,1,42501,42501}'),
  ('call', 'week_requirements', $$select * from week_requirements('5a000000-0000-4000-8000-000000000001', '2026-11-30')$$,
    '{42501,672,672,672,672,672,672,42501,42501}'),
  ('call', 'forecast_versions', $$select * from forecast_versions('9e000000-0000-4000-8000-000000000001', '2026-11-30')$$,
    '{42501,2,2,2,2,2,2,42501,42501}'),
  ('call', 'forecast_backtest', $$select * from forecast_backtest('9e000000-0000-4000-8000-000000000001')$$,
    '{42501,1,1,1,1,1,1,42501,42501}'),
  ('call', 'staffing_parameters', $$select * from staffing_parameters('5a000000-0000-4000-8000-000000000001')$$,
    '{42501,4,4,4,4,4,4,42501,42501}'),
  ('call', 'save_staffing_policy', $$select save_staffing_policy('9e000000-0000-4000-8000-000000000001', 'erlang_a', 0.8, 0.25, 6)$$,
    '{42501,42501,1,1,42501,42501,1,42501,42501}'),
  ('call', 'record_solver_run', $$select record_solver_run('7e000000-0000-4000-8000-000000000001', '2026-11-30', 'time-limit')$$,
    '{42501,1,1,1,42501,42501,1,42501,42501}')
) as m (op, what, statement, expected);
select * from tests.check_matrix();

-- ------------------------------------------------------------ another site
insert into tests.actors (ord, name, id) values
  (10, 'site 2 supervisor', 'b0000000-0000-4000-8000-000000000203'),
  (11, 'site 2 manager', 'b0000000-0000-4000-8000-000000000202'),
  (12, 'site 2 display', 'b0000000-0000-4000-8000-000000000204');
insert into tests.cases (actor, statement, expected, description) values
  ('site 2 supervisor', 'select * from forecasts', '1', 'site 2''s supervisor sees only its own forecast'),
  ('site 2 supervisor', 'select * from forecast_intervals', '1', 'and its intervals'),
  ('site 2 supervisor', 'select * from forecast_adjustments', '1', 'and its adjustment'),
  ('site 2 supervisor', 'select * from staffing_requirements', '1', 'and its requirements'),
  ('site 2 supervisor', 'select * from staffing_policies', '1', 'and its policy'),
  ('site 2 supervisor', 'select * from solver_runs', '1', 'and its solver run'),
  ('site 2 display', 'select * from forecasts', '0', 'site 2''s display sees no forecast'),
  ('site 2 manager', $$select create_forecast('9e000000-0000-4000-8000-000000000001', '2026-11-30')$$, '42501',
    'site 2''s manager makes no forecast at the demo site'),
  ('site 2 manager', format($$select adjust_forecast(%L, '2026-12-02', null, null, 'percent', 5, 'x')$$, (select v1 from tests.fc)), '42501',
    'nor adjusts one'),
  ('site 2 supervisor', $$select * from week_requirements('5a000000-0000-4000-8000-000000000001', '2026-11-30')$$, '42501',
    'nor reads the demo site''s requirements'),
  ('site 2 supervisor', $$select * from staffing_parameters('5a000000-0000-4000-8000-000000000001')$$, '42501',
    'nor its staffing parameters'),
  ('site 2 manager', $$select save_staffing_policy('9e000000-0000-4000-8000-000000000001', 'erlang_c', 0.8, 0.25, 6)$$, '42501',
    'nor saves its policies'),
  ('site 2 supervisor', format($$select save_staffing_requirements(%L, %L, %L)$$, (select v1 from tests.fc),
    (select params from tests.fc), (select rows from tests.fc)), '42501', 'nor saves its requirements'),
  ('site 2 supervisor', $$update staffing_policies set shrinkage = 0.1 where site_id = '5a000000-0000-4000-8000-000000000001'$$, '0',
    'nor changes its policy rows'),
  ('lead', $$select record_solver_run('7e000000-0000-4000-8000-000000000002', '2026-11-30', 'optimal')$$, '42501',
    'a lead records no solver run for another team'),
  ('lead', $$select * from week_requirements('5b000000-0000-4000-8000-000000000002', '2026-11-30')$$, '42501',
    'a demo lead reads no requirements of site 2');
select * from tests.check_cases();

-- ------------------------------------------------------------ requirements
-- The RPCs read below check who calls: the claims say a supervisor, while
-- the test keeps the owner's role (pgTAP's own tables stay reachable).
create function tests.claim(actor_name text) returns void language sql as $$
  select set_config('request.jwt.claims', json_build_object('sub', tests.actor(actor_name), 'role', 'authenticated')::text, true)
$$;
select is((select requirement_params from forecasts where id = (select v1 from tests.fc)), (select params from tests.fc),
  'the parameters are kept with the version');
select tests.keep_as(tests.actor('lead'),
  format($$select save_staffing_requirements(%L, %L, %L)$$, (select v1 from tests.fc), (select params from tests.fc), (select rows from tests.fc)));
select is((select count(*) from staffing_requirements where forecast_id = (select v1 from tests.fc)), 672::bigint,
  'saving again replaces the set: still 672 rows');
select tests.claim('supervisor');
select results_eq(
  $$select distinct forecast_id, version from week_requirements('5a000000-0000-4000-8000-000000000001', '2026-11-30')$$,
  format($$values (%L::uuid, 1)$$, (select v1 from tests.fc)),
  'week_requirements reads the latest version that has requirements (version 2 has none)');
select is(
  (select count(*) from week_requirements('5a000000-0000-4000-8000-000000000001', '2026-11-30') w
   join forecast_intervals fi on fi.forecast_id = w.forecast_id and fi.interval_start = w.interval_start
   where w.offered = fi.offered and w.aht_s = fi.aht_s and w.agents = ceil(fi.offered) + 1 and w.raw_agents = ceil(fi.offered)),
  672::bigint, 'with each interval''s offered calls, AHT and agents');
select tests.keep_as(tests.actor('supervisor'),
  format($$select save_staffing_requirements(%L, %L, %L)$$, (select v2 from tests.fc), (select params from tests.fc),
    (select jsonb_agg(jsonb_build_object('interval_start', interval_start, 'agents', 3, 'raw_agents', 2) order by interval_start)
     from forecast_intervals where forecast_id = (select v2 from tests.fc))));
select tests.claim('lead');
select results_eq(
  $$select distinct version, agents from week_requirements('5a000000-0000-4000-8000-000000000001', '2026-11-30')$$,
  $$values (2, 3)$$, 'once version 2 has requirements, they are the week''s');

create function tests.save(rows jsonb, params jsonb default null) returns text language sql as $f$
  select format($$select save_staffing_requirements(%L, %L, %L)$$, (select v1 from tests.fc),
    coalesce(params, (select p.params from tests.fc p)), rows)
$f$;
insert into tests.cases (actor, statement, expected, description) values
  ('supervisor', tests.save((select rows - 0 from tests.fc)), 'CB054', 'a row missing'),
  ('supervisor', tests.save((select rows || (rows -> 0) from tests.fc)), 'CB054', 'an interval twice'),
  ('supervisor', tests.save((select jsonb_set(rows, '{0,agents}', '-1') from tests.fc)), 'CB054', 'negative agents'),
  ('supervisor', tests.save((select jsonb_set(rows, '{0,agents}', '1.5') from tests.fc)), 'CB054', 'agents not a whole number'),
  ('supervisor', tests.save((select jsonb_set(rows, '{0,service_level}', '1.2') from tests.fc)), 'CB054', 'a service level above 1'),
  ('supervisor', tests.save((select jsonb_set(rows, '{0,interval_start}', '"2026-12-07T10:00:00+08:00"') from tests.fc)), 'CB054',
    'an interval outside the forecast'),
  ('supervisor', tests.save('{"interval_start": "2026-11-30T10:00:00+08:00"}'), 'CB054', 'rows not an array'),
  ('supervisor', tests.save((select rows from tests.fc), '{"model": "poisson", "sl_target": 0.8, "sl_threshold_s": 15, "max_occupancy": 0.85, "shrinkage": 0.3}'),
    'CB054', 'an unknown model'),
  ('supervisor', tests.save((select rows from tests.fc), '{"model": "erlang_c", "sl_target": 1.5, "sl_threshold_s": 15, "max_occupancy": 0.85, "shrinkage": 0.3}'),
    'CB054', 'a service-level target above 1'),
  ('supervisor', tests.save((select rows from tests.fc), '{"model": "erlang_c", "sl_target": 0.8, "sl_threshold_s": 15, "max_occupancy": 0.85, "shrinkage": 1}'),
    'CB054', 'shrinkage of 1'),
  ('supervisor', tests.save((select rows from tests.fc), '{"model": "erlang_a", "sl_target": 0.8, "sl_threshold_s": 15, "max_occupancy": 0.85, "shrinkage": 0.3}'),
    'CB054', 'Erlang A without patience'),
  ('supervisor', tests.save((select rows from tests.fc), '{"model": "erlang_a", "sl_target": 0.8, "sl_threshold_s": 15, "max_occupancy": 0.85, "shrinkage": 0.3, "patience_s": 90}'),
    '1', 'Erlang A with patience');
select * from tests.check_cases();
select throws_ok(format('select tests.run_as(%L, %L)', tests.actor('supervisor'), tests.save((select rows - 0 from tests.fc))),
  'CB054', 'the requirements have 671 rows: the forecast has 672 intervals, one row each', 'the error says what is wrong');

-- ------------------------------------------------------------ solver runs
select results_eq(
  $$select site_id, status, objective, bound, gap, seconds, under_coverage_hours, over_coverage_hours, created_by from solver_runs
    where site_id = '5a000000-0000-4000-8000-000000000001'$$,
  $$values ('5a000000-0000-4000-8000-000000000001'::uuid, 'optimal'::text, 12.5::numeric, 12.4::numeric, 0.008::numeric, 3.2::numeric,
    1.5::numeric, 4::numeric, 'a0000000-0000-4000-8000-000000000011'::uuid)$$,
  'a solver run is recorded with its figures, site and who ran it');
insert into tests.cases (actor, statement, expected, description) values
  ('lead', $$select record_solver_run('7e000000-0000-4000-8000-000000000001', '2026-12-01', 'optimal')$$, 'CB050', 'a week not on a Monday'),
  ('lead', $$select record_solver_run('7e000000-0000-4000-8000-000000000001', '2026-11-30', 'done')$$, 'CB055', 'an unknown status'),
  ('lead', $$select record_solver_run('7e000000-0000-4000-8000-000000000001', '2026-11-30', 'optimal', gap => -0.1)$$, 'CB055',
    'a negative gap'),
  ('supervisor', format($$select record_solver_run('7e000000-0000-4000-8000-000000000001', '2026-11-30', 'optimal', %L)$$,
    (select id from schedules where team_id = '7e000000-0000-4000-8000-000000000002' limit 1)), 'CB055', 'another team''s schedule'),
  ('supervisor', format($$select record_solver_run('7e000000-0000-4000-8000-000000000001', %L, 'optimal', %L)$$,
    (select week_start from schedules where team_id = '7e000000-0000-4000-8000-000000000001' and status = 'draft'),
    (select id from schedules where team_id = '7e000000-0000-4000-8000-000000000001' and status = 'draft')), '1', 'the team''s draft of the week');
select * from tests.check_cases();

-- ------------------------------------------------------------ policies
insert into tests.cases (actor, statement, expected, description) values
  ('manager', $$select save_staffing_policy('9e000000-0000-4000-8000-000000000002', 'erlang_b', 0.85, 0.3, 6)$$, 'CB052', 'an unknown model'),
  ('manager', $$select save_staffing_policy('9e000000-0000-4000-8000-000000000002', 'erlang_c', 0, 0.3, 6)$$, 'CB052', 'max occupancy 0'),
  ('manager', $$select save_staffing_policy('9e000000-0000-4000-8000-000000000002', 'erlang_c', 1.1, 0.3, 6)$$, 'CB052', 'max occupancy above 1'),
  ('manager', $$select save_staffing_policy('9e000000-0000-4000-8000-000000000002', 'erlang_c', 0.85, 1, 6)$$, 'CB052', 'shrinkage 1'),
  ('manager', $$select save_staffing_policy('9e000000-0000-4000-8000-000000000002', 'erlang_c', 0.85, 0.3, 27)$$, 'CB052', '27 weeks of history'),
  ('manager', $$select save_staffing_policy('9e000000-0000-4000-8000-000000000002', 'erlang_c', 0.85, 0.3, 6, 0)$$, 'CB052', 'a recency decay of 0'),
  ('manager', $$select save_staffing_policy('9e000000-0000-4000-8000-000000000002', 'erlang_c', 0.85, 0.3, 6, 0.8, 1.5)$$, 'CB052', 'a trend cap above 1');
select * from tests.check_cases();
select throws_ok(format('select tests.run_as(%L, %L)', tests.actor('manager'),
  $$select save_staffing_policy('9e000000-0000-4000-8000-000000000002', 'erlang_c', 0.85, 1, 6)$$),
  'CB052', 'shrinkage must be at least 0 and below 1 (30 % is 0.3), not 1', 'the error names the value and its range');

select tests.keep_as(tests.actor('manager'),
  $$select save_staffing_policy('9e000000-0000-4000-8000-000000000002', 'erlang_a', 0.9, 0.25, 8, 0.7, 0.1)$$);
select tests.keep_as(tests.actor('manager'),
  $$select save_staffing_policy('9e000000-0000-4000-8000-000000000002', 'erlang_a', 0.9, 0.2, 8, 0.7, 0.1)$$);
select results_eq(
  $$select model, max_occupancy, shrinkage, history_weeks, recency_decay, trend_cap, updated_by from staffing_policies
    where queue_id = '9e000000-0000-4000-8000-000000000002'$$,
  $$values ('erlang_a'::text, 0.9::numeric, 0.2::numeric, 8, 0.7::numeric, 0.1::numeric, 'a0000000-0000-4000-8000-000000000002'::uuid)$$,
  'save_staffing_policy saves, and saving again updates the same row, stamped');

-- Patience: queue …02 had 10 abandons in the last days (each waited 30 s)
-- and 20 answered calls (each 15 s): 600 s of waiting / 10 = 60 s; queue
-- …03 9 abandons: too few.
insert into call_summaries (queue_id, call_id, site_id, direction, offered_at, waiting, wait_s, interval_start,
  offered, answered, answered_within_sl, abandoned, abandoned_short, handled, talk_s, hold_s, acw_s, wait_answered_s)
select q.queue_id::uuid, 'P' || q.n || '-' || i, '5a000000-0000-4000-8000-000000000001', 'inbound', now() - interval '2 days', false,
  case when i <= q.abandons then 30 else 15 end,
  date_bin('15 minutes', now() - interval '2 days', '2000-01-01'), 1,
  case when i <= q.abandons then 0 else 1 end, 0, case when i <= q.abandons then 1 else 0 end, 0, 0, 0, 0, 0, 0
from (values ('9e000000-0000-4000-8000-000000000002', 2, 10), ('9e000000-0000-4000-8000-000000000003', 3, 9)) as q (queue_id, n, abandons)
cross join generate_series(1, 30) as i
where i <= q.abandons + case when q.n = 2 then 20 else 0 end;
select tests.claim('analyst');
select results_eq(
  $$select queue_name, model, max_occupancy, shrinkage, history_weeks, patience_s, abandons, policy_set, updated_by_name
    from staffing_parameters('5a000000-0000-4000-8000-000000000001') order by queue_id$$,
  $$values
    ('销售热线 Sales hotline'::text, 'erlang_c'::text, 0.85::numeric, 0.30::numeric, 6, null::numeric, 0, true, null::text),
    ('售后服务 After-sales', 'erlang_a', 0.9, 0.2, 8, 60.0, 10, true, '中心经理 Manager'),
    ('投诉专线 Complaints', 'erlang_c', 0.85, 0.30, 6, null, 9, false, null),
    ('电开外呼 Outbound calling', 'erlang_c', 0.85, 0.30, 6, null, 0, false, null)$$,
  'staffing_parameters: each queue''s policy or the defaults, and patience measured where 10 or more abandoned');
select results_eq(
  $$select sl_target, sl_threshold_s, direction::text from staffing_parameters('5a000000-0000-4000-8000-000000000001')
    where queue_id = '9e000000-0000-4000-8000-000000000003'$$,
  $$values (0.850::numeric, 15, 'inbound')$$, 'with the queue''s service-level target and threshold');

select * from finish();
rollback;
