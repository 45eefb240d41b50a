-- Attendance appeals (issue 12): an agent appeals a closed day's result; a
-- supervisor, manager or admin answers.
--
-- * Filing (public.file_attendance_appeal): the agent themself, on a closed
--   day only, no later than the policy's appeal_file_days (3) working days
--   after the site date the day closed on (its result was published then);
--   working days come from the site calendar (app.add_working_days), so a
--   weekend or a holiday in between moves the deadline. The appeal records
--   file_by and answer_by: the policy's appeal_answer_days (5) working days
--   after the site date it was filed. One appeal per day unless withdrawn
--   (a rejected appeal is answered; the agent cannot file it again).
-- * Answering (public.answer_attendance_appeal): the site's supervisors,
--   managers and admins, with an answer in words. Accepting places an
--   override with the new status (and deduction, null = the policy's for
--   it) linked to the appeal, audited as appeal_accepted, and re-judges the
--   day through app.rejudge_audited; rejecting keeps the result and records
--   the answer as appeal_rejected. A locked month: managers only, recorded.
--   Leads read their team's appeals but do not answer them (HR's call).
-- * Overdue: an open appeal past answer_by. public.attendance_appeal_inbox
--   flags it for everyone who reads the appeal; the site's managers and
--   admins get public.overdue_attendance_appeals (escalation) and a count.
--
-- Codes: CB073 an appeal that cannot be filed or withdrawn (the day is still
-- open, the deadline has passed, one is already filed); CB074 one that
-- cannot be answered (not open, no answer, no final status to accept with).

-- The policy a day was judged with, else the one in force on its date.
create function app.policy_for_day(day public.attendance_days) returns public.attendance_policies
language sql stable security definer
set search_path = ''
as $$
  select p.* from public.attendance_policies p
  where p.id = day.policy_id
     or (day.policy_id is null and p.site_id = day.site_id and p.effective_from <= day.work_date)
  order by (p.id = day.policy_id) desc, p.effective_from desc
  limit 1
$$;
revoke execute on function app.policy_for_day(public.attendance_days) from public, anon, authenticated;

-- The last site date an appeal on a closed day can be filed on.
create function app.appeal_file_by(day public.attendance_days) returns date
language sql stable security definer
set search_path = ''
as $$
  select app.add_working_days(day.site_id, app.site_today(day.site_id, day.closed_at), (app.policy_for_day(day)).appeal_file_days)
$$;
revoke execute on function app.appeal_file_by(public.attendance_days) from public, anon, authenticated;

-- The rule, at a given moment (tests freeze it; the API passes now()).
create function app.file_attendance_appeal_at(day_id uuid, reason text, moment timestamptz)
returns public.attendance_appeals
language plpgsql
security definer
set search_path = ''
as $$
declare
  day_row public.attendance_days;
  today date;
  last_day date;
  filed public.attendance_appeals;
begin
  select * into day_row from public.attendance_days d where d.id = file_attendance_appeal_at.day_id;
  if not found or not app.is_own_agent(day_row.agent_id) then
    raise exception 'an agent appeals only their own attendance' using errcode = '42501';
  end if;
  if reason is null or length(btrim(reason)) not between 1 and 1000 then
    raise exception 'say why you appeal (1 to 1000 characters)' using errcode = 'CB073';
  end if;
  if day_row.closed_at is null then
    raise exception 'the day is still open: its result can be appealed once it is closed' using errcode = 'CB073';
  end if;
  today := app.site_today(day_row.site_id, moment);
  last_day := app.appeal_file_by(day_row);
  if today > last_day then
    raise exception 'the time to appeal this day ended on %', last_day
      using errcode = 'CB073',
        detail = format('An appeal is filed within %s working days of the day''s result.', (app.policy_for_day(day_row)).appeal_file_days);
  end if;
  if exists (select 1 from public.attendance_appeals a
             where a.day_id = day_row.id and a.status in ('open', 'accepted', 'rejected')) then
    raise exception 'this day has already been appealed' using errcode = 'CB073';
  end if;
  insert into public.attendance_appeals (site_id, agent_id, day_id, work_date, reason, filed_at, file_by, answer_by)
  values (day_row.site_id, day_row.agent_id, day_row.id, day_row.work_date, btrim(reason), moment, last_day,
    app.add_working_days(day_row.site_id, today, (app.policy_for_day(day_row)).appeal_answer_days))
  returning * into filed;
  return filed;
