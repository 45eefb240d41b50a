-- Terminal import (20261207150000): who may import and read imports, the
-- checks made again in SQL (each bad row reported with its line and reason),
-- duplicates in the file and already stored (voided ones too) skipped and
-- counted, the dry run and all-or-nothing storing nothing, times read as
-- site-local, month locks, and the re-judge of closed days with its audit.
begin;
select plan(55);

\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- tests.rpc_as(actor, call): one call as a signed-in user, its jsonb answer; the effect stays.
create function tests.rpc_as(actor uuid, call text) returns jsonb
language plpgsql as $$
declare
  result jsonb;
begin
  perform tests.become(actor);
  execute format('select %s', call) into result;
  perform set_config('role', 'none', true);
  return result;
end;
$$;

-- tests.import(actor, rows, mode, dry_run): an import of `rows` into the demo site as `actor`.
create function tests.import(actor text, rows jsonb, mode text default 'valid_only', dry_run boolean default false,
  batch uuid default null) returns jsonb
language sql as $$
  select tests.rpc_as(tests.actor(actor), format(
    $f$public.import_punches('5a000000-0000-4000-8000-000000000001', 'ZK-01 2026-11.csv', 'ac_no_time_state', %L, %L::jsonb, %L, %L)$f$,
    mode, rows, dry_run, batch))
$$;

-- A local time `minutes` from now at the site, as a terminal writes it.
create function tests.local_in(minutes integer) returns text
language sql stable as $$
  select to_char((now() + make_interval(mins => minutes)) at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS')
$$;

-- agent01 (E001) already has a punch at 2026-11-02 08:55 local, and had one at 18:00 that a supervisor voided.
insert into punches (site_id, agent_id, punched_at, source) values
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', '2026-11-02 08:55:00+08', 'web');
insert into punches (site_id, agent_id, punched_at, source, voided_at, void_reason) values
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', '2026-11-02 18:00:00+08', 'terminal',
   now(), 'terminal fault');
-- All the punches there are now, the seed's month of them and these two: storing nothing leaves it so.
create table tests.punches_before as select count(*)::int as n from punches;

create table tests.file as
select jsonb_build_array(
  jsonb_build_object('line', 2, 'employee_no', 'E002', 'local_time', '2026-11-02 08:59:12', 'direction', 'in'),
  jsonb_build_object('line', 3, 'employee_no', 'E002', 'local_time', '2026-11-02 18:01:00', 'direction', 'out'),
  jsonb_build_object('line', 4, 'employee_no', 'E003', 'local_time', '2026-11-02 09:07', 'direction', null),
  jsonb_build_object('line', 5, 'employee_no', 'E999', 'local_time', '2026-11-02 09:00:00', 'direction', 'in'),
  jsonb_build_object('line', 6, 'employee_no', 'E004', 'local_time', '2026-02-30 09:00:00', 'direction', 'in'),
  jsonb_build_object('line', 7, 'employee_no', ' ', 'local_time', '2026-11-02 09:00:00', 'direction', 'in'),
  jsonb_build_object('line', 8, 'employee_no', 'E004', 'local_time', '2026-11-02 09:00:00', 'direction', 'sideways'),
  jsonb_build_object('line', 9, 'employee_no', 'E004', 'local_time', tests.local_in(60), 'direction', 'in'),
  jsonb_build_object('line', 10, 'employee_no', 'E002', 'local_time', '2026-11-02 08:59:12', 'direction', 'in'),
  jsonb_build_object('line', 11, 'employee_no', 'E001', 'local_time', '2026-11-02 08:55:00', 'direction', 'in'),
  jsonb_build_object('line', 12, 'employee_no', 'E001', 'local_time', '2026-11-02 18:00:00', 'direction', 'out'),
  jsonb_build_object('line', 13, 'employee_no', 'E004', 'local_time', tests.local_in(4), 'direction', 'in')
) as rows;

-- ------------------------------------------------------------ who may import
insert into tests.cases (actor, statement, expected, description)
select actor, format($$select public.import_punches('5a000000-0000-4000-8000-000000000001', 'f.csv', 'custom', 'valid_only', %L::jsonb, true)$$,
  (select rows from tests.file)), expected, description
from (values
  ('agent', '42501', 'an agent cannot import punches'),
  ('lead', '42501', 'nor a lead'),
  ('qa', '42501', 'nor QA'),
  ('analyst', '42501', 'nor an analyst'),
  ('display', '42501', 'nor a display'),
  ('anon', '42501', 'nor anyone signed out'),
  ('supervisor', '1', 'a supervisor may'),
  ('manager', '1', 'a manager may'),
  ('admin', '1', 'an admin may')
) as c (actor, expected, description);
select * from tests.check_cases();

