-- Terminal import (issue 12): punches from face-terminal exports (CSV/XLSX),
-- read in the browser (src/lib/attendance/import/) and sent here as rows of
-- {line, employee_no, local_time 'YYYY-MM-DD HH:MM:SS' site-local, direction}.
--
-- public.import_punches checks every row again (the browser's reading is a
-- convenience, not a guarantee), stores the good ones as source 'terminal'
-- punches of one import batch (public.punch_imports), reports each row it
-- did not store with the line number the person sees. The engine's
-- statement trigger on punches judges the open days of every imported agent
-- in one go; an agent with closed days in the range is re-judged once more
-- through app.rejudge_audited(..., 'punches_imported', ...), so each closed
-- day that changes is audited.
--
-- * Nothing is stored until the person confirms: the preview calls it with
--   dry_run => true and gets the same report without any change.
-- * mode 'valid_only' stores the good rows and skips the rest;
--   'all_or_nothing' stores nothing (refused: true) if any row has a problem.
--   A file of more than one call's rows (20,000) is sent in chunks into one
--   batch (batch_id); each chunk is all-or-nothing by itself, and the
--   browser stores the chunks only after a dry run of all of them found no
--   problem.
-- * Problems: unknown_employee (no agent of the site has that number),
--   missing_employee_no, bad_time (not a real date and time), future_time
--   (more than 5 minutes after now: a terminal clock far ahead), unknown_state
--   (a direction other than in/out), month_locked (a locked month; only
--   managers and admins may add to one, and that is recorded by
--   app.require_month_open).
-- * Skipped and counted, not problems: a row repeating an earlier row of the
--   same call (same agent, same second: duplicate_in_file) and a row whose
--   agent already has a punch at that second (already_stored) — voided
--   punches count too, so importing the same file again after a supervisor
--   voided a faulty punch does not bring the punch back.
-- * Times are site-local wall-clock times (terminals know no time zone) and
--   become instants in the site's zone. A local time that a DST change
--   skips or repeats is read the way PostgreSQL reads it (the skipped hour
--   shifted forward, the repeated hour as standard time); sites in China
--   have no DST.
--
-- Codes: CB080 an argument that is no such thing (mode, layout, rows not an
-- array, file name); CB081 more rows in one call than 20,000; CB082 a batch
-- to add to that does not exist, is another site's or someone else's.

create table public.punch_imports (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  file_name text not null constraint punch_imports_file_name_length check (length(btrim(file_name)) between 1 and 255),
  layout text not null constraint punch_imports_layout_known check (layout in ('ac_no_time_state', 'id_date_time', 'custom')),
  mode text not null constraint punch_imports_mode_known check (mode in ('valid_only', 'all_or_nothing')),
  -- Rows the database was sent (the browser leaves out lines it could not read and repeats).
  rows_sent integer not null default 0,
  stored integer not null default 0,
  duplicates integer not null default 0,
  rejected integer not null default 0,
  first_punch timestamptz,
  last_punch timestamptz,
  made_by uuid default auth.uid(),
  made_at timestamptz not null default now()
);
alter table public.punch_imports enable row level security;
create index punch_imports_site_id_made_at_idx on public.punch_imports (site_id, made_at);
comment on table public.punch_imports is
  'One import of a terminal export: who, when, which file and what became of its rows; its punches point at it (punches.import_batch).';

create policy "the site's supervisors, managers and admins read its imports" on public.punch_imports
  for select to authenticated using (app.has_site_role(site_id, '{supervisor,manager,admin}'));
grant select on public.punch_imports to authenticated;
grant select, insert, update, delete on public.punch_imports to service_role;

-- punches.import_batch names its batch without a foreign key: the import
-- is its only writer, and a key checked per row would cost a lookup for each
-- of a file's 100,000 punches. The batch row is written after its punches,
-- whose counts it sums.
create index punches_import_batch_idx on public.punches (import_batch) where import_batch is not null;

create function public.import_punches(
  site_id uuid,
  file_name text,
  layout text,
  mode text,
  rows jsonb,
  dry_run boolean default false,
  batch_id uuid default null
) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  tz text;
  locked date[];
  may_change_locked boolean;
  batch uuid := coalesce(import_punches.batch_id, gen_random_uuid());
  report jsonb;
  ranges jsonb;
  r record;
  reason text := format('Punches imported from %s', left(btrim(coalesce(import_punches.file_name, '')), 200));
