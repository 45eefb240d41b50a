-- Attendance corrections (issue 12): a supervisor fixes what a terminal got
-- wrong — adds a punch, moves one, voids one — or overrides a day's status,
-- and clears an override again. Every change keeps the original (a moved
-- punch is voided and replaced by a correction punch that points at it; a
-- cleared override stays with cleared_at) and writes one row to
-- attendance_corrections: who, when, before, after, why. The days it
-- touches are then re-judged through app.rejudge_audited (the engine's
-- audited path), which adds a `day_rejudged` row for every closed day whose
-- result changed, linked to the punch or override that caused it.
--
-- Who: the site's supervisors, managers and admins. Leads read their team's
-- attendance but do not correct it: results feed pay, so the person who
-- manages a team's day-to-day does not also edit its record (a lead asks a
-- supervisor, who is recorded). Every change also passes
-- app.require_month_open (a locked month: managers only, recorded).
--
-- Codes: CB072 a correction that cannot be made as asked (no reason, a
-- punch in the future or already voided, a second live punch at the same
-- instant, an override to `open`, an override already cleared).

-- ---------------------------------------------------------------- helpers

-- The work date a punch at `moment` counts for: the day of the agent's
-- published shift whose check-in/check-out window (per the policy in force
-- on that day) holds it, the one it is inside or nearest to; else the site-local date
-- of the moment. Used for the month-lock guard, the audit row and the day
-- page; the engine makes the binding attribution when it judges.
create function app.correction_work_date(agent_id uuid, moment timestamptz) returns date
language sql stable security definer
set search_path = ''
as $$
  select coalesce(
    (
      select sh.day
      from public.schedule_shifts sh
      join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
      cross join lateral (
        select p.check_in_window_min, p.check_out_window_min
        from public.attendance_policies p
        where p.site_id = sh.site_id and p.effective_from <= sh.day
        order by p.effective_from desc limit 1
      ) pol
      where sh.agent_id = correction_work_date.agent_id
        and sh.start_ts <= moment + make_interval(mins => pol.check_in_window_min + 2880)
        and sh.start_ts >= moment - interval '3 days'
        and moment >= sh.start_ts - make_interval(mins => pol.check_in_window_min)
        and moment <= sh.end_ts + make_interval(mins => pol.check_out_window_min)
      -- The engine's rule: inside a shift first, else the nearest start or end.
      order by case when moment between sh.start_ts and sh.end_ts then 0
        else least(abs(extract(epoch from moment - sh.start_ts)), abs(extract(epoch from moment - sh.end_ts))) end,
        sh.start_ts
      limit 1
    ),
    (select app.site_today(a.site_id, moment) from public.agents a where a.id = correction_work_date.agent_id)
  )
$$;
revoke execute on function app.correction_work_date(uuid, timestamptz) from public, anon, authenticated;
grant execute on function app.correction_work_date(uuid, timestamptz) to authenticated, service_role;

-- A judged day's result as the audit keeps it.
create function app.attendance_day_result(day public.attendance_days) returns jsonb
language sql immutable
set search_path = ''
as $$
  select case when day.id is null then null else jsonb_build_object(
    'status', day.status, 'tier', day.tier, 'deduction', day.deduction,
    'late_min', day.late_min, 'early_min', day.early_min, 'worked_min', day.worked_min,
    'first_in', day.first_in, 'last_out', day.last_out, 'closed', day.closed_at is not null
  ) end
$$;
revoke execute on function app.attendance_day_result(public.attendance_days) from public, anon, authenticated;

-- A punch as the audit keeps it.
create function app.punch_record(punch public.punches) returns jsonb
language sql immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', punch.id, 'punched_at', punch.punched_at, 'direction', punch.direction, 'source', punch.source,
    'device', punch.device, 'replaces', punch.replaces, 'voided', punch.voided_at is not null
  )
$$;
revoke execute on function app.punch_record(public.punches) from public, anon, authenticated;

-- Raises 42501 unless the caller corrects attendance at the site.
create function app.require_attendance_corrector(site_id uuid) returns void
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not app.has_site_role(require_attendance_corrector.site_id, '{supervisor,manager,admin}') then
    raise exception 'only the site''s supervisors, managers and admins correct attendance' using errcode = '42501';
  end if;
end;
$$;
revoke execute on function app.require_attendance_corrector(uuid) from public, anon, authenticated;