-- ------------------------------------------------------------ the dry run
create table tests.preview as select tests.import('supervisor', (select rows from tests.file), dry_run => true) as r;
select is(
  (select r -> 'problems' from tests.preview),
  '[{"line": 5, "value": "E999", "reason": "unknown_employee"},
    {"line": 6, "value": "2026-02-30 09:00:00", "reason": "bad_time"},
    {"line": 7, "value": "", "reason": "missing_employee_no"},
    {"line": 8, "value": "sideways", "reason": "unknown_state"}]'::jsonb
    || jsonb_build_array(jsonb_build_object('line', 9, 'value', tests.local_in(60), 'reason', 'future_time')),
  'the dry run names each bad row with its line and reason: unknown number, no such date, no number, unknown state, an hour ahead');
select is(
  (select jsonb_build_object('rows', r -> 'rows', 'valid', r -> 'valid', 'dup', r -> 'duplicate_in_file',
    'stored_before', r -> 'already_stored', 'stored', r -> 'stored', 'batch', r -> 'batch_id', 'agents', r -> 'agents')
   from tests.preview),
  '{"rows": 12, "valid": 4, "dup": 1, "stored_before": 2, "stored": 0, "batch": null, "agents": 3}'::jsonb,
  'it counts the repeat of line 2 and the two punches agent01 already has (one of them voided) as duplicates, 4 rows of 3 agents to store');
select is((select count(*)::int from punches), (select n from tests.punches_before), 'and stores nothing');
select is((select count(*)::int from punch_imports), 0, 'not even a batch');

-- ------------------------------------------------------------ all or nothing
create table tests.refused as select tests.import('supervisor', (select rows from tests.file), 'all_or_nothing') as r;
select is((select (r ->> 'refused')::boolean from tests.refused), true, 'all-or-nothing with bad rows is refused');
select is((select jsonb_array_length(r -> 'problems') from tests.refused), 5, 'with the reasons');
select is((select count(*)::int from punches), (select n from tests.punches_before), 'and stores nothing');

