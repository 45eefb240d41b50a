-- The outbound teams' two daily forms and their roll-ups (issue 13, DOMAIN.md
-- "Outbound teams") as views of facts already recorded, never new entry
-- forms: the call-effect sheet (电开效果管控表) of one caller and day, the
-- team's daily ledger (电开台帐) and the week across the sales center, and
-- the invitation register (意向客户邀约到访登记表).
--
-- Where each figure comes from (days are the site's calendar days):
--   calls made / connected   outbound legs in call_summaries by agent and
--                            offered_at; connected = answered_at set (as on
--                            the outbound wallboard, wall_outbound_today)
--   leads per grade          leads reached (connected lead_calls) that day,
--                            each counted once with the day's last grade
--   demand per product       the same leads by the product last named on the
--                            day's connected calls (leads naming none: not
--                            counted)
--   visits                   invitations confirmed (status visited) with
--                            visited_at that day
--   deals                    invitations with deal_at that day, by unit
--
-- Who reads what. The per-caller figures are counts with no customer data:
-- the caller, everyone of their team (the ledger is the team's record and is
-- pinned up on paper), and the site's supervisors, managers, admins and
-- analysts. The week across the center: team leads and those staff roles.
-- Customer names, phones and notes (the sheet's per-lead lines and the
-- register's customer fields) only for whom the leads' RLS lets read the
-- lead: the owning caller, their team lead, managers. The sheet's lines run
-- as the reader (security invoker) so RLS decides; the register checks
-- app.may_work_lead per row.
--
-- Codes: CB150 a day or date range that is not valid.

-- ------------------------------------------------------------- readers

-- May the signed-in user read this caller's daily figures (counts only)?
create function app.may_read_outbound_figures(target_agent uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.agents a
    where a.id = target_agent
      and (
        a.user_id = (select auth.uid())
        or app.is_team_member(a.team_id)
        or app.has_site_role(a.site_id, '{supervisor,manager,admin,analyst}')
      )
  )
$$;
revoke execute on function app.may_read_outbound_figures(uuid) from public, anon, authenticated;
grant execute on function app.may_read_outbound_figures(uuid) to authenticated, service_role;

-- ------------------------------------------------------------- figures

-- Every caller's figures per day of a site between two days (inclusive),
-- for the functions below only: one row per caller and day with anything
-- in it. Reads past RLS, so it is never granted to API roles.
create function app.outbound_day_figures(site_id uuid, from_day date, to_day date)
returns table (
  agent_id uuid,
  day date,
  dialed integer,
  connected integer,
  grade_a integer,
  grade_b integer,
  grade_c integer,
  grade_d integer,
  product_high_rise integer,
  product_villa integer,
  product_other integer,
  visits integer,
  deals_high_rise integer,
  deals_villa integer
)
language sql stable security definer
set search_path = ''
as $$
  with b as (
    select s.id, s.time_zone,
      from_day::timestamp at time zone s.time_zone as t0,
      (to_day + 1)::timestamp at time zone s.time_zone as t1
    from public.sites s where s.id = outbound_day_figures.site_id
  ),
  calls as (
    select c.agent_id, (c.offered_at at time zone b.time_zone)::date as day,
      count(*)::integer as dialed,
      count(*) filter (where c.answered_at is not null)::integer as connected
    from public.call_summaries c
    join b on c.site_id = b.id
    where c.direction = 'outbound' and c.agent_id is not null and c.offered_at >= b.t0 and c.offered_at < b.t1
    group by 1, 2
  ),
  -- Each lead reached that day once: its last grade of the day, and the
  -- product last named on that day's connected calls.
  reached as (
    select lc.agent_id, lc.lead_id, (lc.called_at at time zone b.time_zone)::date as day,
      (array_agg(lc.grade order by lc.called_at desc, lc.created_at desc))[1] as grade,
      (array_agg(lc.product order by lc.called_at desc, lc.created_at desc) filter (where lc.product is not null))[1] as product
    from public.lead_calls lc
    join b on lc.site_id = b.id
    where lc.connected and lc.called_at >= b.t0 and lc.called_at < b.t1
    group by 1, 2, 3
  ),
  graded as (
    select r.agent_id, r.day,
      count(*) filter (where r.grade = 'A')::integer as grade_a,
      count(*) filter (where r.grade = 'B')::integer as grade_b,
      count(*) filter (where r.grade = 'C')::integer as grade_c,
      count(*) filter (where r.grade = 'D')::integer as grade_d,
      count(*) filter (where r.product = 'high_rise')::integer as product_high_rise,
      count(*) filter (where r.product = 'villa')::integer as product_villa,
      count(*) filter (where r.product = 'other')::integer as product_other
    from reached r
    group by 1, 2
  ),
  visited as (
    select i.agent_id, (i.visited_at at time zone b.time_zone)::date as day, count(*)::integer as visits
    from public.invitations i
    join b on i.site_id = b.id
    where i.status = 'visited' and i.visited_at >= b.t0 and i.visited_at < b.t1
    group by 1, 2
  ),
  dealt as (
    select i.agent_id, (i.deal_at at time zone b.time_zone)::date as day,
      count(*) filter (where i.deal_product = 'high_rise')::integer as deals_high_rise,
      count(*) filter (where i.deal_product = 'villa')::integer as deals_villa
    from public.invitations i
    join b on i.site_id = b.id
    where i.deal_at >= b.t0 and i.deal_at < b.t1
    group by 1, 2
  )
  select agent_id, day,
    coalesce(calls.dialed, 0), coalesce(calls.connected, 0),
    coalesce(graded.grade_a, 0), coalesce(graded.grade_b, 0), coalesce(graded.grade_c, 0), coalesce(graded.grade_d, 0),
    coalesce(graded.product_high_rise, 0), coalesce(graded.product_villa, 0), coalesce(graded.product_other, 0),
    coalesce(visited.visits, 0), coalesce(dealt.deals_high_rise, 0), coalesce(dealt.deals_villa, 0)
  from calls
  full join graded using (agent_id, day)
  full join visited using (agent_id, day)
  full join dealt using (agent_id, day)
$$;
revoke execute on function app.outbound_day_figures(uuid, date, date) from public, anon, authenticated;

create function app.check_ledger_days(from_day date, to_day date, longest integer) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if from_day is null or to_day is null then
    raise exception 'name the day' using errcode = 'CB150';
  end if;
  if to_day < from_day then
    raise exception 'the range ends before it starts' using errcode = 'CB150';
  end if;
  if to_day - from_day >= longest then
    raise exception 'a range is at most % days', longest using errcode = 'CB150';
  end if;
end;
$$;
revoke execute on function app.check_ledger_days(date, date, integer) from public, anon, authenticated;

-- ------------------------------------------------- the call-effect sheet

-- The sheet's day figures of one caller (one row, zeros when the caller did
-- nothing that day).
create function public.call_effect_sheet(agent_id uuid, day date)
returns table (
  employee_no text,
  agent_name text,
  team_id uuid,
  team_name text,
  dialed integer,
  connected integer,
  grade_a integer,
  grade_b integer,
  grade_c integer,
  grade_d integer,
  product_high_rise integer,
  product_villa integer,
  product_other integer,
  visits integer,
  deals_high_rise integer,
  deals_villa integer
)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  a public.agents;
begin
  perform app.check_ledger_days(call_effect_sheet.day, call_effect_sheet.day, 1);
  select * into a from public.agents where id = call_effect_sheet.agent_id;
  if not found or not app.may_read_outbound_figures(a.id) then
    raise exception 'no such caller among those whose figures you read' using errcode = '42501';
  end if;
  return query
  select a.employee_no, a.display_name, a.team_id, t.name,
    coalesce(f.dialed, 0), coalesce(f.connected, 0),
    coalesce(f.grade_a, 0), coalesce(f.grade_b, 0), coalesce(f.grade_c, 0), coalesce(f.grade_d, 0),
    coalesce(f.product_high_rise, 0), coalesce(f.product_villa, 0), coalesce(f.product_other, 0),
    coalesce(f.visits, 0), coalesce(f.deals_high_rise, 0), coalesce(f.deals_villa, 0)
  from public.teams t
  left join app.outbound_day_figures(a.site_id, call_effect_sheet.day, call_effect_sheet.day) f on f.agent_id = a.id
  where t.id = a.team_id;
