-- Attendance requests (issue 12): leave, outing and overtime, filed by an
-- agent (or for them by their lead or a supervisor), decided step by step
-- along the site policy's approval chain, with leave balances kept as a
-- ledger. Approved requests re-judge the days they cover through the
-- engine's audited path (app.rejudge_audited).
--
-- Rules, decided here and documented for the README:
-- * Notice. A leave must be filed policy.leave_notice_hours before the start
--   of the first published shift it covers (or before it starts, when no
--   shift is published yet). Filed later, the policy's late_leave says
--   'refuse' (CB066) or 'flag' (accepted, late_filed = true). A supervisor,
--   manager or admin filing for an agent (a sick day phoned in) is always
--   flagged, never refused. Outings and overtime filed after they begin
--   are flagged.
-- * The chain is the approval_chain of the policy in force on the request's
--   first site day (read when deciding). A lead decides the lead step for
--   the agents of their team only; a supervisor may decide a lead step (the
--   lead is away) and a manager or admin any step. An approval stands for
--   the waiting step and every further step of the approver's rank or lower,
--   so a supervisor approving at the lead step settles the supervisor step
--   too (one step row per chain step, each with the role it was made as).
--   A rejection ends the request. Nobody decides their own request.
-- * Minutes a leave takes: per site day it touches, its overlap with the
--   agent's published shifts of that day (each at most the shift's paid
--   minutes); on a day without a published shift, its overlap with the site
--   day, at most 480 (a standard day), on working days only.
-- * On approval a leave writes approved_leave rows (request_id set) for the
--   days it covers whole: every published shift of the day, or, with no
--   shift, the site day or at least 480 minutes of it; and, for the types
--   with a balance (annual, compensatory, visit_half_day), a negative
--   leave_ledger entry. A leave whose type has a balance cannot take more
--   than the balance (less what pending requests would take).
-- * Cancelling: the agent cancels their own pending request, or an approved
--   one that has not begun; the site's supervisors, managers and admins
--   cancel any pending or approved one. Cancelling an approved leave removes
--   its approved_leave rows and returns its minutes to the ledger.
-- * Approving or cancelling an approved request changes attendance: the
--   month lock guard (app.require_month_open) is asked for every month the
--   request touches.
--
-- Codes: CB065 a request that is not valid as asked; CB066 filed too late
-- (the policy refuses); CB067 not enough leave balance; CB068 the request
-- is no longer in a state for this; CB069 the step waits for someone else.

-- A balance is kept for these leave types; the others are granted by law
-- or by the site case by case and only recorded.
create function app.leave_type_has_balance(leave_type text) returns boolean
language sql immutable
set search_path = ''
as $$
  select leave_type in ('annual', 'compensatory', 'visit_half_day')
$$;
revoke execute on function app.leave_type_has_balance(text) from public, anon, authenticated;
grant execute on function app.leave_type_has_balance(text) to authenticated, service_role;

-- approved_leave learns the earned half-day type that leave requests know.
alter table public.approved_leave drop constraint approved_leave_kind_known;
alter table public.approved_leave add constraint approved_leave_kind_known check (
  kind in ('annual', 'sick', 'personal', 'compensatory', 'visit_half_day', 'marriage', 'maternity', 'bereavement', 'other')
);

-- The policy in force at a site on a day.
create function app.request_policy(site_id uuid, day date) returns public.attendance_policies
language sql stable security definer
set search_path = ''
as $$
  select p.* from public.attendance_policies p
  where p.site_id = request_policy.site_id and p.effective_from <= request_policy.day
  order by p.effective_from desc
  limit 1
$$;
revoke execute on function app.request_policy(uuid, date) from public, anon, authenticated;

-- The site days a span touches, first to last.
create function app.request_days(site_id uuid, starts_at timestamptz, ends_at timestamptz) returns setof date
language sql stable security definer
set search_path = ''
as $$
  select d::date from generate_series(
    app.site_today(request_days.site_id, request_days.starts_at)::timestamp,
    app.site_today(request_days.site_id, request_days.ends_at - interval '1 microsecond')::timestamp,
    interval '1 day') as d
$$;
revoke execute on function app.request_days(uuid, timestamptz, timestamptz) from public, anon, authenticated;

