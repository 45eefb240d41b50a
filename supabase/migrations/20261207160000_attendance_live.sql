-- Attendance screens (issue 12): the supervisor's Today, live.
--
-- * Every change to a site's judged days (a punch re-judged by the engine, a
--   correction, a request approved, a day closed) is broadcast to the private
--   topic `attendance:<site_id>` as `attendance_changed` with the site and
--   the work dates touched — never an agent, a status or a time, so the topic
--   tells its readers only that something changed; the page then reads what
--   it may see through app.can_read_attendance. One message per site and
--   work date per transaction (the engine judges a month for a whole site in
--   one statement), and none when a re-judge changed nothing but judged_at.
-- * Who may join the topic: the site's leads, supervisors, managers and
--   admins, who are offered /attendance (a lead then reads their own team's
--   rows only). Agents, displays, kiosks, QA, analysts and other sites' staff
--   may not; nobody publishes presence on it.
-- * public.attendance_today(site_id): the Today board's rows — each agent
--   with a published shift today (or a night shift from yesterday still
--   running), or on approved leave today — with the judged day when there is
--   one and where the agent stands now: in, late, left, due, overdue (past
--   start + grace and not in: the minutes so far), absent (judged absent, or
--   not in past the half-day tier or the shift's end), on leave, out on an
--   approved outing. The minutes follow the engine's rule (whole minutes,
--   seconds dropped; exactly start + grace is not late).

-- ---------------------------------------------------------------- topic