end;
$$;
comment on function public.call_effect_sheet(uuid, date) is
  '电开效果管控表, the day''s figures of one caller: calls made, connected, leads per grade, demand per product, visits, deals. The caller, their team, supervisors, managers, admins, analysts.';
revoke execute on function public.call_effect_sheet(uuid, date) from public, anon, authenticated;
grant execute on function public.call_effect_sheet(uuid, date) to authenticated, service_role;

-- The sheet's per-customer lines: each lead the caller called that day,
-- with the day's last grade (null: never reached), the product last named
-- (else the lead's), and the day's notes. Runs as the reader: the leads'
-- and the call log's RLS show the lines only to the caller, their team
-- lead and managers; anyone else gets no lines.
create function public.call_effect_lines(agent_id uuid, day date)
returns table (
  lead_id uuid,
  customer_name text,
  phone text,
  source public.lead_source,
  grade public.lead_grade,
  product public.product_kind,
  product_demand text,
  notes text,
  calls integer,
  connected integer,
  first_called_at timestamptz
)
language sql stable
set search_path = ''
as $$
  with b as (
    select s.time_zone,
      call_effect_lines.day::timestamp at time zone s.time_zone as t0,
      (call_effect_lines.day + 1)::timestamp at time zone s.time_zone as t1
    from public.agents a
    join public.sites s on s.id = a.site_id
    where a.id = call_effect_lines.agent_id
  ),
  day_calls as (
    select lc.lead_id,
      count(*)::integer as calls,
      count(*) filter (where lc.connected)::integer as connected,
      min(lc.called_at) as first_called_at,
      (array_agg(lc.grade order by lc.called_at desc, lc.created_at desc) filter (where lc.connected))[1] as grade,
      (array_agg(lc.product order by lc.called_at desc, lc.created_at desc) filter (where lc.product is not null))[1] as product,
      string_agg(lc.notes, ' / ' order by lc.called_at, lc.created_at) as notes
    from public.lead_calls lc
    cross join b
    where lc.agent_id = call_effect_lines.agent_id and lc.called_at >= b.t0 and lc.called_at < b.t1
    group by lc.lead_id
  )
  select l.id, l.customer_name, l.phone, l.source, d.grade, coalesce(d.product, l.product), l.product_demand, d.notes,
    d.calls, d.connected, d.first_called_at
  from day_calls d
  join public.leads l on l.id = d.lead_id
  order by d.first_called_at, l.id
$$;
comment on function public.call_effect_lines(uuid, date) is
  '电开效果管控表, the per-customer lines of one caller''s day (name, phone, source, grade, product, notes). As the reader: the leads'' RLS decides (caller, their team lead, managers).';
revoke execute on function public.call_effect_lines(uuid, date) from public, anon, authenticated;
grant execute on function public.call_effect_lines(uuid, date) to authenticated, service_role;

-- ------------------------------------------------------ the team ledger

-- 电开台帐: one row per caller of the team (every active one, and anyone
-- who moved on but has figures that day), by employee number, then the
-- team's total (agent_id null).
create function public.outbound_ledger(team_id uuid, day date)
returns table (
  agent_id uuid,
  employee_no text,
  agent_name text,
  dialed integer,
  connected integer,
  grade_a integer,
  grade_b integer,
  grade_c integer,
  grade_d integer,
  product_high_rise integer,
  product_villa integer,
  product_other integer,
  visits integer,
  deals_high_rise integer,
  deals_villa integer
)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  t public.teams;
begin
  perform app.check_ledger_days(outbound_ledger.day, outbound_ledger.day, 1);
  select * into t from public.teams where id = outbound_ledger.team_id;
  if not found or not (app.is_team_member(t.id) or app.has_site_role(t.site_id, '{supervisor,manager,admin,analyst}')) then
    raise exception 'no such team among those whose ledger you read' using errcode = '42501';
  end if;
  return query
  with f as (
    select * from app.outbound_day_figures(t.site_id, outbound_ledger.day, outbound_ledger.day)
  ),
  ledger as (
    select a.id, a.employee_no, a.display_name,
      coalesce(f.dialed, 0) as dialed, coalesce(f.connected, 0) as connected,
      coalesce(f.grade_a, 0) as grade_a, coalesce(f.grade_b, 0) as grade_b,
      coalesce(f.grade_c, 0) as grade_c, coalesce(f.grade_d, 0) as grade_d,
      coalesce(f.product_high_rise, 0) as product_high_rise, coalesce(f.product_villa, 0) as product_villa,
      coalesce(f.product_other, 0) as product_other, coalesce(f.visits, 0) as visits,
      coalesce(f.deals_high_rise, 0) as deals_high_rise, coalesce(f.deals_villa, 0) as deals_villa
    from public.agents a
    left join f on f.agent_id = a.id
    where a.team_id = t.id and (a.active or f.agent_id is not null)
  ),
  total as (
    select null::uuid as id, null::text as employee_no, null::text as display_name,
      coalesce(sum(r.dialed), 0)::integer as dialed, coalesce(sum(r.connected), 0)::integer as connected,
      coalesce(sum(r.grade_a), 0)::integer as grade_a, coalesce(sum(r.grade_b), 0)::integer as grade_b,
      coalesce(sum(r.grade_c), 0)::integer as grade_c, coalesce(sum(r.grade_d), 0)::integer as grade_d,
      coalesce(sum(r.product_high_rise), 0)::integer as product_high_rise,
      coalesce(sum(r.product_villa), 0)::integer as product_villa,
      coalesce(sum(r.product_other), 0)::integer as product_other, coalesce(sum(r.visits), 0)::integer as visits,
      coalesce(sum(r.deals_high_rise), 0)::integer as deals_high_rise,
      coalesce(sum(r.deals_villa), 0)::integer as deals_villa
    from ledger r
  )
  select x.id, x.employee_no, x.display_name, x.dialed, x.connected, x.grade_a, x.grade_b, x.grade_c, x.grade_d,
    x.product_high_rise, x.product_villa, x.product_other, x.visits, x.deals_high_rise, x.deals_villa
  from (select * from ledger union all select * from total) x
  order by x.id is null, x.employee_no, x.id;
end;
$$;
comment on function public.outbound_ledger(uuid, date) is
  '电开台帐: the day''s call-effect figures of every caller of a team, then the team total (agent_id null). The team''s members, supervisors, managers, admins, analysts.';
revoke execute on function public.outbound_ledger(uuid, date) from public, anon, authenticated;
grant execute on function public.outbound_ledger(uuid, date) to authenticated, service_role;

-- ------------------------------------------- the week across the center

-- Every outbound team of the site per day of the (Monday-based) week that
-- holds week_start, each team's week (day null), then the center's days and
-- week (team_id null). callers = callers who dialed at least once.
create function public.outbound_week_summary(site_id uuid, week_start date)
returns table (
  team_id uuid,
  team_name text,
  day date,
  callers integer,
  dialed integer,
  connected integer,
  grade_a integer,
  grade_b integer,
  grade_c integer,
  grade_d integer,
  product_high_rise integer,
  product_villa integer,
  product_other integer,
  visits integer,
  deals_high_rise integer,
  deals_villa integer
)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  monday date;
begin
  perform app.check_ledger_days(week_start, week_start, 1);
  if not app.has_site_role(outbound_week_summary.site_id, '{lead,supervisor,manager,admin,analyst}') then
    raise exception 'the week across the center is for team leads and staff' using errcode = '42501';
  end if;
  monday := date_trunc('week', week_start)::date;
  return query
  with days as (
    select (monday + n)::date as day from generate_series(0, 6) n
  ),
  f as (
    select * from app.outbound_day_figures(outbound_week_summary.site_id, monday, monday + 6)
  ),
  base as (
    select t.id as team_id, t.name as team_name, d.day, f.agent_id, f.dialed, f.connected,
      f.grade_a, f.grade_b, f.grade_c, f.grade_d, f.product_high_rise, f.product_villa, f.product_other,
      f.visits, f.deals_high_rise, f.deals_villa
    from public.teams t
    cross join days d
    left join (f join public.agents a on a.id = f.agent_id) on a.team_id = t.id and f.day = d.day
    where t.site_id = outbound_week_summary.site_id and t.kind = 'outbound'
  )
  select b.team_id, max(b.team_name), b.day,
    count(distinct b.agent_id) filter (where b.dialed > 0)::integer,
    coalesce(sum(b.dialed), 0)::integer, coalesce(sum(b.connected), 0)::integer,
    coalesce(sum(b.grade_a), 0)::integer, coalesce(sum(b.grade_b), 0)::integer,
    coalesce(sum(b.grade_c), 0)::integer, coalesce(sum(b.grade_d), 0)::integer,
    coalesce(sum(b.product_high_rise), 0)::integer, coalesce(sum(b.product_villa), 0)::integer,
    coalesce(sum(b.product_other), 0)::integer, coalesce(sum(b.visits), 0)::integer,
    coalesce(sum(b.deals_high_rise), 0)::integer, coalesce(sum(b.deals_villa), 0)::integer
  from base b
  group by grouping sets ((b.team_id, b.day), (b.team_id), (b.day), ())
  order by max(b.team_name) collate "C" nulls last, b.team_id nulls last, b.day nulls last;
end;
$$;
comment on function public.outbound_week_summary(uuid, date) is
  'The week (Monday to Sunday) across the sales center: each outbound team per day and week, then the center. Team leads, supervisors, managers, admins, analysts.';
revoke execute on function public.outbound_week_summary(uuid, date) from public, anon, authenticated;
grant execute on function public.outbound_week_summary(uuid, date) to authenticated, service_role;

-- ------------------------------------------------- the invitation register

-- 意向客户邀约到访登记表 of a team for appointments from one day to another
-- (at most 93 days): who registered which customer for when, and the team
-- lead's signature (who confirmed the visit, and when). Rows for whom the
-- register's RLS lets read them (the caller, their team lead, supervisors,
-- managers); the customer's name, phone, source, demand and the notes only
-- for who may work the lead, else null.
create function public.invitation_register(team_id uuid, from_day date, to_day date)
returns table (
  invitation_id uuid,
  agent_id uuid,
  employee_no text,
  agent_name text,
  booked_on date,
  appointment_at timestamptz,
  customer_name text,
  phone text,
  source public.lead_source,
  product public.product_kind,
  product_demand text,
  notes text,
  status public.invitation_status,
  visited_at timestamptz,
  confirmed_by_name text,
  confirmed_at timestamptz,
  deal_product public.product_kind,
  deal_at timestamptz
)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  t public.teams;
  zone text;