-- Per site day a leave span touches: the minutes it takes and whether it
-- covers the day whole (the rules in the header).
create function app.leave_day_cover(site_id uuid, agent_id uuid, starts_at timestamptz, ends_at timestamptz)
returns table (day date, minutes integer, whole boolean)
language sql stable security definer
set search_path = ''
as $$
  with span as (select tstzrange(leave_day_cover.starts_at, leave_day_cover.ends_at, '[)') as r),
  days as (
    select d as day, app.site_day(leave_day_cover.site_id, d) as site_range
    from app.request_days(leave_day_cover.site_id, leave_day_cover.starts_at, leave_day_cover.ends_at) d
  ),
  shifts as (
    select sh.day, tstzrange(sh.start_ts, sh.end_ts, '[)') as r, sh.paid_min
    from public.schedule_shifts sh
    join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
    where sh.agent_id = leave_day_cover.agent_id and sh.day in (select days.day from days)
  ),
  by_shift as (
    select sh.day,
      sum(least(sh.paid_min, coalesce(extract(epoch from upper(sh.r * span.r) - lower(sh.r * span.r)) / 60, 0)))::integer as minutes,
      bool_and(span.r @> sh.r) as whole
    from shifts sh cross join span
    group by sh.day
  )
  select days.day,
    coalesce(b.minutes, case when app.day_is_working(leave_day_cover.site_id, days.day)
      then least(480, coalesce(extract(epoch from upper(days.site_range * span.r) - lower(days.site_range * span.r)) / 60, 0))::integer
      else 0 end),
    coalesce(b.whole, span.r @> days.site_range
      or coalesce(extract(epoch from upper(days.site_range * span.r) - lower(days.site_range * span.r)) / 60, 0) >= 480)
  from days cross join span
  left join by_shift b on b.day = days.day
  order by days.day
$$;
revoke execute on function app.leave_day_cover(uuid, uuid, timestamptz, timestamptz) from public, anon, authenticated;

-- The minutes a leave request takes in all.
create function app.leave_minutes(r public.attendance_requests) returns integer
language sql stable security definer
set search_path = ''
as $$
  select coalesce(sum(c.minutes), 0)::integer from app.leave_day_cover(r.site_id, r.agent_id, r.starts_at, r.ends_at) c
$$;
revoke execute on function app.leave_minutes(public.attendance_requests) from public, anon, authenticated;

-- An agent's balance of a leave type: the ledger's sum.
create function app.leave_balance_of(agent_id uuid, leave_type text) returns integer
language sql stable security definer
set search_path = ''
as $$
  select coalesce(sum(l.minutes), 0)::integer from public.leave_ledger l
  where l.agent_id = leave_balance_of.agent_id and l.leave_type = leave_balance_of.leave_type
$$;
revoke execute on function app.leave_balance_of(uuid, text) from public, anon, authenticated;

-- How high a chain role ranks: a decision at one rank may stand for the lower ones.
create function app.chain_rank(role public.app_role) returns integer
language sql immutable
set search_path = ''
as $$
  select case role when 'lead' then 1 when 'supervisor' then 2 when 'manager' then 3 when 'admin' then 3 else 0 end
$$;
revoke execute on function app.chain_rank(public.app_role) from public, anon, authenticated;

-- The chain a request is decided along.
create function app.request_chain(r public.attendance_requests) returns public.app_role[]
language sql stable security definer
set search_path = ''
as $$
  select (app.request_policy(r.site_id, app.site_today(r.site_id, r.starts_at))).approval_chain
$$;
revoke execute on function app.request_chain(public.attendance_requests) from public, anon, authenticated;

-- The role the step waiting on a pending request asks for.
create function app.request_waiting_role(r public.attendance_requests) returns public.app_role
language sql stable security definer
set search_path = ''
as $$
  select case when r.status = 'pending' then c[least(r.step + 1, cardinality(c))] end
  from (select app.request_chain(r) as c) chain
$$;
revoke execute on function app.request_waiting_role(public.attendance_requests) from public, anon, authenticated;

-- The role the caller decides a request as: their highest rank for it (a
-- lead only for their own team). Null when they may decide nothing of it.
create function app.request_decider_role(r public.attendance_requests) returns public.app_role
language sql stable security definer
set search_path = ''
as $$
  select case
    when app.is_own_agent(r.agent_id) then null
    when app.has_site_role(r.site_id, '{admin}') then 'admin'::public.app_role
    when app.has_site_role(r.site_id, '{manager}') then 'manager'
    when app.has_site_role(r.site_id, '{supervisor}') then 'supervisor'
    when app.leads_agent(r.agent_id) then 'lead'
  end
