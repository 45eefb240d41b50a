-- Attendance month locks (issue 12): a month is locked after payroll, and
-- from then on its days change only by a manager (or admin), recorded.
--
-- * app.require_month_open(site_id, day, agent_id, reason) is the guard every
--   writer of attendance calls before changing a day of `day`'s month
--   (punches added, moved, voided or imported, overrides, appeals answered,
--   requests approved or cancelled). An open month: returns false, records
--   nothing. A locked month: refuses everyone (CB070) but the site's
--   managers and admins, and the server itself (service_role, or the owner
--   running the seed or maintenance, who have no user); for them it writes a
--   `locked_month_changed` row to attendance_corrections (who, when, the
--   lock, the reason given) and returns true. Call it once per changed day
--   (or once per month for a range: the row names the first day).
-- * public.lock_attendance_month(site_id, month, reason) and
--   public.unlock_attendance_month(site_id, month, reason): managers and
--   admins; both audited (month_locked / month_unlocked). A month not yet
--   begun cannot be locked (it would only block the engine's inputs), a
--   locked month is not locked twice, an open one not unlocked (CB071).
--
-- Codes: CB070 the month is locked; CB071 the month cannot be locked or
-- unlocked as asked.

-- The first day of the month a day falls in.
create function app.month_of(day date) returns date
language sql immutable
set search_path = ''
as $$
  select date_trunc('month', day)::date
$$;
revoke execute on function app.month_of(date) from public, anon, authenticated;
grant execute on function app.month_of(date) to authenticated, service_role;

-- Whether the caller is the server itself rather than a person: the
-- service_role key, or the database owner with no API role (seed,
-- migrations, maintenance jobs).
create function app.is_server_caller() returns boolean
language sql stable
set search_path = ''
as $$
  select (select auth.uid()) is null
    and coalesce((select auth.role()), 'service_role') = 'service_role'
$$;
revoke execute on function app.is_server_caller() from public, anon, authenticated;
grant execute on function app.is_server_caller() to authenticated, service_role;

create function app.require_month_open(site_id uuid, day date, agent_id uuid default null, reason text default null)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  lock_row public.attendance_month_locks;
begin
  select * into lock_row from public.attendance_month_locks l
  where l.site_id = require_month_open.site_id and l.month = app.month_of(require_month_open.day);
  if not found then
    return false;
  end if;
  if not (app.has_site_role(require_month_open.site_id, '{manager,admin}') or app.is_server_caller()) then
    raise exception 'attendance for % is locked', to_char(lock_row.month, 'YYYY-MM')
      using errcode = 'CB070',
        detail = format('The month was locked at %s; only a manager can change its days.', lock_row.locked_at),
        hint = 'Ask a manager to make the change (it is recorded) or to unlock the month.';
  end if;
  insert into public.attendance_corrections (site_id, agent_id, work_date, action, before, after, reason)
  values (
    require_month_open.site_id, require_month_open.agent_id, require_month_open.day, 'locked_month_changed',
    jsonb_build_object('month', lock_row.month, 'locked_at', lock_row.locked_at, 'locked_by', lock_row.locked_by),
    null,
    coalesce(nullif(btrim(left(require_month_open.reason, 1000)), ''), 'A change to a locked month')
  );
  return true;
end;
$$;
comment on function app.require_month_open(uuid, date, uuid, text) is
  'The guard every writer of attendance calls before changing a day: false for an open month; for a locked month CB070 unless the caller is a manager/admin of the site (or the server), whose change is then recorded as locked_month_changed (true).';
revoke execute on function app.require_month_open(uuid, date, uuid, text) from public, anon, authenticated;
grant execute on function app.require_month_open(uuid, date, uuid, text) to authenticated, service_role;

-- ---------------------------------------------------------------- lock and unlock

create function public.lock_attendance_month(site_id uuid, month date, reason text default null)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  first_day date := app.month_of(lock_attendance_month.month);
  today date;
begin
  if site_id is null or month is null then
    raise exception 'a month lock needs a site and a month' using errcode = 'CB071';
  end if;
  if not app.has_site_role(lock_attendance_month.site_id, '{manager,admin}') then
    raise exception 'only the site''s managers and admins lock attendance months' using errcode = '42501';
  end if;
  today := app.site_today(lock_attendance_month.site_id, now());
  if first_day > today then
    raise exception '% has not begun: only a month that has started can be locked', to_char(first_day, 'YYYY-MM')
      using errcode = 'CB071';
  end if;
  if exists (select 1 from public.attendance_month_locks l
             where l.site_id = lock_attendance_month.site_id and l.month = first_day) then
    raise exception '% is already locked', to_char(first_day, 'YYYY-MM') using errcode = 'CB071';
  end if;
  insert into public.attendance_month_locks (site_id, month) values (lock_attendance_month.site_id, first_day);
  insert into public.attendance_corrections (site_id, work_date, action, before, after, reason)
  values (lock_attendance_month.site_id, first_day, 'month_locked',
    jsonb_build_object('month', first_day, 'locked', false),
    jsonb_build_object('month', first_day, 'locked', true),
    coalesce(nullif(btrim(left(reason, 1000)), ''), 'Month locked for payroll'));
end;
$$;
comment on function public.lock_attendance_month(uuid, date, text) is
  'Locks a site''s attendance month (any day of it) after payroll: its days then change only by a manager, recorded. Managers and admins; audited as month_locked. CB071 for a month not begun or already locked.';
revoke execute on function public.lock_attendance_month(uuid, date, text) from public, anon, authenticated;
grant execute on function public.lock_attendance_month(uuid, date, text) to authenticated, service_role;

create function public.unlock_attendance_month(site_id uuid, month date, reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  first_day date := app.month_of(unlock_attendance_month.month);
  lock_row public.attendance_month_locks;
begin
  if site_id is null or month is null then
    raise exception 'a month lock needs a site and a month' using errcode = 'CB071';
  end if;
  if not app.has_site_role(unlock_attendance_month.site_id, '{manager,admin}') then
    raise exception 'only the site''s managers and admins unlock attendance months' using errcode = '42501';
  end if;
  if reason is null or length(btrim(reason)) not between 1 and 1000 then
    raise exception 'say why the month is unlocked (1 to 1000 characters)' using errcode = 'CB071';
  end if;
  delete from public.attendance_month_locks l
  where l.site_id = unlock_attendance_month.site_id and l.month = first_day
  returning * into lock_row;
  if not found then
    raise exception '% is not locked', to_char(first_day, 'YYYY-MM') using errcode = 'CB071';
  end if;
  insert into public.attendance_corrections (site_id, work_date, action, before, after, reason)
  values (unlock_attendance_month.site_id, first_day, 'month_unlocked',
    jsonb_build_object('month', first_day, 'locked', true, 'locked_at', lock_row.locked_at, 'locked_by', lock_row.locked_by),
    jsonb_build_object('month', first_day, 'locked', false),
    btrim(reason));
end;
$$;
comment on function public.unlock_attendance_month(uuid, date, text) is
  'Unlocks a site''s attendance month with a reason. Managers and admins; audited as month_unlocked (the lock it removed in before). CB071 when not locked or no reason.';
revoke execute on function public.unlock_attendance_month(uuid, date, text) from public, anon, authenticated;
grant execute on function public.unlock_attendance_month(uuid, date, text) to authenticated, service_role;