create or replace function app.can_read_topic(topic text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce(
    app.is_site_member(app.topic_uuid(topic, 'wall'))
    or app.is_own_agent(app.topic_uuid(topic, 'agent'))
    or app.leads_agent(app.topic_uuid(topic, 'agent'))
    or exists (
      select 1 from public.agents a
      where a.id = app.topic_uuid(topic, 'agent')
        and app.has_site_role(a.site_id, '{supervisor,manager,admin}')
    )
    or app.can_follow_team_schedules(app.topic_uuid(topic, 'schedule'))
    or app.has_site_role(app.topic_uuid(topic, 'attendance'), '{lead,supervisor,manager,admin}'),
    false
  )
$$;

-- The attendance topic carries only database broadcasts: no presence there.
create or replace function app.can_publish_presence(topic text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select case
    when app.topic_uuid(topic, 'wall') is not null
      then app.has_site_role(app.topic_uuid(topic, 'wall'), '{display}')
    when app.topic_uuid(topic, 'attendance') is not null then false
    else app.can_read_topic(topic)
  end
$$;

-- ---------------------------------------------------------------- broadcast

-- Sends `attendance_changed` for the dates of a site not yet sent in this
-- transaction (a transaction-local setting remembers them): the messages
-- reach the topic at commit, when every statement's change is visible.
create function app.send_attendance_changed(site_id uuid, work_dates date[]) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  sent_key text := 'callboard.attendance_sent_' || replace(site_id::text, '-', '');
  sent date[] := coalesce(nullif(current_setting(sent_key, true), '')::date[], '{}');
  fresh date[];
begin
  select coalesce(array_agg(distinct d order by d), '{}') into fresh
  from unnest(work_dates) d where d is not null and not d = any (sent);
  if cardinality(fresh) = 0 then
    return;
  end if;
  perform set_config(sent_key, (sent || fresh)::text, true);
  perform realtime.send(
    jsonb_build_object('site_id', site_id, 'work_dates', to_jsonb(fresh)),
    'attendance_changed', 'attendance:' || site_id, true);
end;
$$;
revoke execute on function app.send_attendance_changed(uuid, date[]) from public, anon, authenticated;

-- Statement triggers with transition tables: a month judged for 500 agents
-- costs one pass over the changed rows, not a function call per row.
create function app.broadcast_attendance_days() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  changed record;
begin
  if tg_op = 'INSERT' then
    for changed in
      select n.site_id, array_agg(distinct n.work_date) as dates from new_days n group by n.site_id
    loop
      perform app.send_attendance_changed(changed.site_id, changed.dates);
    end loop;
  elsif tg_op = 'DELETE' then
    for changed in
      select o.site_id, array_agg(distinct o.work_date) as dates from old_days o group by o.site_id
    loop
      perform app.send_attendance_changed(changed.site_id, changed.dates);
    end loop;
  else
    -- A re-judge that only stamped judged_at is no news.
    for changed in
      select d.site_id, array_agg(distinct d.work_date) as dates
      from new_days n
      join old_days o on o.id = n.id
      cross join lateral (values (n.site_id, n.work_date), (o.site_id, o.work_date)) as d (site_id, work_date)
      where (to_jsonb(n) - 'judged_at') is distinct from (to_jsonb(o) - 'judged_at')
      group by d.site_id
    loop
      perform app.send_attendance_changed(changed.site_id, changed.dates);
    end loop;
  end if;
  return null;
end;
$$;
revoke execute on function app.broadcast_attendance_days() from public, anon, authenticated;

create trigger attendance_days_broadcast_insert after insert on public.attendance_days
  referencing new table as new_days
  for each statement execute function app.broadcast_attendance_days();
create trigger attendance_days_broadcast_update after update on public.attendance_days
  referencing old table as old_days new table as new_days
  for each statement execute function app.broadcast_attendance_days();
create trigger attendance_days_broadcast_delete after delete on public.attendance_days
  referencing old table as old_days
  for each statement execute function app.broadcast_attendance_days();

-- ---------------------------------------------------------------- today

create function public.attendance_today(site_id uuid, moment timestamptz default now())
returns table (
  agent_id uuid,
  display_name text,
  employee_no text,
  team_id uuid,
  team_name text,
  work_date date,
  shift_id uuid,
  shift_start timestamptz,
  shift_end timestamptz,
  day_id uuid,
  -- null until the engine has judged the shift
  status public.attendance_status,
  first_in timestamptz,
  last_out timestamptz,
  late_min integer,
  early_min integer,
  -- in | late | left | due | overdue | absent | leave | outing
  state text,
  -- late: the minutes late on arrival; overdue: the minutes since the start so far
  minutes integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  today date;
  pol public.attendance_policies;
begin
  if not app.has_site_role(attendance_today.site_id, '{lead,supervisor,manager,admin}') then
    raise exception 'only the site''s leads, supervisors, managers and admins see its attendance today'
      using errcode = '42501';
  end if;
  today := app.site_today(attendance_today.site_id, moment);
  select * into pol from public.attendance_policies p
  where p.site_id = attendance_today.site_id and p.effective_from <= today
  order by p.effective_from desc limit 1;

  return query
  with shifts as (
    select sh.id, sh.agent_id, sh.day, sh.start_ts, sh.end_ts
    from public.schedule_shifts sh
    join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
    where sh.site_id = attendance_today.site_id and sh.agent_id is not null
      and (sh.day = today or (sh.day = today - 1 and sh.end_ts > moment))
  ),
  on_leave as (
    select l.agent_id from public.approved_leave l
    where l.site_id = attendance_today.site_id and today between l.starts_on and l.ends_on
    union
    select r.agent_id from public.attendance_requests r
    where r.site_id = attendance_today.site_id and r.kind = 'leave' and r.status = 'approved'
      and tstzrange(r.starts_at, r.ends_at) && app.site_day(attendance_today.site_id, today)
  ),
  outing_now as (
    select r.agent_id from public.attendance_requests r
    where r.site_id = attendance_today.site_id and r.kind = 'outing' and r.status = 'approved'
      and r.starts_at <= moment and moment < r.ends_at
  ),
  lines as (
    -- each shift of today with its judged day
    select sh.agent_id, sh.day as work_date, sh.id as shift_id, sh.start_ts, sh.end_ts, d.id as day_id, d.status,
      d.first_in, d.last_out, d.late_min, d.early_min
    from shifts sh
    left join public.attendance_days d on d.agent_id = sh.agent_id and d.shift_id = sh.id
    union all
    -- judged days of today without a shift that say something (leave, outing, an unscheduled punch)
    select d.agent_id, d.work_date, null, null, null, d.id, d.status, d.first_in, d.last_out, d.late_min, d.early_min
    from public.attendance_days d
    where d.site_id = attendance_today.site_id and d.work_date = today and d.shift_id is null
      and d.status not in ('rest', 'holiday')
    union all
    -- on leave today with nothing else to show (a leave day has no shift)
    select l.agent_id, today, null, null, null, null, null, null, null, null, null
    from on_leave l
    where not exists (select 1 from shifts sh where sh.agent_id = l.agent_id)
      and not exists (
        select 1 from public.attendance_days d
        where d.agent_id = l.agent_id and d.work_date = today and d.shift_id is null and d.status not in ('rest', 'holiday')
      )
  ),
  judged as (
    select ln.*,
      -- whole minutes since the start, seconds dropped (the engine's rule)
      floor(extract(epoch from (moment - ln.start_ts)) / 60)::integer as since_start,
      exists (select 1 from on_leave l where l.agent_id = ln.agent_id) as leave_today,
      exists (select 1 from outing_now o where o.agent_id = ln.agent_id) as out_now
    from lines ln
  ),
  placed as (
    select j.*,
      case
        when j.status = 'leave' or (j.leave_today and j.first_in is null) then 'leave'
        when j.status = 'outing' or j.out_now then 'outing'
        when j.first_in is not null and j.last_out is not null and j.last_out > j.first_in then 'left'
        when j.first_in is not null and coalesce(j.late_min, 0) > pol.grace_min then 'late'
        when j.first_in is not null then 'in'
        when j.status in ('absent', 'half_day', 'missing_punch') and j.first_in is null then 'absent'
        when j.start_ts is null then 'in'
        when j.since_start <= pol.grace_min then 'due'
        when moment >= j.end_ts or j.since_start > pol.half_day_max_min then 'absent'
        else 'overdue'
      end as state
    from judged j
  )
  select p.agent_id, a.display_name, a.employee_no, a.team_id, t.name, p.work_date, p.shift_id, p.start_ts, p.end_ts,
    p.day_id, p.status, p.first_in, p.last_out, p.late_min, p.early_min, p.state,
    case p.state when 'late' then p.late_min when 'overdue' then p.since_start when 'left' then p.early_min end
  from placed p
  join public.agents a on a.id = p.agent_id
  join public.teams t on t.id = a.team_id
  where app.can_read_attendance(p.agent_id)
  order by t.name, a.display_name, p.start_ts nulls first;
end;
$$;
comment on function public.attendance_today(uuid, timestamptz) is
  'The Today board: each agent due today (or on leave) with the judged day and where they stand now. Leads see their team, the site''s supervisors, managers and admins everyone.';
revoke execute on function public.attendance_today(uuid, timestamptz) from public, anon, authenticated;
grant execute on function public.attendance_today(uuid, timestamptz) to authenticated, service_role;