begin
  perform app.check_ledger_days(from_day, to_day, 93);
  select * into t from public.teams where id = invitation_register.team_id;
  if not found or not app.is_site_member(t.site_id) then
    raise exception 'no such team at your site' using errcode = '42501';
  end if;
  select s.time_zone into zone from public.sites s where s.id = t.site_id;
  return query
  select i.id, a.id, a.employee_no, a.display_name, (i.created_at at time zone zone)::date, i.appointment_at,
    case when w.may then l.customer_name end,
    case when w.may then l.phone end,
    case when w.may then l.source end,
    coalesce(i.product, case when w.may then l.product end),
    case when w.may then l.product_demand end,
    case when w.may then i.notes end,
    i.status, i.visited_at,
    case when i.confirmed_by is not null then app.member_name(i.confirmed_by, t.site_id) end,
    i.confirmed_at, i.deal_product, i.deal_at
  from public.invitations i
  join public.agents a on a.id = i.agent_id
  join public.leads l on l.id = i.lead_id
  cross join lateral (select app.may_work_lead(l) as may) w
  where a.team_id = t.id
    and i.appointment_at >= from_day::timestamp at time zone zone
    and i.appointment_at < (to_day + 1)::timestamp at time zone zone
    and (app.is_own_agent(i.agent_id) or app.leads_agent(i.agent_id) or app.has_site_role(i.site_id, '{supervisor,manager}'))
  order by i.appointment_at, a.employee_no, i.id;
end;
$$;
comment on function public.invitation_register(uuid, date, date) is
  '意向客户邀约到访登记表 of a team by appointment day: rows as the register''s RLS allows (caller, team lead, supervisors, managers); customer fields only for who may work the lead.';
revoke execute on function public.invitation_register(uuid, date, date) from public, anon, authenticated;
grant execute on function public.invitation_register(uuid, date, date) to authenticated, service_role;