end;
$$;
revoke execute on function app.file_attendance_appeal_at(uuid, text, timestamptz) from public, anon, authenticated;

create function public.file_attendance_appeal(day_id uuid, reason text)
returns public.attendance_appeals
language sql
security definer
set search_path = ''
as $$
  select app.file_attendance_appeal_at(day_id, reason, now())
$$;
comment on function public.file_attendance_appeal(uuid, text) is
  'The agent appeals their own closed day with a reason, within the policy''s appeal_file_days working days of the day closing (site calendar); answer_by is appeal_answer_days working days after filing. CB073: open day, too late, already appealed, no reason.';
revoke execute on function public.file_attendance_appeal(uuid, text) from public, anon, authenticated;
grant execute on function public.file_attendance_appeal(uuid, text) to authenticated;

create function public.withdraw_attendance_appeal(appeal_id uuid)
returns public.attendance_appeals
language plpgsql
security definer
set search_path = ''
as $$
declare
  found_appeal public.attendance_appeals;
begin
  select * into found_appeal from public.attendance_appeals a where a.id = withdraw_attendance_appeal.appeal_id for update;
  if not found or not app.is_own_agent(found_appeal.agent_id) then
    raise exception 'an agent withdraws only their own appeals' using errcode = '42501';
  end if;
  if found_appeal.status <> 'open' then
    raise exception 'the appeal is % and can no longer be withdrawn', found_appeal.status using errcode = 'CB073';
  end if;
  update public.attendance_appeals a set status = 'withdrawn' where a.id = found_appeal.id returning * into found_appeal;
  return found_appeal;
end;
$$;
comment on function public.withdraw_attendance_appeal(uuid) is
  'The agent withdraws their own open appeal (it may then be filed again while the time to appeal lasts). CB073 when it is no longer open.';
revoke execute on function public.withdraw_attendance_appeal(uuid) from public, anon, authenticated;
grant execute on function public.withdraw_attendance_appeal(uuid) to authenticated;

create function public.answer_attendance_appeal(appeal_id uuid, accept boolean, answer text,
  new_status public.attendance_status default null, deduction numeric default null)
returns public.attendance_appeals
language plpgsql
security definer
set search_path = ''
as $$
declare
  found_appeal public.attendance_appeals;
  day_row public.attendance_days;
  why text;
  new_override uuid;
