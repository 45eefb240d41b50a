-- Disputes of monthly statement lines go through the attendance appeal flow
-- (issue 13, deliverable 5): a dispute IS an appeal, in the same table, the
-- same inbox, the same badge count, with the same working-day deadlines and
-- the same escalation of overdue ones (20261207130200).
--
-- * public.attendance_appeals gets a kind: 'attendance' (a judged day,
--   day_id) or 'statement' (statement_month, statement_rule and
--   statement_line, a snapshot of the disputed line as it stood when filed;
--   work_date is the month's first day, so the inbox, the overdue list and
--   the badge order and count both kinds alike). At most one standing
--   (open, accepted or rejected) dispute per agent, month and rule.
-- * Filing (public.file_statement_appeal): the agent themself, for a line
--   of their statement as it is at the moment of filing (an adjustment line
--   is an answer and is not disputed again), from the month's first day
--   until the attendance policy's appeal_file_days working days after the
--   month's last day (the policy in force that day, the site calendar);
--   answer_by is its appeal_answer_days working days after the filing date.
--   Withdrawing is public.withdraw_attendance_appeal, as for a day.
-- * Answering (public.answer_statement_appeal): the site's supervisors,
--   managers and admins, as for a day. Accepting writes the signed
--   adjustment (yuan, + adds to the agent's pay, − takes away) into
--   public.statement_adjustments (20261209300100), which the statement shows
--   as an 'adjustment' line; rejecting keeps the statement. The audit of a
--   statement dispute is the appeal row itself (filed_by/at, reason,
--   answered_by/at, answer) and the adjustment row (created_by/at, amount):
--   public.attendance_corrections is the audit of attendance days and has
--   nothing to correct here. public.answer_attendance_appeal refuses a
--   statement dispute.
--
-- Codes as for days: CB073 a dispute that cannot be filed (no such line,
-- too early or too late, already disputed, no reason), CB074 one that
-- cannot be answered (not open, no answer, no adjustment to accept with).

alter table public.attendance_appeals
  add column kind text not null default 'attendance'
    constraint attendance_appeals_kind_known check (kind in ('attendance', 'statement')),
  add column statement_month date,
  add column statement_rule text,
  add column statement_line jsonb,
  alter column day_id drop not null,
  -- A statement dispute filed while the site's calendar does not reach its
  -- deadline yet has none recorded (see app.file_statement_appeal_at).
  alter column file_by drop not null,
  add constraint attendance_appeals_day_has_file_by check (kind <> 'attendance' or file_by is not null);
alter table public.attendance_appeals
  add constraint attendance_appeals_subject_of_kind check (coalesce(
    case kind
      when 'attendance' then day_id is not null
        and statement_month is null and statement_rule is null and statement_line is null
      else day_id is null and statement_rule is not null and jsonb_typeof(statement_line) = 'object'
        and statement_month = date_trunc('month', statement_month)::date and work_date = statement_month
    end, false));
create unique index attendance_appeals_one_standing_statement_dispute
  on public.attendance_appeals (agent_id, statement_month, statement_rule)
  where kind = 'statement' and status <> 'withdrawn';
comment on column public.attendance_appeals.statement_line is
  'A statement dispute''s line as it stood when filed: line, rule, kind, amount, quantity, facts.';

-- The last site date a month's statement can be disputed on: the attendance
-- policy's appeal_file_days working days after the month's last day, by the
-- policy in force that day. CB001 when the site's calendar does not reach it.
create function app.statement_appeal_file_by(site_id uuid, month date) returns date
language sql stable security definer
set search_path = ''
as $$
  select app.add_working_days(statement_appeal_file_by.site_id, last.day,
    (app.request_policy(statement_appeal_file_by.site_id, last.day)).appeal_file_days)
  from (select (date_trunc('month', statement_appeal_file_by.month) + interval '1 month - 1 day')::date as day) as last
$$;
revoke execute on function app.statement_appeal_file_by(uuid, date) from public, anon, authenticated;

-- The rule, at a given moment (tests freeze it; the API passes now()).
-- rule: the disputed line's rule as the agent saw it (null: not checked); a
-- statement that changed since the page was read moves its lines, and the
-- agent must not dispute a line they did not mean.
create function app.file_statement_appeal_at(agent_id uuid, month date, line integer, reason text,
  moment timestamptz, rule text default null)
returns public.attendance_appeals
language plpgsql
security definer
set search_path = ''
as $$
declare
  ag public.agents;
  first_day date := date_trunc('month', file_statement_appeal_at.month)::date;
  last_of_month date := (date_trunc('month', file_statement_appeal_at.month) + interval '1 month - 1 day')::date;
  today date;
  last_day date;
  disputed record;
  filed public.attendance_appeals;
begin
  select * into ag from public.agents a where a.id = file_statement_appeal_at.agent_id;
  if not found or not app.is_own_agent(ag.id) then
    raise exception 'an agent disputes only their own statement' using errcode = '42501';
  end if;
  if file_statement_appeal_at.reason is null or length(btrim(file_statement_appeal_at.reason)) not between 1 and 1000 then
    raise exception 'say why you dispute the line (1 to 1000 characters)' using errcode = 'CB073';
  end if;
  today := app.site_today(ag.site_id, moment);
  if today < first_day then
    raise exception 'the statement of % has not begun: it can be disputed from %', to_char(first_day, 'YYYY-MM'), first_day
      using errcode = 'CB073';
  end if;
  begin
    last_day := app.statement_appeal_file_by(ag.site_id, first_day);
  exception
    when sqlstate 'CB001' then
      -- The deadline lies in a year the site has not filled in (in December,
      -- January's working days decide it). While today is still in the
      -- month's year it cannot have passed, so the dispute is taken with no
      -- deadline recorded; from the next year on, the calendar must tell.
      if extract(year from today) > extract(year from last_of_month) then
        raise;
      end if;
      last_day := null;
  end;
  if today > last_day then
    raise exception 'the time to dispute the statement of % ended on %', to_char(first_day, 'YYYY-MM'), last_day
      using errcode = 'CB073',
        detail = format('A statement is disputed within %s working days of the month''s end.',
          (app.request_policy(ag.site_id, last_of_month)).appeal_file_days);
  end if;
  select s.* into disputed
  from app.agent_statement_at(ag.id, first_day, moment) as s
  where s.line = file_statement_appeal_at.line;
  if not found then
    raise exception 'the statement of % has no line %', to_char(first_day, 'YYYY-MM'), file_statement_appeal_at.line
      using errcode = 'CB073';
  end if;
  if file_statement_appeal_at.rule is not null and disputed.rule <> file_statement_appeal_at.rule then
    raise exception 'line % of the statement is now %, not %: the statement has changed, read it again',
      file_statement_appeal_at.line, disputed.rule, file_statement_appeal_at.rule using errcode = 'CB073';
  end if;
  if disputed.rule = 'adjustment' then
    raise exception 'an adjustment is the answer to a dispute and is not disputed again' using errcode = 'CB073';
  end if;
  if exists (select 1 from public.attendance_appeals a
             where a.agent_id = ag.id and a.kind = 'statement' and a.statement_month = first_day
               and a.statement_rule = disputed.rule and a.status in ('open', 'accepted', 'rejected')) then
    raise exception 'the % line of the statement of % has already been disputed', disputed.rule, to_char(first_day, 'YYYY-MM')
      using errcode = 'CB073';
  end if;
  insert into public.attendance_appeals (site_id, agent_id, kind, work_date, statement_month, statement_rule, statement_line,
    reason, filed_at, file_by, answer_by)
  values (ag.site_id, ag.id, 'statement', first_day, first_day, disputed.rule,
    jsonb_build_object('line', disputed.line, 'rule', disputed.rule, 'kind', disputed.kind, 'amount', disputed.amount,
      'quantity', disputed.quantity, 'facts', disputed.facts),
    btrim(file_statement_appeal_at.reason), moment, last_day,
    app.add_working_days(ag.site_id, today, (app.request_policy(ag.site_id, last_of_month)).appeal_answer_days))
  returning * into filed;
  return filed;
end;
$$;
revoke execute on function app.file_statement_appeal_at(uuid, date, integer, text, timestamptz, text)
  from public, anon, authenticated;

create function public.file_statement_appeal(agent_id uuid, month date, line integer, reason text, rule text default null)
returns public.attendance_appeals
language sql
security definer
set search_path = ''
as $$
  select app.file_statement_appeal_at(agent_id, month, line, reason, now(), rule)
$$;
comment on function public.file_statement_appeal(uuid, date, integer, text, text) is
  'The agent disputes a line (by number; rule, when given, must still be its rule) of their own statement for a month, with a reason: an appeal of kind statement with a snapshot of the line, from the month''s first day until the attendance policy''s appeal_file_days working days after its last day; answer_by is appeal_answer_days working days after filing. Withdrawn through withdraw_attendance_appeal. CB073: no such line, an adjustment line, too early or late, already disputed, no reason.';
revoke execute on function public.file_statement_appeal(uuid, date, integer, text, text) from public, anon, authenticated;
grant execute on function public.file_statement_appeal(uuid, date, integer, text, text) to authenticated;

-- For the statement page: the last site date the month can be disputed on,
-- null while the site's calendar does not reach it yet (the year after is
-- not filled in). Whoever reads the statement may ask.
create function public.statement_appeal_deadline(agent_id uuid, month date) returns date
language plpgsql stable
security definer
set search_path = ''
as $$
declare
  site uuid;
  last_of_month date := (date_trunc('month', statement_appeal_deadline.month) + interval '1 month - 1 day')::date;
begin
  select a.site_id into site from public.agents a where a.id = statement_appeal_deadline.agent_id;
  if site is null or not app.may_read_statement(statement_appeal_deadline.agent_id) then
    raise exception 'only the agent, their team and the site''s supervisors and managers read a statement'
      using errcode = '42501';
  end if;
  return app.statement_appeal_file_by(site, last_of_month);
exception
  when sqlstate 'CB001' then
    return null;
end;
$$;
comment on function public.statement_appeal_deadline(uuid, date) is
  'The last site date an agent''s statement for a month can be disputed on (null while the site calendar does not reach it); readers of the statement.';
revoke execute on function public.statement_appeal_deadline(uuid, date) from public, anon, authenticated;
grant execute on function public.statement_appeal_deadline(uuid, date) to authenticated;

-- What answering any appeal starts with, for both answer functions: the
-- appeal locked, the caller one of the site's supervisors, managers or
-- admins (42501), the appeal of the expected kind, still open, with accept
-- or reject said and an answer in words (CB074). Returns the appeal.
create function app.appeal_to_answer(appeal_id uuid, kind text, accept boolean, answer text)
returns public.attendance_appeals
language plpgsql
security definer
set search_path = ''
as $$
declare
  found_appeal public.attendance_appeals;
begin
  select * into found_appeal from public.attendance_appeals a where a.id = appeal_to_answer.appeal_id for update;
  if not found or not app.has_site_role(found_appeal.site_id, '{supervisor,manager,admin}') then
    raise exception 'only the site''s supervisors, managers and admins answer appeals' using errcode = '42501';
  end if;
  if found_appeal.kind <> appeal_to_answer.kind then
    raise exception '%', case found_appeal.kind
      when 'statement' then 'this appeal disputes a statement line: answer it as a statement appeal'
      else 'this appeal is of an attendance day: answer it as an attendance appeal' end
      using errcode = 'CB074';
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
  return found_appeal;
end;
$$;
revoke execute on function app.appeal_to_answer(uuid, text, boolean, text) from public, anon, authenticated;

create function public.answer_statement_appeal(appeal_id uuid, accept boolean, answer text, adjustment numeric default null)
returns public.attendance_appeals
language plpgsql
security definer
set search_path = ''
as $$
declare
  found_appeal public.attendance_appeals;
  why text;
begin
  found_appeal := app.appeal_to_answer(answer_statement_appeal.appeal_id, 'statement', accept, answer);
  why := btrim(answer);
  if accept and (adjustment is null or adjustment = 0 or abs(adjustment) > 100000 or adjustment <> round(adjustment, 2)) then
    raise exception 'an accepted dispute adjusts the statement by an amount in yuan, to the fen, not 0, at most 100000 either way'
      using errcode = 'CB074';
  end if;
  if not accept and adjustment is not null then
    raise exception 'a rejected dispute keeps the statement: it takes no adjustment' using errcode = 'CB074';
  end if;

  if accept then
    insert into public.statement_adjustments (site_id, agent_id, month, rule, amount, reason, appeal_id)
    values (found_appeal.site_id, found_appeal.agent_id, found_appeal.statement_month, found_appeal.statement_rule,
      adjustment, why, found_appeal.id);
  end if;
  update public.attendance_appeals a
  set status = case when accept then 'accepted' else 'rejected' end::public.attendance_appeal_status,
      answer = why, answered_by = (select auth.uid()), answered_at = now()
  where a.id = found_appeal.id
  returning * into found_appeal;
  return found_appeal;
end;
$$;
comment on function public.answer_statement_appeal(uuid, boolean, text, numeric) is
  'Answers an open statement dispute. Accepting adjusts the month''s statement by the signed amount (yuan: + adds to the agent''s pay, − takes away; not 0, at most 100000 either way) through public.statement_adjustments, linked to the appeal; rejecting keeps the statement. Either way with an answer the agent reads. Supervisors, managers and admins. CB074: not a statement dispute, not open, no answer, no adjustment.';
revoke execute on function public.answer_statement_appeal(uuid, boolean, text, numeric) from public, anon, authenticated;
grant execute on function public.answer_statement_appeal(uuid, boolean, text, numeric) to authenticated;

-- As in 20261207130200, its opening checks now app.appeal_to_answer's,
-- which refuses a statement dispute (it has no day to override):
-- everything else as it was.
-- An accepted dispute moves the agent's statement: My day's statement card
-- hears it on the agent's topic (app.broadcast_stats_changed, 20261209400000)
-- as it hears new calls.
create trigger statement_adjustments_stats_insert after insert on public.statement_adjustments
  referencing new table as new_rows
  for each statement execute function app.broadcast_stats_changed();

create or replace function public.answer_attendance_appeal(appeal_id uuid, accept boolean, answer text,
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
  found_appeal := app.appeal_to_answer(answer_attendance_appeal.appeal_id, 'attendance', accept, answer);
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
  'Answers an open appeal of an attendance day. Accepting overrides the day with new_status (deduction null = the policy''s) through an override linked to the appeal, audited as appeal_accepted, and re-judges it; rejecting keeps the result, audited as appeal_rejected with the answer. Supervisors, managers and admins; a locked month only by a manager (recorded). CB074: a statement dispute (answer_statement_appeal), not open, no answer, no final status.';

-- ---------------------------------------------------------------- inbox

-- As in 20261207130200 with what a statement dispute is about: its kind,
-- month, rule, the disputed line's amount and kind (from the snapshot) and,
-- once accepted, the adjustment (RLS on statement_adjustments). A new
-- return type, so dropped and created again.
drop function public.attendance_appeal_inbox(uuid, boolean);
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
  overdue boolean,
  kind text,
  statement_month date,
  statement_rule text,
  statement_amount numeric,
  statement_line_kind text,
  statement_adjustment numeric
)
language sql stable
set search_path = ''
as $$
  select a.id, a.agent_id, ag.display_name, ag.employee_no, ag.team_id, a.work_date, d.status, d.deduction,
    a.status, a.reason, a.filed_at, a.file_by, a.answer_by, a.answer, a.answered_at,
    a.status = 'open' and (now() at time zone s.time_zone)::date > a.answer_by,
    a.kind, a.statement_month, a.statement_rule, (a.statement_line ->> 'amount')::numeric, a.statement_line ->> 'kind',
    sa.amount
  from public.attendance_appeals a
  join public.sites s on s.id = a.site_id
  join public.agents ag on ag.id = a.agent_id
  left join public.attendance_days d on d.id = a.day_id
  left join public.statement_adjustments sa on sa.appeal_id = a.id
  where a.site_id = attendance_appeal_inbox.site_id
    and (include_answered or a.status = 'open')
  order by a.status <> 'open', a.answer_by, a.filed_at
$$;
comment on function public.attendance_appeal_inbox(uuid, boolean) is
  'The appeals of a site the caller may read (RLS), open first by answer_by, with the day''s result or, for a statement dispute, the month, rule, the disputed amount and kind and the adjustment once accepted; an overdue flag (open past answer_by). Security invoker.';
revoke execute on function public.attendance_appeal_inbox(uuid, boolean) from public, anon, authenticated;
grant execute on function public.attendance_appeal_inbox(uuid, boolean) to authenticated;
