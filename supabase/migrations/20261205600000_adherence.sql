-- Adherence (issue 10): is each agent doing what the published schedule says
-- now, and for how many minutes today were they not?
--
-- What is scheduled at an instant comes from the published shifts and their
-- breaks (offsets from the shift's start): 'shift', 'break', 'off' (the
-- agent's team has a published week covering the date but the agent holds
-- no shift then: a rest day, before or after the shift), or 'unscheduled'
-- (no published week for the team: nothing to judge, so never flagged).
-- What the agent actually does comes from the state facts the ingest keeps
-- (agent_state_events), the same facts agent_live is derived from, so the
-- state here is the board's state.
--
-- Out of adherence, each for longer than the site's grace (a policy column,
-- default 5 minutes, so a login a minute early or a break back a minute late
-- is not flagged):
--   * logged in while off;
--   * not logged in during a shift;
--   * on break or lunch during a shift outside its breaks.
-- Anything goes during a scheduled break (working through it, or signing out
-- for a split shift's long unpaid gap). Back-to-back mismatches of different
-- kinds make one stretch. A stretch that outlasts the grace counts whole:
-- the minutes out today are the minutes of such stretches since midnight.
--
-- Displays read nothing of schedules (RLS), so the board gets only these
-- figures, through public.agent_adherence, a security-definer function for
-- the site's members (displays included: whoever reads agent_live).

alter table public.schedule_policies
  add column adherence_grace_min integer not null default 5
    -- At most an hour: adherence_at looks an hour back past midnight so that a
    -- stretch running across midnight is judged by its whole length.
    constraint schedule_policies_adherence_grace_in_range check (adherence_grace_min between 0 and 60);
comment on column public.schedule_policies.adherence_grace_min is
  'Minutes an agent may differ from the published schedule (late login, long break, logged in while off) before being out of adherence; 0–60, default 5.';

-- Per agent of the site (active, or logged in): what is scheduled at
-- `moment` and until when, the actual state, whether the agent is in
-- adherence (null when unscheduled), since when out of it (past the grace),
-- and the minutes out of adherence since the site's midnight.
create function app.adherence_at(site_id uuid, moment timestamptz)
returns table (
  agent_id uuid,
  scheduled_activity text,
  scheduled_until timestamptz,
  actual_state public.agent_state,
  in_adherence boolean,
  out_since timestamptz,
  minutes_out_today integer
)
language sql
stable
security definer
set search_path = ''
as $$
  with span as (
    select s.id as site_id, s.time_zone, p.adherence_grace_min as grace_min, d.today,
      d.today::timestamp at time zone s.time_zone as day_start,
      (d.today::timestamp at time zone s.time_zone) - interval '1 hour' as look_from
    from public.sites s
    join public.schedule_policies p on p.site_id = s.id
    cross join lateral (select (adherence_at.moment at time zone s.time_zone)::date as today) d
    where s.id = adherence_at.site_id
  ),
  roster as (
    select a.id as agent_id, a.team_id
    from public.agents a
    join span on span.site_id = a.site_id
    where a.active or exists (select 1 from public.agent_live l where l.agent_id = a.id)
  ),
  -- Team-weeks with a published rota that cover yesterday or today.
  weeks as (
    select s.team_id, s.week_start
    from public.schedules s
    join span on span.site_id = s.site_id
    where s.status = 'published' and s.week_start between span.today - 7 and span.today
  ),
  -- Published shifts from yesterday (a night shift runs past midnight) to a
  -- week ahead (the next shift start, for 'off … until').
  shifts as (
    select sh.agent_id, sh.start_ts, sh.end_ts, sh.breaks
    from public.schedule_shifts sh
    join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
    join roster r on r.agent_id = sh.agent_id
    cross join span
    where sh.day between span.today - 1 and span.today + 7
  ),
  -- The state each agent was in at look_from, and every state fact since,
  -- up to the moment, classed: 'out' (offline), 'away' (break, lunch) or
  -- 'in' (anything else: calls, meetings, training).
  facts as (
    select r.agent_id, span.look_from as t, '' as event_id, coalesce(prior.state, 'offline') as state
    from roster r
    cross join span
    left join lateral (
      select e.state
      from public.agent_state_events e
      where e.agent_id = r.agent_id and e.occurred_at < span.look_from
      order by e.occurred_at desc, e.event_id desc
      limit 1
    ) prior on true
    union all
    select e.agent_id, e.occurred_at, e.event_id, e.state
    from public.agent_state_events e
    join roster r on r.agent_id = e.agent_id
    cross join span
    where e.site_id = span.site_id and e.occurred_at >= span.look_from and e.occurred_at <= adherence_at.moment
  ),
  -- Only a change of class matters (calls coming and going change nothing).
  changes as (
    select c.agent_id, c.t, c.event_id, c.class
    from (
      select k.*, lag(k.class) over (partition by k.agent_id order by k.t, k.event_id) as before
      from (
        select f.agent_id, f.t, f.event_id,
          case when f.state = 'offline' then 'out' when f.state in ('break', 'lunch') then 'away' else 'in' end as class
        from facts f
      ) k
    ) c
    where c.before is distinct from c.class
  ),
  -- Instants where something may change: a change of class, a shift or
  -- break starting or ending, midnight (the date, so the published week, changes).
  cuts as (
    select ch.agent_id, ch.t, ch.event_id, ch.class from changes ch
    union all
    select sh.agent_id, x.t, null, null
    from shifts sh
    cross join lateral (values (sh.start_ts), (sh.end_ts)) x (t)
    union all
    select sh.agent_id, x.t, null, null
    from shifts sh
    cross join lateral jsonb_array_elements(sh.breaks) b (v)
    cross join lateral (values
      (sh.start_ts + make_interval(mins => (b.v ->> 'start_min')::integer)),
      (sh.start_ts + make_interval(mins => (b.v ->> 'start_min')::integer + (b.v ->> 'minutes')::integer))
    ) x (t)
    union all
    select r.agent_id, span.day_start, null, null from roster r cross join span
  ),
  -- Each cut carries the class in force: the last one given at or before it
  -- (facts at the same instant first, in event order, as agent_live does).
  filled as (
    select c.agent_id, c.t, c.event_id, max(c.class) over (partition by c.agent_id, c.grp) as class
    from (
      select c.*,
        count(c.class) over (partition by c.agent_id order by c.t, c.event_id nulls last rows unbounded preceding) as grp
      from cuts c
    ) c
  ),
  -- Pieces of time [starts, ends) in which neither the class nor the schedule changes.
  pieces as (
    select f.agent_id, f.t as starts, f.class,
      coalesce(lead(f.t) over (partition by f.agent_id order by f.t), adherence_at.moment) as ends
    from (
      select distinct on (f.agent_id, f.t) f.agent_id, f.t, f.class
      from filled f
      cross join span
      where f.t >= span.look_from and f.t <= adherence_at.moment
      order by f.agent_id, f.t, f.event_id desc nulls first
    ) f
  ),
  -- The shift each piece lies in, if any (the latest, should a published week hold overlapping ones).
  placed as (
    select distinct on (p.agent_id, p.starts) p.*, sh.start_ts, sh.end_ts, sh.breaks
    from pieces p
    left join shifts sh on sh.agent_id = p.agent_id and sh.start_ts <= p.starts and p.starts < sh.end_ts
    order by p.agent_id, p.starts, sh.start_ts desc nulls last
  ),
  judged as (
    select pl.agent_id, pl.starts, pl.ends, pl.class, pl.start_ts, pl.end_ts, pl.breaks, brk.ends_at as break_ends,
      case
        when brk.ends_at is not null then 'break'
        when pl.start_ts is not null then 'shift'
        when exists (
          select 1 from weeks w
          where w.team_id = r.team_id
            and (pl.starts at time zone span.time_zone)::date between w.week_start and w.week_start + 6
        ) then 'off'
        else 'unscheduled'
      end as activity
    from placed pl
    join roster r on r.agent_id = pl.agent_id
    cross join span
    left join lateral (
      select pl.start_ts + make_interval(mins => (b.v ->> 'start_min')::integer + (b.v ->> 'minutes')::integer) as ends_at
      from jsonb_array_elements(pl.breaks) b (v)
      where pl.start_ts + make_interval(mins => (b.v ->> 'start_min')::integer) <= pl.starts
        and pl.starts < pl.start_ts + make_interval(mins => (b.v ->> 'start_min')::integer + (b.v ->> 'minutes')::integer)
      limit 1
    ) brk on pl.breaks is not null
  ),
  marked as (
    select j.*,
      (j.activity = 'off' and j.class <> 'out') or (j.activity = 'shift' and j.class <> 'in') as mismatch
    from judged j
  ),
  -- Runs of consecutive mismatched pieces: one stretch each.
  stretches as (
    select i.agent_id, min(i.starts) as starts, max(i.ends) as ends
    from (
      select m.*, count(*) filter (where not m.mismatch) over (partition by m.agent_id order by m.starts) as island
      from marked m
    ) i
    where i.mismatch
    group by i.agent_id, i.island
  ),
  beyond as (
    select st.*
    from stretches st
    cross join span
    where st.ends - st.starts > make_interval(mins => span.grace_min)
  ),
  now_piece as (
    select distinct on (m.agent_id) m.*
    from marked m
    order by m.agent_id, m.starts desc
  ),
  now_state as (
    select r.agent_id, coalesce(last.state, 'offline') as state
    from roster r
    left join lateral (
      select e.state
      from public.agent_state_events e
      where e.agent_id = r.agent_id and e.occurred_at <= adherence_at.moment
      order by e.occurred_at desc, e.event_id desc
      limit 1
    ) last on true
  )
  select np.agent_id,
    np.activity,
    case np.activity
      when 'break' then np.break_ends
      when 'shift' then least(np.end_ts, (
        select min(np.start_ts + make_interval(mins => (b.v ->> 'start_min')::integer))
        from jsonb_array_elements(np.breaks) b (v)
        where np.start_ts + make_interval(mins => (b.v ->> 'start_min')::integer) > adherence_at.moment))
      else (select min(sh.start_ts) from shifts sh where sh.agent_id = np.agent_id and sh.start_ts > adherence_at.moment)
    end,
    ns.state,
    case when np.activity = 'unscheduled' then null else cur.starts is null end,
    cur.starts,
    coalesce((
      select floor(sum(extract(epoch from b.ends - greatest(b.starts, span.day_start))) / 60)::integer
      from beyond b
      where b.agent_id = np.agent_id and b.ends > span.day_start
    ), 0)
  from now_piece np
  cross join span
  join now_state ns on ns.agent_id = np.agent_id
  left join beyond cur on cur.agent_id = np.agent_id and np.mismatch and cur.ends = np.ends
  order by np.agent_id
$$;
comment on function app.adherence_at(uuid, timestamptz) is
  'Per agent of a site at a moment: scheduled activity (shift, break, off, unscheduled) and until when, actual state, in adherence (null when unscheduled), out since, minutes out of adherence since the site''s midnight.';
revoke execute on function app.adherence_at(uuid, timestamptz) from public, anon, authenticated;

-- The API: adherence now, for the site's members — wall displays included,
-- who may read agent states but nothing of schedules, and get only this.
create function public.agent_adherence(site_id uuid)
returns table (
  agent_id uuid,
  scheduled_activity text,
  scheduled_until timestamptz,
  actual_state public.agent_state,
  in_adherence boolean,
  out_since timestamptz,
  minutes_out_today integer
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not app.is_site_member(agent_adherence.site_id) and (select auth.role()) is distinct from 'service_role' then
    raise exception 'only members of the site see its agents'' adherence' using errcode = '42501';
  end if;
  return query select * from app.adherence_at(agent_adherence.site_id, now());
end;
$$;
comment on function public.agent_adherence(uuid) is
  'Per agent of the site now: scheduled activity (shift, break, off, unscheduled) and until when, actual state, in adherence, out since, minutes out today. Members of the site, displays included.';
revoke execute on function public.agent_adherence(uuid) from public, anon, authenticated;
grant execute on function public.agent_adherence(uuid) to authenticated, service_role;