-- ------------------------------------------------------------ valid rows only
create table tests.stored as select tests.import('supervisor', (select rows from tests.file)) as r;
select is((select (r ->> 'stored')::int from tests.stored), 4, 'valid_only stores the 4 good rows');
select is((select (r ->> 'refused')::boolean from tests.stored), false, 'and is not refused');
select is(
  (select array_agg(to_char(p.punched_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' ' || coalesce(p.direction::text, '-')
     order by p.punched_at, a.employee_no)
   from punches p join agents a on a.id = p.agent_id where p.import_batch = (select (r ->> 'batch_id')::uuid from tests.stored)),
  array['2026-11-02 00:59:12 in', '2026-11-02 01:07:00 -', '2026-11-02 10:01:00 out', to_char((now() + interval '4 minutes') at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' in'],
  'file times are Shanghai wall-clock times (08:59:12 is 00:59:12 UTC), seconds kept, a missing state stays null');
select ok(
  (select bool_and(p.source = 'terminal' and p.device_time = p.punched_at and p.device = 'ZK-01 2026-11.csv'
     and p.received_at = now() and p.created_by = tests.actor('supervisor') and not p.needs_review)
   from punches p where p.import_batch = (select (r ->> 'batch_id')::uuid from tests.stored)),
  'imported punches are terminal punches with the terminal''s time, the receipt time, the file and who imported');
select is(
  (select jsonb_build_object('file', b.file_name, 'layout', b.layout, 'mode', b.mode, 'sent', b.rows_sent, 'stored', b.stored,
     'dups', b.duplicates, 'rejected', b.rejected, 'by', b.made_by)
   from punch_imports b),
  jsonb_build_object('file', 'ZK-01 2026-11.csv', 'layout', 'ac_no_time_state', 'mode', 'valid_only', 'sent', 12, 'stored', 4,
    'dups', 3, 'rejected', 5, 'by', tests.actor('supervisor')),
  'the batch records the file, the layout, the mode, who, and what became of the rows');
select is((select count(*)::int from punches where agent_id = 'ac000000-0000-4000-8000-000000000101' and voided_at is null
    and punched_at in ('2026-11-02 08:55:00+08', '2026-11-02 18:00:00+08')), 1,
  'the voided punch is not brought back');

-- The same file again: all duplicates.
create table tests.again as select tests.import('supervisor', (select rows from tests.file)) as r;
select is((select (r ->> 'stored')::int from tests.again), 0, 'importing the same file again stores nothing');
select is((select (r ->> 'already_stored')::int from tests.again), 6, 'every good row is already stored');

-- ------------------------------------------------------------ chunks into one batch
create table tests.first_chunk as select tests.import('supervisor',
  '[{"line": 2, "employee_no": "E005", "local_time": "2026-11-03 09:00:00", "direction": "in"}]') as r;
create table tests.second_chunk as select tests.import('supervisor',
  '[{"line": 20002, "employee_no": "E005", "local_time": "2026-11-03 18:00:00", "direction": "out"}]',
  batch => (select (r ->> 'batch_id')::uuid from tests.first_chunk)) as r;
select is((select r ->> 'batch_id' from tests.second_chunk), (select r ->> 'batch_id' from tests.first_chunk),
  'a later chunk joins the first chunk''s batch');
select is((select stored from punch_imports where id = (select (r ->> 'batch_id')::uuid from tests.first_chunk)), 2,
  'whose counts add up');
select throws_ok(
  format($$select tests.import('manager', '[]', batch => %L)$$, (select r ->> 'batch_id' from tests.first_chunk)),
  'CB082', null, 'nobody adds to another person''s batch');
select throws_ok(
  $$select tests.import('supervisor', '[]', batch => 'b0000000-0000-4000-8000-00000000dead')$$,
  'CB082', null, 'nor to a batch that does not exist');

-- ------------------------------------------------------------ arguments
select throws_ok($$select tests.import('supervisor', '[]', 'some')$$, 'CB080', null, 'a mode is valid_only or all_or_nothing');
select throws_ok($$select tests.import('supervisor', '{"line": 1}')$$, 'CB080', null, 'rows are an array');
select throws_ok(
  $$select tests.rpc_as(tests.actor('supervisor'), $f$public.import_punches('5a000000-0000-4000-8000-000000000001', 'x.csv', 'zk', 'valid_only', '[]')$f$)$$,
  'CB080', null, 'a layout is a known one');
select throws_ok(
  $$select tests.rpc_as(tests.actor('supervisor'), $f$public.import_punches('5a000000-0000-4000-8000-000000000001', ' ', 'custom', 'valid_only', '[]')$f$)$$,
  'CB080', null, 'a file has a name');
select throws_ok(
  $$select tests.import('supervisor', (select jsonb_agg(jsonb_build_object('line', i)) from generate_series(1, 20001) i))$$,
  'CB081', null, 'at most 20,000 rows in one call');
select is(
  tests.import('supervisor', '[{"line": 1, "employee_no": "E006", "local_time": "2026-11-03 09:00", "direction": "in"}]',
    dry_run => true) ->> 'valid', '1', 'seconds may be left out');
select is(
  tests.import('supervisor', '[{"line": 1, "employee_no": "E006", "local_time": "2026-11-03 24:00:00", "direction": "in"},
    {"line": 2, "employee_no": "E006", "local_time": "2026-11-3 09:00:00", "direction": "in"},
    {"line": 3, "employee_no": "E006", "local_time": "2024-02-29 09:00:00", "direction": "in"},
    {"line": 4, "employee_no": "E006", "local_time": null, "direction": "in"}]',
    dry_run => true) -> 'problems',
  '[{"line": 1, "value": "2026-11-03 24:00:00", "reason": "bad_time"}, {"line": 2, "value": "2026-11-3 09:00:00", "reason": "bad_time"},
    {"line": 4, "value": "", "reason": "bad_time"}]'::jsonb,
  'an hour 24, an unpadded day and no time are bad; 29 February of a leap year is not');
select is(tests.outcome(tests.actor('supervisor'), $$select public.import_punches('5b000000-0000-4000-8000-000000000002', 'f.csv', 'custom', 'valid_only', '[]', true)$$),
  'error 42501', 'a supervisor imports into their own site only');

-- ------------------------------------------------------------ locked months
insert into attendance_month_locks (site_id, month) values ('5a000000-0000-4000-8000-000000000001', '2026-10-01');
select is(
  tests.import('supervisor', '[{"line": 7, "employee_no": "E007", "local_time": "2026-10-30 09:00:00", "direction": "in"},
    {"line": 8, "employee_no": "E007", "local_time": "2026-11-01 00:30:00", "direction": "out"}]') -> 'problems',
  '[{"line": 7, "value": "2026-10-30 09:00:00", "reason": "month_locked"}]'::jsonb,
  'a supervisor''s row in a locked month is refused (the next month''s is not)');
select is(tests.import('manager', '[{"line": 7, "employee_no": "E007", "local_time": "2026-10-30 09:00:00", "direction": "in"}]') ->> 'stored',
  '1', 'a manager''s is stored');
select is(
  (select count(*)::int from attendance_corrections where action = 'locked_month_changed'
     and agent_id = 'ac000000-0000-4000-8000-000000000107' and made_by = tests.actor('manager')
     and reason = 'Punches imported from ZK-01 2026-11.csv'),
  1, 'and recorded as a change to a locked month');