begin
  if not (app.has_site_role(import_punches.site_id, '{supervisor,manager,admin}') or app.is_server_caller()) then
    raise exception 'only the site''s supervisors, managers and admins import punches' using errcode = '42501';
  end if;
  select s.time_zone into tz from public.sites s where s.id = import_punches.site_id;
  if import_punches.mode is null or import_punches.mode not in ('valid_only', 'all_or_nothing') then
    raise exception 'mode is valid_only or all_or_nothing, not %', coalesce(import_punches.mode, 'null') using errcode = 'CB080';
  end if;
  if import_punches.layout is null or import_punches.layout not in ('ac_no_time_state', 'id_date_time', 'custom') then
    raise exception 'layout is ac_no_time_state, id_date_time or custom, not %', coalesce(import_punches.layout, 'null')
      using errcode = 'CB080';
  end if;
  if length(btrim(coalesce(import_punches.file_name, ''))) not between 1 and 255 then
    raise exception 'a file name of 1 to 255 characters' using errcode = 'CB080';
  end if;
  if jsonb_typeof(import_punches.rows) is distinct from 'array' then
    raise exception 'rows is a JSON array of {line, employee_no, local_time, direction}' using errcode = 'CB080';
  end if;
  if jsonb_array_length(import_punches.rows) > 20000 then
    raise exception 'at most 20,000 rows in one call, not %', jsonb_array_length(import_punches.rows)
      using errcode = 'CB081', hint = 'Send the rest in further calls with the batch_id of the first.';
  end if;
  if import_punches.batch_id is not null and not exists (
    select 1 from public.punch_imports b
    where b.id = import_punches.batch_id and b.site_id = import_punches.site_id
      and b.made_by is not distinct from (select auth.uid())
  ) then
    raise exception 'no import % of yours at this site to add rows to', import_punches.batch_id using errcode = 'CB082';
  end if;

  locked := array(select l.month from public.attendance_month_locks l where l.site_id = import_punches.site_id);
  may_change_locked := app.has_site_role(import_punches.site_id, '{manager,admin}') or app.is_server_caller();

  -- A time is 'YYYY-MM-DD HH:MM[:SS]', checked by its shape and then field
  -- by field rather than by a cast, so one bad row costs no exception (a
  -- subtransaction per row would slow 100,000 rows), and with translate()
  -- and substr() rather than a regular expression, which costs ten times as
  -- much on PGlite. OFFSET 0 keeps each lateral step from being inlined into
  -- its users, which would evaluate it again for every reference. CASE, not
  -- AND: make_date must only see a month that exists.
  with classified as materialized (
    select x.line, e.employee_no, x.local_time, x.direction, t.local_ts, a.id as agent_id,
      t.local_ts at time zone tz as punched_at,
      case
        when e.employee_no is null then 'missing_employee_no'
        when a.id is null then 'unknown_employee'
        when t.local_ts is null then 'bad_time'
        when x.direction is not null and x.direction not in ('in', 'out') then 'unknown_state'
        when t.local_ts at time zone tz > now() + interval '5 minutes' then 'future_time'
        when not may_change_locked and date_trunc('month', t.local_ts)::date = any (locked) then 'month_locked'
      end as problem
    from jsonb_to_recordset(import_punches.rows) as x (line integer, employee_no text, local_time text, direction text)
    cross join lateral (
      select nullif(btrim(x.employee_no), '') as employee_no, btrim(x.local_time) as s offset 0
    ) e
    cross join lateral (
      select case when translate(e.s, '0123456789T', '9999999999 ') in ('9999-99-99 99:99:99', '9999-99-99 99:99')
        then array[substr(e.s, 1, 4)::int, substr(e.s, 6, 2)::int, substr(e.s, 9, 2)::int, substr(e.s, 12, 2)::int,
          substr(e.s, 15, 2)::int, coalesce(nullif(substr(e.s, 18, 2), '')::int, 0)]
      end as f
      offset 0
    ) f
    cross join lateral (
      select case
        when f.f is null then null
        when not (f.f[1] between 1970 and 2999 and f.f[2] between 1 and 12) then null
        when f.f[3] between 1 and extract(day from (make_date(f.f[1], f.f[2], 1) + interval '1 month - 1 day'))
          and f.f[4] <= 23 and f.f[5] <= 59 and f.f[6] <= 59
        then make_timestamp(f.f[1], f.f[2], f.f[3], f.f[4], f.f[5], f.f[6])
      end as local_ts
      offset 0
    ) t
    left join public.agents a on a.site_id = import_punches.site_id and a.employee_no = e.employee_no
  ),
  checked as materialized (
    select c.*,
      case
        when c.problem is not null then null
        when row_number() over (partition by c.agent_id, c.punched_at order by c.line) > 1 then 'duplicate_in_file'
        when exists (select 1 from public.punches p where p.agent_id = c.agent_id and p.punched_at = c.punched_at)
          then 'already_stored'
      end as skipped
    from classified c
  ),
  go as (
    select not import_punches.dry_run
      and (import_punches.mode = 'valid_only' or not exists (select 1 from checked where problem is not null)) as store
  ),
  ins as (
    insert into public.punches (site_id, agent_id, punched_at, direction, source, device, device_time, import_batch)
    select import_punches.site_id, c.agent_id, c.punched_at, c.direction::public.punch_direction, 'terminal',
      left(btrim(import_punches.file_name), 100), c.punched_at, batch
    from checked c
    where c.problem is null and c.skipped is null and (select store from go)
    on conflict (agent_id, punched_at) where voided_at is null do nothing
    returning agent_id, punched_at
  ),
  per_agent as (
    select i.agent_id, count(*) as n, min(i.punched_at) as first_at, max(i.punched_at) as last_at,
      array_agg(distinct date_trunc('month', i.punched_at at time zone tz)::date)
        filter (where date_trunc('month', i.punched_at at time zone tz)::date = any (locked)) as locked_months
    from ins i
    group by i.agent_id
  )
  select
    jsonb_build_object(
      'batch_id', case when (select store from go) then batch end,
      'dry_run', import_punches.dry_run,
      'mode', import_punches.mode,
      'refused', not import_punches.dry_run and not (select store from go),
      'rows', (select count(*) from checked),
      'valid', (select count(*) from checked where problem is null and skipped is null),
      'stored', coalesce((select sum(n) from per_agent), 0),
      'duplicate_in_file', (select count(*) from checked where skipped = 'duplicate_in_file'),
      'already_stored', (select count(*) from checked where skipped = 'already_stored'),
      'agents', (select count(distinct agent_id) from checked where problem is null and skipped is null),
      'first_punch', (select min(punched_at) from checked where problem is null and skipped is null),
      'last_punch', (select max(punched_at) from checked where problem is null and skipped is null),
      'problems', coalesce((
        select jsonb_agg(jsonb_build_object('line', c.line, 'reason', c.problem,
          'value', case when c.problem in ('missing_employee_no', 'unknown_employee') then coalesce(c.employee_no, '')
            when c.problem = 'unknown_state' then c.direction else coalesce(c.local_time, '') end)
          order by c.line)
        from checked c where c.problem is not null), '[]')
    ),
    coalesce((
      select jsonb_agg(jsonb_build_object('agent_id', p.agent_id, 'from', p.from_date, 'to', p.to_date,
        'locked_months', coalesce(to_jsonb(p.locked_months), '[]'),
        'closed', exists (select 1 from public.attendance_days d
          where d.agent_id = p.agent_id and d.work_date between p.from_date and p.to_date and d.closed_at is not null)))
      from (
        select pa.*, (pa.first_at at time zone tz)::date - 1 as from_date, (pa.last_at at time zone tz)::date + 1 as to_date
        from per_agent pa
      ) p), '[]')
  into report, ranges;

  if import_punches.dry_run or (report ->> 'refused')::boolean then
    return report;
  end if;

  -- The batch row, written after its punches, whose counts it sums.
  if import_punches.batch_id is null then
    insert into public.punch_imports (id, site_id, file_name, layout, mode)
    values (batch, import_punches.site_id, btrim(import_punches.file_name), import_punches.layout, import_punches.mode);
  end if;
  update public.punch_imports b set
    rows_sent = b.rows_sent + (report ->> 'rows')::integer,
    stored = b.stored + (report ->> 'stored')::integer,
    duplicates = b.duplicates + (report ->> 'duplicate_in_file')::integer + (report ->> 'already_stored')::integer
      + (report ->> 'valid')::integer - (report ->> 'stored')::integer,
    rejected = b.rejected + jsonb_array_length(report -> 'problems'),
    first_punch = least(b.first_punch, (report ->> 'first_punch')::timestamptz),
    last_punch = greatest(b.last_punch, (report ->> 'last_punch')::timestamptz)
  where b.id = batch;

  -- Once per agent: a manager's change to a locked month is recorded; the
  -- insert's own trigger (the engine's) has judged the open days from the
  -- day before the first punch (a night shift that began then) to the day
  -- after the last, and closed days there are judged again here, audited.
  for r in
    select (e ->> 'agent_id')::uuid as agent_id, (e ->> 'from')::date as from_date, (e ->> 'to')::date as to_date,
      e -> 'locked_months' as locked_months, (e ->> 'closed')::boolean as closed
    from jsonb_array_elements(ranges) e
  loop
    perform app.require_month_open(import_punches.site_id, m.month::date, r.agent_id, reason)
    from jsonb_array_elements_text(r.locked_months) as m (month);
    if r.closed then
      perform app.rejudge_audited(import_punches.site_id, r.agent_id, r.from_date, r.to_date, 'punches_imported', reason);
    end if;
  end loop;
  return report;
end;
$$;
comment on function public.import_punches(uuid, text, text, text, jsonb, boolean, uuid) is
  'Checks and stores rows of a terminal export as terminal punches of one batch (supervisors, managers, admins); dry_run reports without storing; re-judges each agent once (punches_imported).';
revoke execute on function public.import_punches(uuid, text, text, text, jsonb, boolean, uuid) from public, anon;
grant execute on function public.import_punches(uuid, text, text, text, jsonb, boolean, uuid) to authenticated, service_role;