begin
  select * into found_appeal from public.attendance_appeals a where a.id = answer_attendance_appeal.appeal_id for update;
  if not found or not app.has_site_role(found_appeal.site_id, '{supervisor,manager,admin}') then
    raise exception 'only the site''s supervisors, managers and admins answer appeals' using errcode = '42501';
  end if;
  if found_appeal.status <> 'open' then
    raise exception 'the appeal is already %', found_appeal.status using errcode = 'CB074';
  end if;
  if accept is null then
    raise exception 'say whether the appeal is accepted' using errcode = 'CB074';
  end if;
  if answer is null or length(btrim(answer)) not between 1 and 1000 then
    raise exception 'give the agent an answer (1 to 1000 characters)' using errcode = 'CB074';
  end if;
  why := btrim(answer);
  if accept and (new_status is null or new_status = 'open') then
    raise exception 'an accepted appeal sets a final status for the day' using errcode = 'CB074';
  end if;
  if accept and deduction is not null and deduction < 0 then
    raise exception 'a deduction cannot be negative' using errcode = 'CB074';
  end if;
  select * into day_row from public.attendance_days d where d.id = found_appeal.day_id for update;
  perform app.require_month_open(found_appeal.site_id, found_appeal.work_date, found_appeal.agent_id, why);

  if accept then
    new_override := app.place_override(day_row, new_status, deduction, why, found_appeal.id);
  end if;
  update public.attendance_appeals a
  set status = case when accept then 'accepted' else 'rejected' end::public.attendance_appeal_status,
      answer = why, answered_by = (select auth.uid()), answered_at = now(), override_id = new_override
  where a.id = found_appeal.id
  returning * into found_appeal;
  insert into public.attendance_corrections (site_id, agent_id, work_date, action, override_id, appeal_id, before, after, reason)
  values (found_appeal.site_id, found_appeal.agent_id, found_appeal.work_date,
    case when accept then 'appeal_accepted' else 'appeal_rejected' end, new_override, found_appeal.id,
    app.attendance_day_result(day_row),
    case when accept then jsonb_build_object('status', new_status, 'deduction', deduction)
         else app.attendance_day_result(day_row) end,
    why);
  if accept then
    perform app.rejudge_touched(found_appeal.site_id, found_appeal.agent_id, array[found_appeal.work_date], why,
      override_id => new_override, appeal_id => found_appeal.id);
  end if;
  return found_appeal;
end;
$$;
comment on function public.answer_attendance_appeal(uuid, boolean, text, public.attendance_status, numeric) is
  'Answers an open appeal. Accepting overrides the day with new_status (deduction null = the policy''s) through an override linked to the appeal, audited as appeal_accepted, and re-judges it; rejecting keeps the result, audited as appeal_rejected with the answer. Supervisors, managers and admins; a locked month only by a manager (recorded). CB074: not open, no answer, no final status.';
revoke execute on function public.answer_attendance_appeal(uuid, boolean, text, public.attendance_status, numeric)
  from public, anon, authenticated;
grant execute on function public.answer_attendance_appeal(uuid, boolean, text, public.attendance_status, numeric)
  to authenticated;

-- ---------------------------------------------------------------- inbox

-- The appeals the caller may read (RLS on appeals, days and agents decides:
-- an agent their own, a lead their team's, the site's staff all), open ones
-- first, each with its day's result and whether it is overdue (open past
-- answer_by, site date). Security invoker.
create function public.attendance_appeal_inbox(site_id uuid, include_answered boolean default false)
returns table (
  appeal_id uuid,
  agent_id uuid,
  agent_name text,
  employee_no text,
  team_id uuid,
  work_date date,
  day_status public.attendance_status,
  day_deduction numeric,
  status public.attendance_appeal_status,
  reason text,
  filed_at timestamptz,
  file_by date,
  answer_by date,
  answer text,
  answered_at timestamptz,
  overdue boolean
)
language sql stable
set search_path = ''
as $$
  select a.id, a.agent_id, ag.display_name, ag.employee_no, ag.team_id, a.work_date, d.status, d.deduction,
    a.status, a.reason, a.filed_at, a.file_by, a.answer_by, a.answer, a.answered_at,
    a.status = 'open' and (now() at time zone s.time_zone)::date > a.answer_by
  from public.attendance_appeals a
  join public.sites s on s.id = a.site_id
  join public.agents ag on ag.id = a.agent_id
  left join public.attendance_days d on d.id = a.day_id
  where a.site_id = attendance_appeal_inbox.site_id
    and (include_answered or a.status = 'open')
  order by a.status <> 'open', a.answer_by, a.filed_at
$$;
comment on function public.attendance_appeal_inbox(uuid, boolean) is
  'The appeals of a site the caller may read (RLS), open first by answer_by, with the day''s result and an overdue flag (open past answer_by). Security invoker.';
revoke execute on function public.attendance_appeal_inbox(uuid, boolean) from public, anon, authenticated;
grant execute on function public.attendance_appeal_inbox(uuid, boolean) to authenticated;