-- ------------------------------------------------------------ reading imports
insert into tests.cases (actor, statement, expected, description) values
  ('supervisor', 'select * from punch_imports', '5', 'a supervisor reads the site''s imports'),
  ('manager', 'select * from punch_imports', '5', 'a manager too'),
  ('admin', 'select * from punch_imports', '5', 'an admin too'),
  ('lead', 'select * from punch_imports', '0', 'a lead does not'),
  ('agent', 'select * from punch_imports', '0', 'nor an agent'),
  ('display', 'select * from punch_imports', '0', 'nor a display'),
  ('anon', 'select * from punch_imports', '0', 'nor anyone signed out'),
  ('agent', 'select * from punches where import_batch is not null', '0', 'an agent reads no one else''s imported punches'),
  ('supervisor', $$insert into punch_imports (site_id, file_name, layout, mode) values ('5a000000-0000-4000-8000-000000000001', 'x', 'custom', 'valid_only')$$,
    '42501', 'nobody writes an import row but the function'),
  ('supervisor', 'update punch_imports set stored = 0', '0', 'or changes one'),
  ('admin', 'delete from punch_imports', '0', 'or removes one');
select * from tests.check_cases();

-- ------------------------------------------------------------ re-judging
-- A team of its own (the seed's schedules never meet it) with agent T801,
-- who works 9:00–18:00 on Tuesday 10 and Wednesday 11 November 2026
-- (published). Tuesday has only a check-in (the terminal's check-out was
-- not imported yet), Wednesday nothing: once closed, a missing punch and an
-- absence. The terminal's file then brings the missing punches.
insert into public.teams (id, site_id, name, kind)
values ('7c000000-0000-4000-8000-0000000000e1', '5a000000-0000-4000-8000-000000000001', 'Import test team', 'inbound');
insert into public.agents (id, site_id, team_id, display_name, employee_no) values
  ('cc000000-0000-4000-8000-0000000000e1', '5a000000-0000-4000-8000-000000000001', '7c000000-0000-4000-8000-0000000000e1',
   '导入测试员', 'T801');
insert into public.schedules (id, site_id, team_id, week_start, version)
values ('5c000000-0000-4000-8000-0000000000e1', '5a000000-0000-4000-8000-000000000001',
  '7c000000-0000-4000-8000-0000000000e1', '2026-11-09', 1);
insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
select '5a000000-0000-4000-8000-000000000001', '5c000000-0000-4000-8000-0000000000e1', 'cc000000-0000-4000-8000-0000000000e1',
  day::date, '09:00', '18:00'
from (values ('2026-11-10'), ('2026-11-11')) as s (day);
update public.schedules set status = 'published' where id = '5c000000-0000-4000-8000-0000000000e1';
insert into punches (site_id, agent_id, punched_at, direction, source) values
  ('5a000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-0000000000e1', '2026-11-10 08:57:00+08', 'in', 'web');
select public.close_attendance_days(now());
create function tests.t801(day date) returns text language sql as $$
  select d.status::text || ' ' || d.late_min || case when d.closed_at is null then ' open' else ' closed' end
  from public.attendance_days d where d.agent_id = 'cc000000-0000-4000-8000-0000000000e1' and d.work_date = day
$$;
select is(array[tests.t801('2026-11-10'), tests.t801('2026-11-11')], array['missing_punch 0 closed', 'absent 0 closed'],
  'before the import: a closed missing punch and a closed absence');

select is(tests.import('supervisor', '[
    {"line": 2, "employee_no": "T801", "local_time": "2026-11-10 18:01:40", "direction": "out"},
    {"line": 3, "employee_no": "T801", "local_time": "2026-11-11 09:20:00", "direction": "in"},
    {"line": 4, "employee_no": "T801", "local_time": "2026-11-11 18:00:05", "direction": "out"}]') ->> 'stored',
  '3', 'the terminal''s punches are stored');
select is(array[tests.t801('2026-11-10'), tests.t801('2026-11-11')], array['present 0 closed', 'late 20 closed'],
  'the closed days are judged again with them and stay closed');
select is(
  (select jsonb_agg(jsonb_build_object('day', c.work_date, 'before', c.before ->> 'status', 'after', c.after ->> 'status',
     'late', c.after -> 'late_min') order by c.work_date)
   from attendance_corrections c
   where c.agent_id = 'cc000000-0000-4000-8000-0000000000e1' and c.action = 'punches_imported'
     and c.reason = 'Punches imported from ZK-01 2026-11.csv' and c.made_by = tests.actor('supervisor')),
  '[{"day": "2026-11-10", "before": "missing_punch", "after": "present", "late": 0},
    {"day": "2026-11-11", "before": "absent", "after": "late", "late": 20}]'::jsonb,
  'each closed day the import changed has one audit row: punches_imported, who, why, before and after');
select is(
  (select count(*)::int from attendance_corrections c where c.action = 'punches_imported'
     and c.agent_id <> 'cc000000-0000-4000-8000-0000000000e1'),
  0, 'imports that changed no closed day leave no audit row');

select * from finish();
rollback;