$$;
revoke execute on function app.request_decider_role(public.attendance_requests) from public, anon, authenticated;

-- Whether the caller may decide the waiting step of a request now.
create function app.may_decide_request(r public.attendance_requests) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select r.status = 'pending'
    and coalesce(app.chain_rank(app.request_decider_role(r)) >= app.chain_rank(app.request_waiting_role(r)), false)
$$;
revoke execute on function app.may_decide_request(public.attendance_requests) from public, anon, authenticated;

-- The guard for every month a request touches (attendance changes there).
create function app.request_months_open(r public.attendance_requests, why text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  first_day date;
begin
  for first_day in
    select min(d) from app.request_days(r.site_id, r.starts_at, r.ends_at) d group by date_trunc('month', d) order by 1
  loop
    perform app.require_month_open(r.site_id, first_day, r.agent_id, why);
  end loop;
end;
$$;
revoke execute on function app.request_months_open(public.attendance_requests, text) from public, anon, authenticated;

-- Re-judges the days a decided request covers, audited (the engine's path).
create function app.rejudge_request(r public.attendance_requests, action text, why text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  first_day date := app.site_today(r.site_id, r.starts_at);
  last_day date := app.site_today(r.site_id, r.ends_at - interval '1 microsecond');
begin
  -- A night shift that began the day before may be touched too.
  perform app.rejudge_audited(r.site_id, r.agent_id, first_day - 1, last_day, action, why);
end;
$$;
revoke execute on function app.rejudge_request(public.attendance_requests, text, text) from public, anon, authenticated;

-- -------------------------------------------------------------- filing

create function public.file_attendance_request(
  kind public.attendance_request_kind,
  leave_type text,
  starts_at timestamptz,
  ends_at timestamptz,
  reason text default null,
  agent_id uuid default null
)
returns public.attendance_requests
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target public.agents;
  policy public.attendance_policies;
  request public.attendance_requests;
  counted_from timestamptz;
  on_behalf_of_staff boolean;
  is_late boolean;
  needed integer;
  available integer;
  clean_reason text := nullif(btrim(file_attendance_request.reason), '');
begin
  if file_attendance_request.agent_id is null then
    select a.* into target from public.agents a
    join public.members m on m.user_id = a.user_id and m.site_id = a.site_id and m.role = 'agent'
    where a.user_id = (select auth.uid())
    order by a.site_id
    limit 1;
    if not found then
      raise exception 'only an agent files their own requests; staff name the agent' using errcode = '42501';
    end if;
  else
    select a.* into target from public.agents a where a.id = file_attendance_request.agent_id;
    if not found or not (
      app.is_own_agent(target.id) or app.leads_agent(target.id)
      or app.has_site_role(target.site_id, '{supervisor,manager,admin}')
    ) then
      raise exception 'you may not file requests for this agent' using errcode = '42501';
    end if;
  end if;
  on_behalf_of_staff := not app.is_own_agent(target.id) and app.has_site_role(target.site_id, '{supervisor,manager,admin}');

  if starts_at is null or ends_at is null or ends_at <= starts_at then
    raise exception 'a request ends after it starts' using errcode = 'CB065';
  end if;
  if ends_at - starts_at > interval '62 days' then
    raise exception 'a request covers at most 62 days; file longer leave in parts' using errcode = 'CB065';
  end if;
  if (kind = 'leave') <> (file_attendance_request.leave_type is not null) then
    raise exception 'a leave names its type, an outing or overtime none' using errcode = 'CB065';
  end if;
  if file_attendance_request.leave_type is not null and file_attendance_request.leave_type not in (
    'annual', 'sick', 'personal', 'compensatory', 'visit_half_day', 'marriage', 'maternity', 'bereavement', 'other'
  ) then
    raise exception 'unknown leave type %', file_attendance_request.leave_type using errcode = 'CB065';
  end if;
  if length(clean_reason) > 1000 then
    raise exception 'the reason is longer than 1000 characters' using errcode = 'CB065';
  end if;
  if kind <> 'overtime' and exists (
    select 1 from public.attendance_requests r
    where r.agent_id = target.id and r.status in ('pending', 'approved') and r.kind <> 'overtime'
      and tstzrange(r.starts_at, r.ends_at, '[)') && tstzrange(file_attendance_request.starts_at, file_attendance_request.ends_at, '[)')
  ) then
    raise exception 'the agent already has a pending or approved request for part of this time' using errcode = 'CB065';
  end if;

  policy := app.request_policy(target.site_id, app.site_today(target.site_id, starts_at));
  if kind = 'leave' then
    -- Notice counts from the first published shift the leave touches.
    select min(sh.start_ts) into counted_from
    from public.schedule_shifts sh
    join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
    where sh.agent_id = target.id and sh.end_ts > file_attendance_request.starts_at
      and sh.start_ts < file_attendance_request.ends_at;
    counted_from := coalesce(counted_from, starts_at);
    is_late := now() > counted_from - make_interval(hours => policy.leave_notice_hours);
    if is_late and policy.late_leave = 'refuse' and not on_behalf_of_staff then
      raise exception 'leave must be filed % hours before it starts', policy.leave_notice_hours
        using errcode = 'CB066',
          detail = format('The first shift it covers starts at %s.', counted_from),
          hint = 'Ask your supervisor: they can record it for you.';
    end if;
  else
    is_late := now() > starts_at;
  end if;

  if kind = 'leave' then
    select coalesce(sum(c.minutes), 0)::integer into needed
    from app.leave_day_cover(target.site_id, target.id, starts_at, ends_at) c;
    if needed = 0 then
      raise exception 'the leave covers no shift and no working day' using errcode = 'CB065';
    end if;
    if app.leave_type_has_balance(file_attendance_request.leave_type) then
      select app.leave_balance_of(target.id, file_attendance_request.leave_type)
        - coalesce(sum(app.leave_minutes(r)), 0)
      into available
      from public.attendance_requests r
      where r.agent_id = target.id and r.status = 'pending' and r.leave_type = file_attendance_request.leave_type;
      if needed > available then
        raise exception 'not enough % leave: % minutes needed, % available', file_attendance_request.leave_type, needed, available
          using errcode = 'CB067';
      end if;
    end if;
  end if;

  insert into public.attendance_requests (site_id, agent_id, kind, leave_type, starts_at, ends_at, reason, late_filed)
  values (target.site_id, target.id, kind, file_attendance_request.leave_type, starts_at, ends_at, clean_reason, is_late)
  returning * into request;
  insert into public.attendance_request_steps (request_id, site_id, action, comment)
  values (request.id, request.site_id, 'filed', clean_reason);
  return request;
end;
$$;
comment on function public.file_attendance_request(public.attendance_request_kind, text, timestamptz, timestamptz, text, uuid) is
  'Files a leave (with its type), outing or overtime request for the caller (an agent) or, for their lead or the site''s supervisors, managers and admins, for a named agent. CB065 invalid, CB066 leave filed later than the policy''s notice (refuse policy), CB067 not enough balance.';
revoke execute on function public.file_attendance_request(public.attendance_request_kind, text, timestamptz, timestamptz, text, uuid)
  from public, anon, authenticated;
grant execute on function public.file_attendance_request(public.attendance_request_kind, text, timestamptz, timestamptz, text, uuid)
  to authenticated, service_role;

-- ------------------------------------------------------------- deciding

-- What approval does to the world: approved_leave rows, the ledger entry,
-- the re-judged days.
create function app.apply_approved_request(r public.attendance_requests, why text) returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  taken integer;
begin
  if r.kind = 'leave' then
    insert into public.approved_leave (site_id, agent_id, starts_on, ends_on, kind, note, request_id)
    select r.site_id, r.agent_id, c.day, c.day, r.leave_type, left(r.reason, 500), r.id
    from app.leave_day_cover(r.site_id, r.agent_id, r.starts_at, r.ends_at) c
    where c.whole;
    if app.leave_type_has_balance(r.leave_type) then
      taken := app.leave_minutes(r);
      if taken > app.leave_balance_of(r.agent_id, r.leave_type) then
        raise exception 'not enough % leave: % minutes needed, % left', r.leave_type, taken,
          app.leave_balance_of(r.agent_id, r.leave_type) using errcode = 'CB067';
      end if;
      if taken > 0 then
        insert into public.leave_ledger (site_id, agent_id, leave_type, minutes, reason, request_id)
        values (r.site_id, r.agent_id, r.leave_type, -taken, 'Leave taken (approved request)', r.id);
      end if;
    end if;
  end if;
  perform app.request_months_open(r, why);
  perform app.rejudge_request(r, 'request_approved', why);
end;
$$;
revoke execute on function app.apply_approved_request(public.attendance_requests, text) from public, anon, authenticated;

create function public.decide_attendance_request(request_id uuid, approve boolean, comment text default null)
returns public.attendance_requests
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  r public.attendance_requests;
  chain public.app_role[];
  acting public.app_role;
  clean_comment text := nullif(btrim(decide_attendance_request.comment), '');
begin
  select * into r from public.attendance_requests x where x.id = decide_attendance_request.request_id for update;
  if not found or not app.can_read_attendance(r.agent_id) then
    raise exception 'no such request' using errcode = '42501';
  end if;
  acting := app.request_decider_role(r);
  if acting is null and not app.is_own_agent(r.agent_id) then
    raise exception 'only the agent''s lead and the site''s supervisors and managers decide requests' using errcode = '42501';
  end if;
  if r.status <> 'pending' then
    raise exception 'the request is already %', r.status using errcode = 'CB068';
  end if;
  if acting is null then
    raise exception 'nobody decides their own request' using errcode = 'CB069';
  end if;
  if not app.may_decide_request(r) then
    raise exception 'the request waits for a % to decide', app.request_waiting_role(r) using errcode = 'CB069';
  end if;
  if approve is null then
    raise exception 'say whether the request is approved' using errcode = 'CB065';
  end if;
  if not approve and clean_comment is null then
    raise exception 'say why the request is rejected' using errcode = 'CB065';
  end if;
  if length(clean_comment) > 1000 then
    raise exception 'the comment is longer than 1000 characters' using errcode = 'CB065';
  end if;

  chain := app.request_chain(r);
  if not approve then
    insert into public.attendance_request_steps (request_id, site_id, action, as_role, comment)
    values (r.id, r.site_id, 'rejected', chain[least(r.step + 1, cardinality(chain))], clean_comment);
    update public.attendance_requests x set status = 'rejected', decided_at = now() where x.id = r.id returning * into r;
    return r;
  end if;

  -- The waiting step and every further one of the approver's rank or lower.
  loop
    insert into public.attendance_request_steps (request_id, site_id, action, as_role, comment)
    values (r.id, r.site_id, 'approved', chain[r.step + 1], clean_comment);
    r.step := r.step + 1;
    exit when r.step >= cardinality(chain) or app.chain_rank(chain[r.step + 1]) > app.chain_rank(acting);
  end loop;
  if r.step >= cardinality(chain) then
    update public.attendance_requests x set step = r.step, status = 'approved', decided_at = now()
    where x.id = r.id returning * into r;
    perform app.apply_approved_request(r, coalesce(clean_comment, 'Request approved'));
  else
    update public.attendance_requests x set step = r.step where x.id = r.id returning * into r;
  end if;
  return r;
end;
$$;
comment on function public.decide_attendance_request(uuid, boolean, text) is
  'Approves or rejects (with a comment) the waiting step of a request, along the policy''s approval chain; the final approval writes approved_leave, the leave ledger and re-judges the days. CB068 not pending, CB069 waits for someone else (or is the caller''s own), CB065 a rejection without a reason, CB067 not enough balance.';
revoke execute on function public.decide_attendance_request(uuid, boolean, text) from public, anon, authenticated;
grant execute on function public.decide_attendance_request(uuid, boolean, text) to authenticated, service_role;

-- ----------------------------------------------------------- cancelling

create function public.cancel_attendance_request(request_id uuid, reason text default null)
returns public.attendance_requests
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  r public.attendance_requests;
  staff boolean;
  returned integer;
  clean_reason text := nullif(btrim(cancel_attendance_request.reason), '');
begin
  select * into r from public.attendance_requests x where x.id = cancel_attendance_request.request_id for update;
  if not found or not app.can_read_attendance(r.agent_id) then
    raise exception 'no such request' using errcode = '42501';
  end if;
  staff := app.has_site_role(r.site_id, '{supervisor,manager,admin}');
  if not (staff or app.is_own_agent(r.agent_id)) then
    raise exception 'only the agent and the site''s supervisors and managers cancel requests' using errcode = '42501';
  end if;
  if r.status not in ('pending', 'approved') then
    raise exception 'the request is already %', r.status using errcode = 'CB068';
  end if;
  if r.status = 'approved' and not staff and r.starts_at <= now() then
    raise exception 'an approved request that has begun is cancelled by a supervisor' using errcode = 'CB068';
  end if;
  if length(clean_reason) > 1000 then
    raise exception 'the reason is longer than 1000 characters' using errcode = 'CB065';
  end if;

  insert into public.attendance_request_steps (request_id, site_id, action, comment)
  values (r.id, r.site_id, 'cancelled', clean_reason);
  if r.status = 'approved' then
    perform app.request_months_open(r, coalesce(clean_reason, 'Approved request cancelled'));
    delete from public.approved_leave l where l.request_id = r.id;
    select -sum(l.minutes)::integer into returned from public.leave_ledger l where l.request_id = r.id;
    if coalesce(returned, 0) <> 0 then
      insert into public.leave_ledger (site_id, agent_id, leave_type, minutes, reason, request_id)
      values (r.site_id, r.agent_id, r.leave_type, returned, 'Leave returned (request cancelled)', r.id);
    end if;
    update public.attendance_requests x set status = 'cancelled', decided_at = now() where x.id = r.id returning * into r;
    perform app.rejudge_request(r, 'request_cancelled', coalesce(clean_reason, 'Approved request cancelled'));
  else
    update public.attendance_requests x set status = 'cancelled', decided_at = now() where x.id = r.id returning * into r;
  end if;
  return r;
end;
$$;
comment on function public.cancel_attendance_request(uuid, text) is
  'Cancels a pending request (the agent or the site''s supervisors, managers, admins) or an approved one (the agent before it begins; staff any time): its approved_leave rows go, its leave minutes return to the ledger, the days are re-judged. CB068 not cancellable.';
revoke execute on function public.cancel_attendance_request(uuid, text) from public, anon, authenticated;
grant execute on function public.cancel_attendance_request(uuid, text) to authenticated, service_role;

-- ------------------------------------------------------------- balances

create function public.leave_balances(agent_id uuid)
returns table (leave_type text, balance_min integer, granted_min integer, taken_min integer, pending_min integer)
language sql
stable
security definer
set search_path = ''
as $$
  with types (leave_type) as (values ('annual'), ('compensatory'), ('visit_half_day'))
  select t.leave_type,
    coalesce(sum(l.minutes), 0)::integer,
    coalesce(sum(l.minutes) filter (where l.minutes > 0 and l.request_id is null), 0)::integer,
    coalesce(-sum(l.minutes) filter (where l.request_id is not null), 0)::integer,
    (select coalesce(sum(app.leave_minutes(r)), 0)::integer from public.attendance_requests r
     where r.agent_id = leave_balances.agent_id and r.status = 'pending' and r.leave_type = t.leave_type)
  from types t
  left join public.leave_ledger l on l.agent_id = leave_balances.agent_id and l.leave_type = t.leave_type
  where app.can_read_attendance(leave_balances.agent_id)
  group by t.leave_type
  order by array_position(array['annual', 'compensatory', 'visit_half_day'], t.leave_type)
$$;
comment on function public.leave_balances(uuid) is
  'An agent''s balance per leave type with a balance (minutes): the ledger''s sum, what was granted by hand, taken by requests (net of returns), and what pending requests would take. Whoever reads the agent''s attendance.';
revoke execute on function public.leave_balances(uuid) from public, anon, authenticated;
grant execute on function public.leave_balances(uuid) to authenticated, service_role;

create function public.grant_leave_balance(agent_id uuid, leave_type text, minutes integer, reason text)
returns public.leave_ledger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target public.agents;
  entry public.leave_ledger;
begin
  select * into target from public.agents a where a.id = grant_leave_balance.agent_id;
  if not found or not app.has_site_role(target.site_id, '{supervisor,manager,admin}') then
    raise exception 'only the site''s supervisors, managers and admins grant leave' using errcode = '42501';
  end if;
  if not coalesce(app.leave_type_has_balance(grant_leave_balance.leave_type), false) then
    raise exception 'leave type % has no balance', grant_leave_balance.leave_type using errcode = 'CB065';
  end if;
  if coalesce(minutes, 0) = 0 or abs(minutes) > 366 * 480 then
    raise exception 'grant between 1 minute and a year of days (negative to take back)' using errcode = 'CB065';
  end if;
  if length(btrim(coalesce(reason, ''))) not between 1 and 500 then
    raise exception 'say why (1 to 500 characters)' using errcode = 'CB065';
  end if;
  if minutes < 0 and app.leave_balance_of(target.id, grant_leave_balance.leave_type) + minutes < 0 then
    raise exception 'the balance would fall below zero' using errcode = 'CB067';
  end if;
  insert into public.leave_ledger (site_id, agent_id, leave_type, minutes, reason)
  values (target.site_id, target.id, grant_leave_balance.leave_type, minutes, btrim(reason))
  returning * into entry;
  return entry;
end;
$$;
comment on function public.grant_leave_balance(uuid, text, integer, text) is
  'Adds (or, negative, takes back) minutes of a leave type with a balance, with a reason. The site''s supervisors, managers and admins.';
revoke execute on function public.grant_leave_balance(uuid, text, integer, text) from public, anon, authenticated;
grant execute on function public.grant_leave_balance(uuid, text, integer, text) to authenticated, service_role;

-- ----------------------------------------------------------- the lists

-- The requests of a site the caller reads (an agent their own, a lead their
-- team's, staff the site's) filed or ending since a moment, with the
-- agent's name, the minutes a leave takes, the waiting role, whether the
-- caller may decide it now and the steps so far.
create function public.attendance_request_list(site_id uuid, since timestamptz default null)
returns table (
  id uuid,
  agent_id uuid,
  agent_name text,
  team_name text,
  kind public.attendance_request_kind,
  leave_type text,
  starts_at timestamptz,
  ends_at timestamptz,
  reason text,
  status public.attendance_request_status,
  late_filed boolean,
  filed_at timestamptz,
  decided_at timestamptz,
  leave_minutes integer,
  waiting_role public.app_role,
  may_decide boolean,
  may_cancel boolean,
  steps jsonb
)
language sql
stable
security definer
set search_path = ''
as $$
  select r.id, r.agent_id, a.display_name, t.name, r.kind, r.leave_type, r.starts_at, r.ends_at, r.reason, r.status,
    r.late_filed, r.filed_at, r.decided_at,
    case when r.kind = 'leave' then app.leave_minutes(r) end,
    app.request_waiting_role(r),
    app.may_decide_request(r),
    r.status = 'pending' and (app.is_own_agent(r.agent_id) or app.has_site_role(r.site_id, '{supervisor,manager,admin}'))
      or r.status = 'approved' and (app.has_site_role(r.site_id, '{supervisor,manager,admin}')
        or app.is_own_agent(r.agent_id) and r.starts_at > now()),
    coalesce((
      select jsonb_agg(jsonb_build_object('action', s.action, 'as_role', s.as_role, 'comment', s.comment,
        'made_at', s.made_at, 'made_by', coalesce(u.raw_user_meta_data ->> 'display_name', u.email)) order by s.made_at, s.id)
      from public.attendance_request_steps s
      left join auth.users u on u.id = s.made_by
      where s.request_id = r.id
    ), '[]'::jsonb)
  from public.attendance_requests r
  join public.agents a on a.id = r.agent_id
  left join public.teams t on t.id = a.team_id
  where r.site_id = attendance_request_list.site_id
    and app.can_read_attendance(r.agent_id)
    and (attendance_request_list.since is null or r.status = 'pending'
      or r.filed_at >= attendance_request_list.since or r.ends_at >= attendance_request_list.since)
  order by r.status = 'pending' desc, r.starts_at desc, r.id
$$;
comment on function public.attendance_request_list(uuid, timestamptz) is
  'The site''s requests the caller reads (pending ones always, others filed or ending since `since`), with the agent, the leave minutes, the waiting step, whether the caller may decide or cancel it, and its steps.';
revoke execute on function public.attendance_request_list(uuid, timestamptz) from public, anon, authenticated;
grant execute on function public.attendance_request_list(uuid, timestamptz) to authenticated, service_role;

-- The number the navigation shows: requests waiting for the caller's decision.
create function public.attendance_requests_waiting(site_id uuid) returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select count(*)::integer from public.attendance_requests r
  where r.site_id = attendance_requests_waiting.site_id and r.status = 'pending' and app.may_decide_request(r)
$$;
comment on function public.attendance_requests_waiting(uuid) is
  'How many of the site''s pending requests wait for the caller''s decision (the navigation badge).';
revoke execute on function public.attendance_requests_waiting(uuid) from public, anon, authenticated;
grant execute on function public.attendance_requests_waiting(uuid) to authenticated, service_role;
