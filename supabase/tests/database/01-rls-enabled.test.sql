-- Every table in public has row level security on and at least one policy.
-- Driven by the catalog, so a new table without either fails here; the list
-- of tables is pinned too, so a new table also asks for its row in the RLS
-- matrix (02-06).
begin;

select plan((
  select 1 + 2 * count(*)::int from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')
));

select tables_are(
  'public',
  array[
    'sites', 'teams', 'members', 'queues', 'agents', 'agent_skills', 'call_events',
    'agent_state_events', 'queue_live', 'agent_live', 'queue_intervals', 'leads', 'call_summaries',
    'board_settings', 'invitations', 'national_holiday_years', 'national_holidays', 'site_calendar_years',
    'site_calendar_days', 'seasons', 'season_periods', 'shift_templates', 'shift_template_seasons',
    'shift_template_queues', 'schedule_policies', 'schedules', 'schedule_shifts',
    'shift_swaps', 'shift_swap_steps', 'approved_leave', 'staffing_policies', 'forecasts', 'forecast_intervals',
    'forecast_adjustments', 'staffing_requirements', 'solver_runs',
    'attendance_policies', 'punches', 'attendance_days', 'attendance_requests', 'attendance_request_steps',
    'leave_ledger', 'attendance_overrides', 'attendance_appeals', 'attendance_corrections', 'attendance_month_locks',
    'punch_imports', 'incentive_rules', 'lead_calls', 'visit_leave_credits', 'statement_adjustments',
    'qa_scorecards', 'qa_scorecard_items', 'qa_evaluations', 'qa_evaluation_items', 'call_ratings'
  ],
  'public has exactly the tables the RLS matrix covers'
);

select ok(c.relrowsecurity, format('public.%I has row level security enabled', c.relname))
from pg_class c
where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
order by c.relname;

select ok(
  exists (select 1 from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname),
  format('public.%I has at least one policy', c.relname)
)
from pg_class c
where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
order by c.relname;

select * from finish();
rollback;