-- Escalation: the open appeals of a site past their answer_by, for its
-- managers and admins, with how many working days late they are.
create function app.overdue_attendance_appeals_at(site_id uuid, moment timestamptz)
returns table (
  appeal_id uuid,
  agent_id uuid,
  agent_name text,
  work_date date,
  filed_at timestamptz,
  answer_by date,
  working_days_late integer
)
language plpgsql stable
security definer
set search_path = ''
as $$
declare
  today date;
begin
  if not app.has_site_role(overdue_attendance_appeals_at.site_id, '{manager,admin}') then
    raise exception 'overdue appeals are escalated to the site''s managers and admins' using errcode = '42501';
  end if;
  today := app.site_today(overdue_attendance_appeals_at.site_id, moment);
  return query
    select a.id, a.agent_id, ag.display_name, a.work_date, a.filed_at, a.answer_by,
      app.working_days_between(a.site_id, a.answer_by, today)
    from public.attendance_appeals a
    join public.agents ag on ag.id = a.agent_id
    where a.site_id = overdue_attendance_appeals_at.site_id and a.status = 'open' and a.answer_by < today
    order by a.answer_by, a.filed_at;
end;
$$;
revoke execute on function app.overdue_attendance_appeals_at(uuid, timestamptz) from public, anon, authenticated;

create function public.overdue_attendance_appeals(site_id uuid)
returns table (
  appeal_id uuid,
  agent_id uuid,
  agent_name text,
  work_date date,
  filed_at timestamptz,
  answer_by date,
  working_days_late integer
)
language sql stable
security definer
set search_path = ''
as $$
  select * from app.overdue_attendance_appeals_at(site_id, now())
$$;
comment on function public.overdue_attendance_appeals(uuid) is
  'Open appeals of a site past their answer_by (site date) with the working days they are late: the escalation list for managers and admins (42501 for others).';
revoke execute on function public.overdue_attendance_appeals(uuid) from public, anon, authenticated;
grant execute on function public.overdue_attendance_appeals(uuid) to authenticated;

-- For the agent's day page: the last site date the day can be appealed on
-- (null while it is open). Whoever reads the day's attendance may ask.
create function public.attendance_appeal_deadline(day_id uuid) returns date
language plpgsql stable
security definer
set search_path = ''
as $$
declare
  day_row public.attendance_days;
begin
  select * into day_row from public.attendance_days d where d.id = attendance_appeal_deadline.day_id;
  if not found or not app.can_read_attendance(day_row.agent_id) then
    raise exception 'you cannot read this day' using errcode = '42501';
  end if;
  if day_row.closed_at is null then
    return null;
  end if;
  return app.appeal_file_by(day_row);
end;
$$;
comment on function public.attendance_appeal_deadline(uuid) is
  'The last site date a closed day can be appealed on (null while open); readers of the agent''s attendance.';
revoke execute on function public.attendance_appeal_deadline(uuid) from public, anon, authenticated;
grant execute on function public.attendance_appeal_deadline(uuid) to authenticated;

-- The navigation's badge: open appeals waiting for an answer, for those who
-- answer them (the site's supervisors, managers and admins); 0 for anyone
-- else (a lead reads their team's appeals but does not answer them).
create function public.attendance_appeals_waiting(site_id uuid) returns integer
language sql stable
security definer
set search_path = ''
as $$
  select case when app.has_site_role(attendance_appeals_waiting.site_id, '{supervisor,manager,admin}')
    then (select count(*)::integer from public.attendance_appeals a
          where a.site_id = attendance_appeals_waiting.site_id and a.status = 'open')
    else 0 end
$$;
comment on function public.attendance_appeals_waiting(uuid) is
  'How many appeals of the site wait for an answer, for its supervisors, managers and admins (0 for anyone else): the navigation badge.';
revoke execute on function public.attendance_appeals_waiting(uuid) from public, anon, authenticated;
grant execute on function public.attendance_appeals_waiting(uuid) to authenticated;
