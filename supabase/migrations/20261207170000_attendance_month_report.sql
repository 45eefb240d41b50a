-- The monthly attendance report (issue 12, deliverable 8): per agent and
-- team for one site month, the figures payroll takes — scheduled days, days
-- at work, late and early leave (count and minutes), half-days, absences,
-- missing punches, leave by type, outings, approved overtime, deductions per
-- tier and in total — with a total per team and one for the site.
--
-- How a day counts: each judged day (attendance_days) counts once, under the
-- status the engine or a supervisor's override gave it, so the status
-- columns add up to the judged days. "Present" is a day at work for the
-- shift: present, late or early leave (the late and early columns are
-- subsets of it). Late and early minutes are those of the days counted late
-- / early; a day judged a half-day or an absence for its lateness counts
-- there, not as late. A day both late and left early (its explanation names
-- both tiers) counts in both, and its deduction is split between the tiers.
-- Days still open (the check-out window has not passed) are counted apart,
-- in open_days.
--
-- Leave by type, in days: a day judged leave counts 1 for the type of the
-- approved leave request that covers most of its shift (else of the
-- approved_leave entry of its date; else 'other'); a day judged otherwise
-- that an approved leave request covers in part (leave for a few hours)
-- counts 0.5. Outings are the approved outing requests that start in the
-- month (site time), with their length. Overtime counts only what was both
-- worked (the engine's overtime_min) and approved: on each day, at most the
-- minutes of approved overtime requests inside the span the agent was there
-- (first punch or shift start to last punch or shift end); a policy with
-- overtime_needs_approval = false pays all of it.
--
-- Agents count under the team they are in now; the site's inactive agents
-- appear only in the months they have judged days or published shifts in.
--
-- Who sees what: exactly who may read the days (the attendance_days policy):
-- an agent their own row, a lead their team, the site's supervisors,
-- managers, admins and analysts the site. Totals are over the rows the
-- caller sees. Displays, kiosks and QA are refused (42501).

create function app.attendance_month_figures(site_id uuid, first_day date, last_day date, only_team uuid)
returns table (
  row_kind text,
  team uuid,
  team_name text,
  agent uuid,
  agent_name text,
  employee_no text,
  agents integer,
  scheduled_days integer,
  present_days integer,
  late_count integer,
  late_min integer,
  early_count integer,
  early_min integer,
  half_days integer,
  absent_days integer,
  missing_punches integer,
  open_days integer,
  leave_days numeric,
  leave_annual numeric,
  leave_sick numeric,
  leave_personal numeric,
  leave_compensatory numeric,
  leave_visit_half_day numeric,
  leave_marriage numeric,
  leave_maternity numeric,
  leave_bereavement numeric,
  leave_other numeric,
  outings integer,
  outing_min integer,
  overtime_min integer,
  deduction_late numeric,
  deduction_early numeric,
  deduction_half_day numeric,
  deduction_absent numeric,
  deduction_missing_punch numeric,
  deduction_other numeric,
  deduction_total numeric
)
language plpgsql
stable
security definer
set search_path = ''
as $$
-- plpgsql, not sql: its query is planned with the month's dates as values
-- (a custom plan), where a sql function's generic plan joined days and
-- requests in nested loops (25 s against 0.08 s for a month of 500 agents).
#variable_conflict use_column
begin
  return query
  with
  access as (
    -- Supervisors, managers, admins and analysts read every agent of the site; asked once.
    select app.has_site_role(attendance_month_figures.site_id, '{supervisor,manager,admin,analyst}') as whole_site
  ),
  site as (
    select s.id, s.time_zone from public.sites s where s.id = attendance_month_figures.site_id
  ),
  -- The agents the caller may read (as the attendance_days policy says):
  -- the site's active agents, and inactive ones with days or shifts in the month.
  who as (
    select a.id, a.team_id, a.display_name, a.employee_no
    from public.agents a
    cross join access
    where a.site_id = attendance_month_figures.site_id
      and (attendance_month_figures.only_team is null or a.team_id = attendance_month_figures.only_team)
      and (access.whole_site or app.can_read_attendance(a.id))
      and (
        a.active
        or exists (
          select 1 from public.attendance_days d
          where d.agent_id = a.id and d.work_date between attendance_month_figures.first_day and attendance_month_figures.last_day
        )
        or exists (
          select 1 from public.schedule_shifts sh join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
          where sh.agent_id = a.id and sh.day between attendance_month_figures.first_day and attendance_month_figures.last_day
        )
      )
  ),
  days as (
    select d.*,
      -- The stretch the agent was there for, to find approved overtime in.
      tstzrange(least(d.shift_start, d.first_in), greatest(d.shift_end, d.last_out)) as span,
      -- What a leave request must cover to count for the day: the shift, else the site day.
      coalesce(tstzrange(d.shift_start, d.shift_end), app.site_day(d.site_id, d.work_date)) as leave_span,
      coalesce(p.overtime_needs_approval, true) as overtime_needs_approval,
      p.deduction_late as p_late, p.deduction_early as p_early, p.deduction_half_day as p_half_day,
      -- The tiers the engine found, from its explanation (an override's day counts by its status alone).
      not d.explanation @> '[{"code": "override"}]' and d.explanation @> '[{"code": "late"}]' as late_found,
      not d.explanation @> '[{"code": "override"}]' and d.explanation @> '[{"code": "early"}]' as early_found
    from public.attendance_days d
    join who on who.id = d.agent_id
    left join public.attendance_policies p on p.id = d.policy_id
    where d.site_id = attendance_month_figures.site_id
      and d.work_date between attendance_month_figures.first_day and attendance_month_figures.last_day
  ),
  scheduled as (
    select sh.agent_id, count(distinct sh.day)::integer as n
    from public.schedule_shifts sh
    join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
    join who on who.id = sh.agent_id
    where sh.site_id = attendance_month_figures.site_id
      and sh.day between attendance_month_figures.first_day and attendance_month_figures.last_day
    group by sh.agent_id
  ),
  -- Approved requests of the readable agents near the month, joined to the
  -- days they touch (a hash join, not a look-up per day).
  requests as (
    select r.agent_id, r.kind, r.leave_type, tstzrange(r.starts_at, r.ends_at) as span, r.starts_at
    from public.attendance_requests r
    join who on who.id = r.agent_id
    where r.status = 'approved' and r.kind in ('leave', 'overtime')
      and r.ends_at > (attendance_month_figures.first_day - 1)::timestamp at time zone 'UTC'
      and r.starts_at < (attendance_month_figures.last_day + 2)::timestamp at time zone 'UTC'
  ),
  -- Per day, the approved leave request covering most of its shift (or its site day).
  day_leave as (
    select distinct on (d.id) d.id, r.leave_type
    from days d
    join requests r on r.agent_id = d.agent_id and r.kind = 'leave' and r.span && d.leave_span
    order by d.id, upper(r.span * d.leave_span) - lower(r.span * d.leave_span) desc, r.starts_at
  ),
  leave_parts as (
    select d.agent_id,
      coalesce(dl.leave_type, (
        select l.kind from public.approved_leave l
        where l.agent_id = d.agent_id and d.work_date between l.starts_on and l.ends_on
        order by l.starts_on limit 1
      ), 'other') as leave_type,
      1.0 as days
    from days d
    left join day_leave dl on dl.id = d.id
    where d.status = 'leave'
    union all
    select d.agent_id, dl.leave_type, 0.5
    from days d
    join day_leave dl on dl.id = d.id
    where d.status not in ('leave', 'open', 'rest', 'holiday') and d.shift_start is not null
  ),
  leave_by_agent as (
    select lp.agent_id,
      sum(lp.days) as total,
      coalesce(sum(lp.days) filter (where lp.leave_type = 'annual'), 0) as annual,
      coalesce(sum(lp.days) filter (where lp.leave_type = 'sick'), 0) as sick,
      coalesce(sum(lp.days) filter (where lp.leave_type = 'personal'), 0) as personal,
      coalesce(sum(lp.days) filter (where lp.leave_type = 'compensatory'), 0) as compensatory,
      coalesce(sum(lp.days) filter (where lp.leave_type = 'visit_half_day'), 0) as visit_half_day,
      coalesce(sum(lp.days) filter (where lp.leave_type = 'marriage'), 0) as marriage,
      coalesce(sum(lp.days) filter (where lp.leave_type = 'maternity'), 0) as maternity,
      coalesce(sum(lp.days) filter (where lp.leave_type = 'bereavement'), 0) as bereavement,
      coalesce(sum(lp.days) filter (where lp.leave_type = 'other'), 0) as other
    from leave_parts lp
    group by lp.agent_id
  ),
  outings as (
    select r.agent_id, count(*)::integer as n,
      sum(floor(extract(epoch from r.ends_at - r.starts_at) / 60))::integer as minutes
    from public.attendance_requests r
    join who on who.id = r.agent_id
    cross join site
    where r.kind = 'outing' and r.status = 'approved'
      and (r.starts_at at time zone site.time_zone)::date
        between attendance_month_figures.first_day and attendance_month_figures.last_day
    group by r.agent_id
  ),
  -- Approved overtime minutes inside each day's span.
  approved_overtime as (
    select d.id, sum(floor(extract(epoch from upper(r.span * d.span) - lower(r.span * d.span)) / 60)) as minutes
    from days d
    join requests r on r.agent_id = d.agent_id and r.kind = 'overtime' and r.span && d.span
    where d.overtime_min > 0 and d.overtime_needs_approval
    group by d.id
  ),
  overtime as (
    select d.agent_id,
      sum(case when d.overtime_needs_approval then least(d.overtime_min, coalesce(ao.minutes, 0)) else d.overtime_min end)::integer
        as minutes
    from days d
    left join approved_overtime ao on ao.id = d.id
    where d.overtime_min > 0
    group by d.agent_id
  ),
  -- A day can be late and leave early at once: the engine then judges it by
  -- the worse tier (late, or a half-day) and charges both tiers' amounts.
  -- Its explanation names both tiers ('late', 'early'), so such a day also
  -- counts as an early leave (or late), and its deduction is split back into
  -- the two tiers when it is exactly their policy amounts; an overridden day
  -- counts under its new status only.
  judged as (
    select d.*,
      d.status = 'late' or (d.status in ('early_leave', 'half_day') and d.late_found) as counts_late,
      d.status = 'early_leave' or (d.status in ('late', 'half_day') and d.early_found) as counts_early,
      case when d.tier in ('early', 'half_day') and d.late_found then coalesce(d.p_late, 0) else 0 end as late_extra,
      case when d.tier in ('late', 'half_day') and d.early_found then coalesce(d.p_early, 0) else 0 end as early_extra,
      case d.tier when 'late' then d.p_late when 'early' then d.p_early when 'half_day' then d.p_half_day end as tier_base
    from days d
  ),
  charged as (
    select j.*,
      case when j.split then j.late_extra else 0 end as split_late,
      case when j.split then j.early_extra else 0 end as split_early
    from (
      select j.*, j.late_extra + j.early_extra > 0 and j.deduction = j.tier_base + j.late_extra + j.early_extra as split
      from judged j
    ) j
  ),
  day_counts as (
    select d.agent_id,
      count(*) filter (where d.status in ('present', 'late', 'early_leave'))::integer as present_days,
      count(*) filter (where d.counts_late)::integer as late_count,
      coalesce(sum(d.late_min) filter (where d.counts_late), 0)::integer as late_min,
      count(*) filter (where d.counts_early)::integer as early_count,
      coalesce(sum(d.early_min) filter (where d.counts_early), 0)::integer as early_min,
      count(*) filter (where d.status = 'half_day')::integer as half_days,
      count(*) filter (where d.status = 'absent')::integer as absent_days,
      count(*) filter (where d.status = 'missing_punch')::integer as missing_punches,
      count(*) filter (where d.status = 'open')::integer as open_days,
      coalesce(sum(case when d.tier = 'late' then d.deduction - d.split_early else d.split_late end), 0) as deduction_late,
      coalesce(sum(case when d.tier = 'early' then d.deduction - d.split_late else d.split_early end), 0) as deduction_early,
      coalesce(sum(d.deduction - d.split_late - d.split_early) filter (where d.tier = 'half_day'), 0) as deduction_half_day,
      coalesce(sum(d.deduction) filter (where d.tier = 'absent'), 0) as deduction_absent,
      coalesce(sum(d.deduction) filter (where d.tier = 'missing_punch'), 0) as deduction_missing_punch,
      coalesce(sum(d.deduction) filter (
        where d.tier is null or d.tier not in ('late', 'early', 'half_day', 'absent', 'missing_punch')
      ), 0) as deduction_other,
      coalesce(sum(d.deduction), 0) as deduction_total
    from charged d
    group by d.agent_id
  ),
  per_agent as (
    select who.id, who.team_id, who.display_name, who.employee_no,
      coalesce(sc.n, 0) as scheduled_days,
      coalesce(dc.present_days, 0) as present_days,
      coalesce(dc.late_count, 0) as late_count,
      coalesce(dc.late_min, 0) as late_min,
      coalesce(dc.early_count, 0) as early_count,
      coalesce(dc.early_min, 0) as early_min,
      coalesce(dc.half_days, 0) as half_days,
      coalesce(dc.absent_days, 0) as absent_days,
      coalesce(dc.missing_punches, 0) as missing_punches,
      coalesce(dc.open_days, 0) as open_days,
      coalesce(lv.total, 0) as leave_days,
      coalesce(lv.annual, 0) as leave_annual,
      coalesce(lv.sick, 0) as leave_sick,
      coalesce(lv.personal, 0) as leave_personal,
      coalesce(lv.compensatory, 0) as leave_compensatory,
      coalesce(lv.visit_half_day, 0) as leave_visit_half_day,
      coalesce(lv.marriage, 0) as leave_marriage,
      coalesce(lv.maternity, 0) as leave_maternity,
      coalesce(lv.bereavement, 0) as leave_bereavement,
      coalesce(lv.other, 0) as leave_other,
      coalesce(o.n, 0) as outings,
      coalesce(o.minutes, 0) as outing_min,
      coalesce(ot.minutes, 0) as overtime_min,
      coalesce(dc.deduction_late, 0) as deduction_late,
      coalesce(dc.deduction_early, 0) as deduction_early,
      coalesce(dc.deduction_half_day, 0) as deduction_half_day,
      coalesce(dc.deduction_absent, 0) as deduction_absent,
      coalesce(dc.deduction_missing_punch, 0) as deduction_missing_punch,
      coalesce(dc.deduction_other, 0) as deduction_other,
      coalesce(dc.deduction_total, 0) as deduction_total
    from who
    left join scheduled sc on sc.agent_id = who.id
    left join day_counts dc on dc.agent_id = who.id
    left join leave_by_agent lv on lv.agent_id = who.id
    left join outings o on o.agent_id = who.id
    left join overtime ot on ot.agent_id = who.id
  )
  select
    case when grouping(pa.team_id) = 1 then 'site' when grouping(pa.id) = 1 then 'team' else 'agent' end,
    pa.team_id,
    t.name,
    pa.id,
    case when grouping(pa.id) = 0 then min(pa.display_name) end,
    case when grouping(pa.id) = 0 then min(pa.employee_no) end,
    count(*)::integer,
    sum(pa.scheduled_days)::integer,
    sum(pa.present_days)::integer,
    sum(pa.late_count)::integer,
    sum(pa.late_min)::integer,
    sum(pa.early_count)::integer,
    sum(pa.early_min)::integer,
    sum(pa.half_days)::integer,
    sum(pa.absent_days)::integer,
    sum(pa.missing_punches)::integer,
    sum(pa.open_days)::integer,
    sum(pa.leave_days),
    sum(pa.leave_annual),
    sum(pa.leave_sick),
    sum(pa.leave_personal),
    sum(pa.leave_compensatory),
    sum(pa.leave_visit_half_day),
    sum(pa.leave_marriage),
    sum(pa.leave_maternity),
    sum(pa.leave_bereavement),
    sum(pa.leave_other),
    sum(pa.outings)::integer,
    sum(pa.outing_min)::integer,
    sum(pa.overtime_min)::integer,
    sum(pa.deduction_late),
    sum(pa.deduction_early),
    sum(pa.deduction_half_day),
    sum(pa.deduction_absent),
    sum(pa.deduction_missing_punch),
    sum(pa.deduction_other),
    sum(pa.deduction_total)
  from per_agent pa
  join public.teams t on t.id = pa.team_id
  group by grouping sets ((pa.team_id, t.name, pa.id), (pa.team_id, t.name), ())
  -- Teams by name, each team's agents by employee number and then its total; the site's total last.
  -- Byte order ("C"), so PGlite and PostgreSQL sort alike whatever their default collation.
  order by grouping(pa.team_id), t.name collate "C", pa.team_id, grouping(pa.id), min(pa.employee_no) collate "C";
end;
$$;
revoke execute on function app.attendance_month_figures(uuid, date, date, uuid) from public, anon, authenticated;

create function public.attendance_month_report(site_id uuid, month date, team_id uuid default null)
returns table (
  row_kind text,
  team uuid,
  team_name text,
  agent uuid,
  agent_name text,
  employee_no text,
  agents integer,
  scheduled_days integer,
  present_days integer,
  late_count integer,
  late_min integer,
  early_count integer,
  early_min integer,
  half_days integer,
  absent_days integer,
  missing_punches integer,
  open_days integer,
  leave_days numeric,
  leave_annual numeric,
  leave_sick numeric,
  leave_personal numeric,
  leave_compensatory numeric,
  leave_visit_half_day numeric,
  leave_marriage numeric,
  leave_maternity numeric,
  leave_bereavement numeric,
  leave_other numeric,
  outings integer,
  outing_min integer,
  overtime_min integer,
  deduction_late numeric,
  deduction_early numeric,
  deduction_half_day numeric,
  deduction_absent numeric,
  deduction_missing_punch numeric,
  deduction_other numeric,
  deduction_total numeric
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  first_day date := date_trunc('month', attendance_month_report.month)::date;
begin
  if attendance_month_report.site_id is null or attendance_month_report.month is null then
    raise exception 'a month report needs a site and a month' using errcode = 'CB090';
  end if;
  if not app.has_site_role(attendance_month_report.site_id, '{agent,lead,supervisor,manager,admin,analyst}') then
    raise exception 'only the site''s agents, leads, supervisors, managers, admins and analysts read its attendance report'
      using errcode = '42501';
  end if;
  if attendance_month_report.team_id is not null and not exists (
    select 1 from public.teams t
    where t.id = attendance_month_report.team_id and t.site_id = attendance_month_report.site_id
  ) then
    raise exception 'the team is not one of the site''s' using errcode = 'CB091';
  end if;
  return query
    select * from app.attendance_month_figures(
      attendance_month_report.site_id, first_day, (first_day + interval '1 month - 1 day')::date,
      attendance_month_report.team_id);
end;
$$;
comment on function public.attendance_month_report(uuid, date, uuid) is
  'The attendance report of the month containing `month`: a row per agent the caller may read (row_kind agent), a total per team (team) and one for the site (site). Days count under their judged status; overtime only when approved; leave in days by type.';
revoke execute on function public.attendance_month_report(uuid, date, uuid) from public, anon, authenticated;
grant execute on function public.attendance_month_report(uuid, date, uuid) to authenticated;