-- The reason a person gave, trimmed; CB072 when there is none or it is too long.
create function app.correction_reason(reason text) returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  if reason is null or length(btrim(reason)) not between 1 and 1000 then
    raise exception 'say why (1 to 1000 characters)' using errcode = 'CB072';
  end if;
  return btrim(reason);
end;
$$;
revoke execute on function app.correction_reason(text) from public, anon, authenticated;

-- Passes the month-lock guard for each month among the days, once per month.
create function app.require_months_open(site_id uuid, days date[], agent_id uuid, reason text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  d date;
begin
  for d in
    select min(x) from unnest(days) as x where x is not null group by app.month_of(x) order by 1
  loop
    perform app.require_month_open(require_months_open.site_id, d, require_months_open.agent_id, reason);
  end loop;
end;
$$;
revoke execute on function app.require_months_open(uuid, date[], uuid, text) from public, anon, authenticated;

-- Re-judges an agent's days from the day before the earliest touched date
-- (a night shift started then may own the punch) to the latest.
create function app.rejudge_touched(site_id uuid, agent_id uuid, days date[], reason text,
  punch_id uuid default null, override_id uuid default null, appeal_id uuid default null) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  first_day date := (select min(x) from unnest(days) as x);
  last_day date := (select max(x) from unnest(days) as x);
begin
  perform app.rejudge_audited(rejudge_touched.site_id, rejudge_touched.agent_id, first_day - 1, last_day,
    'day_rejudged', reason, punch_id => rejudge_touched.punch_id, override_id => rejudge_touched.override_id,
    appeal_id => rejudge_touched.appeal_id);
end;
$$;
revoke execute on function app.rejudge_touched(uuid, uuid, date[], text, uuid, uuid, uuid) from public, anon, authenticated;

-- ---------------------------------------------------------------- punches

create function public.add_punch(agent_id uuid, punched_at timestamptz, direction public.punch_direction, reason text)
returns public.punches
language plpgsql
security definer
set search_path = ''
as $$
declare
  agent_row public.agents;
  why text;
  work_date date;
  added public.punches;
begin
  select * into agent_row from public.agents a where a.id = add_punch.agent_id;
  if not found or not app.has_site_role(agent_row.site_id, '{supervisor,manager,admin}') then
    raise exception 'only the site''s supervisors, managers and admins correct attendance' using errcode = '42501';
  end if;
  why := app.correction_reason(reason);
  if punched_at is null or punched_at > now() then
    raise exception 'a punch is added at a moment that has passed' using errcode = 'CB072';
  end if;
  if exists (select 1 from public.punches p
             where p.agent_id = add_punch.agent_id and p.punched_at = add_punch.punched_at and p.voided_at is null) then
    raise exception 'the agent already has a punch at %', punched_at using errcode = 'CB072';
  end if;
  work_date := app.correction_work_date(add_punch.agent_id, add_punch.punched_at);
  perform app.require_month_open(agent_row.site_id, work_date, agent_row.id, why);

  insert into public.punches (site_id, agent_id, punched_at, direction, source, received_at)
  values (agent_row.site_id, agent_row.id, add_punch.punched_at, add_punch.direction, 'correction', now())
  returning * into added;
  insert into public.attendance_corrections (site_id, agent_id, work_date, action, punch_id, before, after, reason)
  values (agent_row.site_id, agent_row.id, work_date, 'punch_added', added.id, null, app.punch_record(added), why);
  perform app.rejudge_touched(agent_row.site_id, agent_row.id, array[work_date], why, punch_id => added.id);
  return added;
end;
$$;
comment on function public.add_punch(uuid, timestamptz, public.punch_direction, text) is
  'Adds a correction punch (source correction) with a reason; audited as punch_added, the touched days re-judged (app.rejudge_audited). Supervisors, managers and admins; a locked month only by a manager (recorded). CB072: no reason, a future moment, a punch already at that instant.';
revoke execute on function public.add_punch(uuid, timestamptz, public.punch_direction, text) from public, anon, authenticated;
grant execute on function public.add_punch(uuid, timestamptz, public.punch_direction, text) to authenticated;

-- Locks and returns a live punch the caller may correct.
create function app.correctable_punch(punch_id uuid) returns public.punches
language plpgsql security definer
set search_path = ''
as $$
declare
  found_punch public.punches;
begin
  select * into found_punch from public.punches p where p.id = correctable_punch.punch_id for update;
  if not found or not app.has_site_role(found_punch.site_id, '{supervisor,manager,admin}') then
    raise exception 'only the site''s supervisors, managers and admins correct attendance' using errcode = '42501';
  end if;
  if found_punch.voided_at is not null then
    raise exception 'the punch was already voided at %', found_punch.voided_at using errcode = 'CB072';
  end if;
  return found_punch;
end;
$$;
revoke execute on function app.correctable_punch(uuid) from public, anon, authenticated;

create function public.move_punch(punch_id uuid, punched_at timestamptz, reason text)
returns public.punches
language plpgsql
security definer
set search_path = ''
as $$
declare
  original public.punches;
  replacement public.punches;
  why text;
  old_date date;
  new_date date;
begin
  original := app.correctable_punch(move_punch.punch_id);
  why := app.correction_reason(reason);
  if punched_at is null or punched_at > now() then
    raise exception 'a punch is moved to a moment that has passed' using errcode = 'CB072';
  end if;
  if punched_at = original.punched_at then
    raise exception 'the punch is already at %', punched_at using errcode = 'CB072';
  end if;
  if exists (select 1 from public.punches p
             where p.agent_id = original.agent_id and p.punched_at = move_punch.punched_at and p.voided_at is null) then
    raise exception 'the agent already has a punch at %', punched_at using errcode = 'CB072';
  end if;
  old_date := app.correction_work_date(original.agent_id, original.punched_at);
  new_date := app.correction_work_date(original.agent_id, move_punch.punched_at);
  perform app.require_months_open(original.site_id, array[old_date, new_date], original.agent_id, why);

  -- The original stays, voided, and the replacement names it.
  update public.punches p
  set voided_at = now(), voided_by = (select auth.uid()), void_reason = why
  where p.id = original.id
  returning * into original;
  insert into public.punches (site_id, agent_id, punched_at, direction, source, received_at, replaces)
  values (original.site_id, original.agent_id, move_punch.punched_at, original.direction, 'correction', now(), original.id)
  returning * into replacement;
  insert into public.attendance_corrections (site_id, agent_id, work_date, action, punch_id, before, after, reason)
  values (original.site_id, original.agent_id, new_date, 'punch_moved', replacement.id,
    app.punch_record(original) - 'voided', app.punch_record(replacement), why);
  perform app.rejudge_touched(original.site_id, original.agent_id, array[old_date, new_date], why,
    punch_id => replacement.id);
  return replacement;
end;
$$;
comment on function public.move_punch(uuid, timestamptz, text) is
  'Moves a punch to another moment: the original is voided (kept) and a correction punch replaces it (replaces = the original). Audited as punch_moved (before: the original, after: the replacement); the touched days re-judged. Supervisors, managers and admins. CB072: no reason, already voided, a future moment, the same moment, an instant taken.';
revoke execute on function public.move_punch(uuid, timestamptz, text) from public, anon, authenticated;
grant execute on function public.move_punch(uuid, timestamptz, text) to authenticated;

create function public.void_punch(punch_id uuid, reason text)
returns public.punches
language plpgsql
security definer
set search_path = ''
as $$
declare
  original public.punches;
  voided public.punches;
  why text;
  work_date date;
begin
  original := app.correctable_punch(void_punch.punch_id);
  why := app.correction_reason(reason);
  work_date := app.correction_work_date(original.agent_id, original.punched_at);
  perform app.require_month_open(original.site_id, work_date, original.agent_id, why);

  update public.punches p
  set voided_at = now(), voided_by = (select auth.uid()), void_reason = why
  where p.id = original.id
  returning * into voided;
  insert into public.attendance_corrections (site_id, agent_id, work_date, action, punch_id, before, after, reason)
  values (original.site_id, original.agent_id, work_date, 'punch_voided', original.id,
    app.punch_record(original), app.punch_record(voided), why);
  perform app.rejudge_touched(original.site_id, original.agent_id, array[work_date], why, punch_id => original.id);
  return voided;
end;
$$;
comment on function public.void_punch(uuid, text) is
  'Voids a punch (kept with who, when and why; the engine no longer counts it). Audited as punch_voided; the touched days re-judged. Supervisors, managers and admins. CB072: no reason, already voided.';
revoke execute on function public.void_punch(uuid, text) from public, anon, authenticated;
grant execute on function public.void_punch(uuid, text) to authenticated;

-- ---------------------------------------------------------------- overrides

-- Places an override on a judged day, clearing any earlier one still in
-- force on it (an override replaces the last, it does not stack: clearing
-- it returns the day to the engine's own result). The caller has checked
-- the role and the month; returns the new override's id.
create function app.place_override(day public.attendance_days, status public.attendance_status,
  deduction numeric, reason text, appeal_id uuid default null) returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  new_id uuid;
begin
  if status is null or status = 'open' then
    raise exception 'a day is overridden with a final status, not %', coalesce(status::text, 'none') using errcode = 'CB072';
  end if;
  if deduction is not null and deduction < 0 then
    raise exception 'a deduction cannot be negative' using errcode = 'CB072';
  end if;
  update public.attendance_overrides o
  set cleared_at = now(), cleared_by = (select auth.uid())
  where o.agent_id = day.agent_id and o.work_date = day.work_date and o.shift_id is not distinct from day.shift_id
    and o.cleared_at is null;
  insert into public.attendance_overrides (site_id, agent_id, work_date, shift_id, status, deduction, reason, appeal_id)
  values (day.site_id, day.agent_id, day.work_date, day.shift_id, place_override.status, place_override.deduction,
    reason, place_override.appeal_id)
  returning id into new_id;
  return new_id;
end;
$$;
revoke execute on function app.place_override(public.attendance_days, public.attendance_status, numeric, text, uuid)
  from public, anon, authenticated;

create function public.override_attendance_day(day_id uuid, status public.attendance_status, deduction numeric, reason text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  day_row public.attendance_days;
  why text;
  replaced public.attendance_overrides;
  new_id uuid;
begin
  select * into day_row from public.attendance_days d where d.id = override_attendance_day.day_id for update;
  if not found or not app.has_site_role(day_row.site_id, '{supervisor,manager,admin}') then
    raise exception 'only the site''s supervisors, managers and admins correct attendance' using errcode = '42501';
  end if;
  why := app.correction_reason(reason);
  perform app.require_month_open(day_row.site_id, day_row.work_date, day_row.agent_id, why);
  select * into replaced from public.attendance_overrides o
  where o.agent_id = day_row.agent_id and o.work_date = day_row.work_date
    and o.shift_id is not distinct from day_row.shift_id and o.cleared_at is null
  order by o.made_at desc limit 1;

  new_id := app.place_override(day_row, override_attendance_day.status, override_attendance_day.deduction, why);
  insert into public.attendance_corrections (site_id, agent_id, work_date, action, override_id, before, after, reason)
  values (day_row.site_id, day_row.agent_id, day_row.work_date, 'status_overridden', new_id,
    app.attendance_day_result(day_row) || case when replaced.id is null then '{}'::jsonb
      else jsonb_build_object('replaced_override', replaced.id) end,
    jsonb_build_object('status', override_attendance_day.status, 'deduction', override_attendance_day.deduction),
    why);
  perform app.rejudge_touched(day_row.site_id, day_row.agent_id, array[day_row.work_date], why, override_id => new_id);
  return new_id;
end;
$$;
comment on function public.override_attendance_day(uuid, public.attendance_status, numeric, text) is
  'Overrides a judged day''s status (deduction null = the policy''s for that status) with a reason, replacing any override in force. Audited as status_overridden (before: the day''s result); the day re-judged. Supervisors, managers and admins. CB072: no reason, status open, negative deduction.';
revoke execute on function public.override_attendance_day(uuid, public.attendance_status, numeric, text) from public, anon, authenticated;
grant execute on function public.override_attendance_day(uuid, public.attendance_status, numeric, text) to authenticated;

create function public.clear_attendance_override(override_id uuid, reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  found_override public.attendance_overrides;
  why text;
begin
  select * into found_override from public.attendance_overrides o
  where o.id = clear_attendance_override.override_id for update;
  if not found or not app.has_site_role(found_override.site_id, '{supervisor,manager,admin}') then
    raise exception 'only the site''s supervisors, managers and admins correct attendance' using errcode = '42501';
  end if;
  if found_override.cleared_at is not null then
    raise exception 'the override was already cleared at %', found_override.cleared_at using errcode = 'CB072';
  end if;
  why := app.correction_reason(reason);
  perform app.require_month_open(found_override.site_id, found_override.work_date, found_override.agent_id, why);

  update public.attendance_overrides o set cleared_at = now(), cleared_by = (select auth.uid())
  where o.id = found_override.id;
  insert into public.attendance_corrections (site_id, agent_id, work_date, action, override_id, appeal_id, before, after, reason)
  values (found_override.site_id, found_override.agent_id, found_override.work_date, 'override_cleared',
    found_override.id, found_override.appeal_id,
    jsonb_build_object('status', found_override.status, 'deduction', found_override.deduction, 'cleared', false),
    jsonb_build_object('status', found_override.status, 'deduction', found_override.deduction, 'cleared', true),
    why);
  perform app.rejudge_touched(found_override.site_id, found_override.agent_id, array[found_override.work_date], why,
    override_id => found_override.id);
end;
$$;
comment on function public.clear_attendance_override(uuid, text) is
  'Clears an override with a reason (kept, with cleared_at): the day returns to the engine''s result. Audited as override_cleared; the day re-judged. Supervisors, managers and admins. CB072: no reason, already cleared.';
revoke execute on function public.clear_attendance_override(uuid, text) from public, anon, authenticated;
grant execute on function public.clear_attendance_override(uuid, text) to authenticated;

-- ---------------------------------------------------------------- the day page

-- The punches an agent's work date is judged from, voided ones too (the day
-- page shows what was corrected): those app.correction_work_date gives to
-- that date. Readers of the agent's attendance only (the punches' RLS).
create function public.attendance_day_punches(agent_id uuid, work_date date)
returns setof public.punches
language sql stable
set search_path = ''
as $$
  select p.*
  from public.punches p
  where p.agent_id = attendance_day_punches.agent_id
    -- Wide enough for any time zone and a night shift; the work date decides.
    and p.punched_at >= (attendance_day_punches.work_date - 2)::timestamp at time zone 'UTC'
    and p.punched_at < (attendance_day_punches.work_date + 4)::timestamp at time zone 'UTC'
    and app.correction_work_date(p.agent_id, p.punched_at) = attendance_day_punches.work_date
  order by p.punched_at, p.voided_at nulls last
$$;
comment on function public.attendance_day_punches(uuid, date) is
  'The punches (voided ones too) that count for an agent''s work date: in the check-in/out window of a published shift that day, or that site-local day when no shift holds them. Security invoker: RLS on punches decides.';
revoke execute on function public.attendance_day_punches(uuid, date) from public, anon, authenticated;
grant execute on function public.attendance_day_punches(uuid, date) to authenticated;

-- The audit trail of an agent's work date for the day page: every
-- correction, answer, re-judge and locked-month change recorded on it,
-- oldest first, with the name of who made it (an agent's display name at
-- the site, else the login's). Readers of the agent's attendance only.
create function public.attendance_day_audit(agent_id uuid, work_date date)
returns table (
  id uuid,
  action text,
  punch_id uuid,
  override_id uuid,
  appeal_id uuid,
  before jsonb,
  after jsonb,
  reason text,
  made_by uuid,
  made_by_name text,
  made_at timestamptz
)
language plpgsql stable
security definer
set search_path = ''
as $$
begin
  if not app.can_read_attendance(attendance_day_audit.agent_id) then
    raise exception 'you cannot read this agent''s attendance' using errcode = '42501';
  end if;
  return query
    select c.id, c.action, c.punch_id, c.override_id, c.appeal_id, c.before, c.after, c.reason, c.made_by,
      coalesce(a.display_name, nullif(btrim(u.raw_user_meta_data ->> 'display_name'), ''), u.email::text),
      c.made_at
    from public.attendance_corrections c
    left join auth.users u on u.id = c.made_by
    left join public.agents a on a.user_id = c.made_by and a.site_id = c.site_id
    where c.agent_id = attendance_day_audit.agent_id and c.work_date = attendance_day_audit.work_date
    -- One change writes its rows at one made_at: the lock note, the change, then what it re-judged.
    order by c.made_at, case c.action when 'locked_month_changed' then 0 when 'day_rejudged' then 2 else 1 end, c.id;
end;
$$;
comment on function public.attendance_day_audit(uuid, date) is
  'The audit trail of an agent''s work date (attendance_corrections), oldest first, with who made each change by name. Readers of the agent''s attendance (app.can_read_attendance); 42501 for others.';
revoke execute on function public.attendance_day_audit(uuid, date) from public, anon, authenticated;
grant execute on function public.attendance_day_audit(uuid, date) to authenticated;
