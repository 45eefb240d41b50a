-- One row per call leg (a call in one queue), recomputed from all of the
-- leg's facts whenever one of them arrives, and the leg's contribution to its
-- queue_intervals row. This is what makes the intervals independent of the
-- order and repetition of events (rules: 20261123000000_ingest_events.sql).
-- Per-call data (which agent took which call, waits, grades), so it is read
-- like call_events: staff of the site, the agent themself and their lead;
-- never a display. No customer data: the call id is the phone system's.

create table public.call_summaries (
  queue_id uuid not null,
  call_id text not null constraint call_summaries_call_id_length check (length(call_id) between 1 and 200),
  site_id uuid not null,
  direction public.queue_direction not null,
  -- who answered (connected) the call, else who ended it, else the first agent named
  agent_id uuid,
  offered_at timestamptz,
  answered_at timestamptz,
  abandoned_at timestamptz,
  ended_at timestamptz,
  wrap_ended_at timestamptz,
  transferred_at timestamptz,
  transferred_to_queue_id uuid,
  grade public.lead_grade,
  -- seconds in the queue until answered or abandoned (outbound: until connected)
  wait_s integer,
  waiting boolean not null,
  -- The leg's contribution to queue_intervals (queue_id, interval_start);
  -- interval_start is null (and the rest 0) until the leg's offer is known.
  interval_start timestamptz,
  offered smallint not null,
  answered smallint not null,
  answered_within_sl smallint not null,
  abandoned smallint not null,
  abandoned_short smallint not null,
  handled smallint not null,
  talk_s integer not null,
  hold_s integer not null,
  acw_s integer not null,
  wait_answered_s integer not null,
  updated_at timestamptz not null default now(),
  primary key (queue_id, call_id),
  constraint call_summaries_queue_is_in_site foreign key (site_id, queue_id)
    references public.queues (site_id, id) on delete cascade,
  constraint call_summaries_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id),
  constraint call_summaries_counts_only_with_an_interval check (
    interval_start is not null
    or (offered, answered, answered_within_sl, abandoned, abandoned_short, handled, talk_s, hold_s, acw_s, wait_answered_s)
      = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  )
);
alter table public.call_summaries enable row level security;
create index call_summaries_site_id_interval_start_idx on public.call_summaries (site_id, interval_start);
create index call_summaries_agent_id_offered_at_idx on public.call_summaries (agent_id, offered_at);
create index call_summaries_waiting_idx on public.call_summaries (site_id, queue_id, offered_at) where waiting;
comment on table public.call_summaries is
  'Per call leg (queue_id, call_id): derived from call_events by ingest_events and rebuild_live; never written by the API.';

revoke insert, update, delete, truncate on public.call_summaries from anon, authenticated;

create policy "staff read site call summaries; agents own; leads their team" on public.call_summaries
  for select to authenticated using (
    app.has_site_role(site_id, '{supervisor,manager,qa,analyst,admin}')
    or (agent_id is not null and (app.is_own_agent(agent_id) or app.leads_agent(agent_id)))
  );

-- The summaries of the given legs (parallel arrays), computed from their
-- facts alone; legs without facts give no row.
create function app.summarize_calls(queue_ids uuid[], call_ids text[])
returns setof public.call_summaries
language sql
stable
set search_path = ''
as $$
  with legs as (
    select distinct l.queue_id, l.call_id from unnest(queue_ids, call_ids) as l (queue_id, call_id)
  ),
  facts as (
    select e.site_id, e.queue_id, e.call_id,
      min(e.occurred_at) filter (where e.kind in ('call_offered', 'call_dialed')) as offered_at,
      min(e.occurred_at) filter (where e.kind in ('call_answered', 'call_connected')) as answered_at,
      (array_agg(e.agent_id order by e.occurred_at, e.event_id)
        filter (where e.kind in ('call_answered', 'call_connected')))[1] as answered_by,
      min(e.occurred_at) filter (where e.kind = 'call_abandoned') as abandoned_at,
      min(e.occurred_at) filter (where e.kind = 'call_ended') as ended_at,
      (array_agg(e.agent_id order by e.occurred_at, e.event_id) filter (where e.kind = 'call_ended'))[1] as ended_by,
      (array_agg(e.data order by e.occurred_at, e.event_id) filter (where e.kind = 'call_ended'))[1] as ended_data,
      min(e.occurred_at) filter (where e.kind = 'wrap_ended') as wrap_ended_at,
      min(e.occurred_at) filter (where e.kind = 'call_transferred') as transferred_at,
      (array_agg(e.data ->> 'to_queue_id' order by e.occurred_at, e.event_id)
        filter (where e.kind = 'call_transferred'))[1] as transferred_to,
      (array_agg(e.data ->> 'grade' order by e.occurred_at desc, e.event_id desc)
        filter (where e.kind = 'call_graded'))[1] as grade,
      (array_agg(e.agent_id order by e.occurred_at, e.event_id) filter (where e.agent_id is not null))[1] as first_agent
    from legs
    join public.call_events e on e.queue_id = legs.queue_id and e.call_id = legs.call_id
    group by e.site_id, e.queue_id, e.call_id
  ),
  measured as (
    select f.*, q.direction, q.sl_threshold_s, q.short_abandon_s,
      f.offered_at is not null as counted,
      greatest(extract(epoch from f.answered_at - f.offered_at), 0) as answer_wait,
      greatest(extract(epoch from f.abandoned_at - f.offered_at), 0) as abandon_wait,
      f.answered_at is not null as is_answered,
      q.direction = 'inbound' and f.answered_at is null and f.abandoned_at is not null as is_abandoned
    from facts f
    join public.queues q on q.id = f.queue_id
  )
  select m.queue_id, m.call_id, m.site_id, m.direction,
    coalesce(m.answered_by, m.ended_by, m.first_agent),
    m.offered_at, m.answered_at, m.abandoned_at, m.ended_at, m.wrap_ended_at, m.transferred_at,
    m.transferred_to::uuid, m.grade::public.lead_grade,
    case
      when m.is_answered then round(m.answer_wait)::integer
      when m.is_abandoned then round(m.abandon_wait)::integer
    end,
    m.direction = 'inbound' and m.offered_at is not null and m.answered_at is null and m.abandoned_at is null
      and m.ended_at is null and m.wrap_ended_at is null and m.transferred_at is null,
    case when m.counted then date_bin('15 minutes', m.offered_at, timestamptz '2000-01-01 00:00:00+00') end,
    (m.counted)::integer::smallint,
    (m.counted and m.is_answered)::integer::smallint,
    (m.counted and m.is_answered and m.direction = 'inbound' and m.answer_wait <= m.sl_threshold_s)::integer::smallint,
    (m.counted and m.is_abandoned)::integer::smallint,
    (m.counted and m.is_abandoned and m.abandon_wait < m.short_abandon_s)::integer::smallint,
    (m.counted and m.ended_at is not null)::integer::smallint,
    case when m.counted and m.ended_at is not null then coalesce((m.ended_data ->> 'talk_s')::integer, 0) else 0 end,
    case when m.counted and m.ended_at is not null then coalesce((m.ended_data ->> 'hold_s')::integer, 0) else 0 end,
    case
      when m.counted and m.ended_at is not null and m.wrap_ended_at is not null
        then greatest(round(extract(epoch from m.wrap_ended_at - m.ended_at)), 0)::integer
      else 0
    end,
    case when m.counted and m.is_answered then round(m.answer_wait)::integer else 0 end,
    now()
  from measured m
$$;

-- Recomputes the given legs' summaries from their facts and moves each
-- interval row by (new − old) contribution of its legs. Writes only summaries
-- and interval rows that change; deletes an interval row whose counts all
-- drop to zero (a leg moved out of it), as a rebuild would not have it.
-- Returns the number of interval rows written.
create function app.refresh_calls(queue_ids uuid[], call_ids text[]) returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  written integer;
begin
  with fresh as (
    select * from app.summarize_calls(queue_ids, call_ids)
  ),
  old as (
    select s.*
    from public.call_summaries s
    join (select distinct l.queue_id, l.call_id from unnest(queue_ids, call_ids) as l (queue_id, call_id)) l
      on s.queue_id = l.queue_id and s.call_id = l.call_id
  ),
  saved as (
    insert into public.call_summaries
    select * from fresh
    on conflict (queue_id, call_id) do update set
      site_id = excluded.site_id, direction = excluded.direction, agent_id = excluded.agent_id,
      offered_at = excluded.offered_at, answered_at = excluded.answered_at, abandoned_at = excluded.abandoned_at,
      ended_at = excluded.ended_at, wrap_ended_at = excluded.wrap_ended_at, transferred_at = excluded.transferred_at,
      transferred_to_queue_id = excluded.transferred_to_queue_id, grade = excluded.grade, wait_s = excluded.wait_s,
      waiting = excluded.waiting, interval_start = excluded.interval_start, offered = excluded.offered,
      answered = excluded.answered, answered_within_sl = excluded.answered_within_sl,
      abandoned = excluded.abandoned, abandoned_short = excluded.abandoned_short, handled = excluded.handled,
      talk_s = excluded.talk_s, hold_s = excluded.hold_s, acw_s = excluded.acw_s,
      wait_answered_s = excluded.wait_answered_s, updated_at = excluded.updated_at
    where (call_summaries.site_id, call_summaries.direction, call_summaries.agent_id, call_summaries.offered_at,
        call_summaries.answered_at, call_summaries.abandoned_at, call_summaries.ended_at, call_summaries.wrap_ended_at,
        call_summaries.transferred_at, call_summaries.transferred_to_queue_id, call_summaries.grade,
        call_summaries.wait_s, call_summaries.waiting, call_summaries.interval_start, call_summaries.offered,
        call_summaries.answered, call_summaries.answered_within_sl, call_summaries.abandoned,
        call_summaries.abandoned_short, call_summaries.handled, call_summaries.talk_s, call_summaries.hold_s,
        call_summaries.acw_s, call_summaries.wait_answered_s)
      is distinct from (excluded.site_id, excluded.direction, excluded.agent_id, excluded.offered_at,
        excluded.answered_at, excluded.abandoned_at, excluded.ended_at, excluded.wrap_ended_at,
        excluded.transferred_at, excluded.transferred_to_queue_id, excluded.grade,
        excluded.wait_s, excluded.waiting, excluded.interval_start, excluded.offered,
        excluded.answered, excluded.answered_within_sl, excluded.abandoned,
        excluded.abandoned_short, excluded.handled, excluded.talk_s, excluded.hold_s,
        excluded.acw_s, excluded.wait_answered_s)
  ),
  delta as (
    select c.queue_id, c.site_id, c.interval_start,
      sum(c.offered) as offered, sum(c.answered) as answered, sum(c.answered_within_sl) as answered_within_sl,
      sum(c.abandoned) as abandoned, sum(c.abandoned_short) as abandoned_short, sum(c.handled) as handled,
      sum(c.talk_s) as talk_s, sum(c.hold_s) as hold_s, sum(c.acw_s) as acw_s,
      sum(c.wait_answered_s) as wait_answered_s
    from (
      select f.queue_id, f.site_id, f.interval_start, f.offered, f.answered, f.answered_within_sl, f.abandoned,
        f.abandoned_short, f.handled, f.talk_s, f.hold_s, f.acw_s, f.wait_answered_s
      from fresh f
      where f.interval_start is not null
      union all
      select o.queue_id, o.site_id, o.interval_start, -o.offered, -o.answered, -o.answered_within_sl, -o.abandoned,
        -o.abandoned_short, -o.handled, -o.talk_s, -o.hold_s, -o.acw_s, -o.wait_answered_s
      from old o
      where o.interval_start is not null
    ) c
    group by c.queue_id, c.site_id, c.interval_start
    having (sum(c.offered), sum(c.answered), sum(c.answered_within_sl), sum(c.abandoned), sum(c.abandoned_short),
        sum(c.handled), sum(c.talk_s), sum(c.hold_s), sum(c.acw_s), sum(c.wait_answered_s))
      <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  ),
  target as (
    select d.queue_id, d.site_id, d.interval_start,
      coalesce(i.offered, 0) + d.offered as offered,
      coalesce(i.answered, 0) + d.answered as answered,
      coalesce(i.answered_within_sl, 0) + d.answered_within_sl as answered_within_sl,
      coalesce(i.abandoned, 0) + d.abandoned as abandoned,
      coalesce(i.abandoned_short, 0) + d.abandoned_short as abandoned_short,
      coalesce(i.handled, 0) + d.handled as handled,
      coalesce(i.talk_s, 0) + d.talk_s as talk_s,
      coalesce(i.hold_s, 0) + d.hold_s as hold_s,
      coalesce(i.acw_s, 0) + d.acw_s as acw_s,
      coalesce(i.wait_answered_s, 0) + d.wait_answered_s as wait_answered_s
    from delta d
    left join public.queue_intervals i on i.queue_id = d.queue_id and i.interval_start = d.interval_start
  ),
  emptied as (
    delete from public.queue_intervals i
    using target t
    where i.queue_id = t.queue_id and i.interval_start = t.interval_start
      and (t.offered, t.answered, t.answered_within_sl, t.abandoned, t.abandoned_short, t.handled, t.talk_s, t.hold_s,
        t.acw_s, t.wait_answered_s) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  )
  insert into public.queue_intervals (queue_id, site_id, interval_start, offered, answered, answered_within_sl,
    abandoned, abandoned_short, handled, talk_s, hold_s, acw_s, wait_answered_s)
  select t.queue_id, t.site_id, t.interval_start, t.offered, t.answered, t.answered_within_sl, t.abandoned,
    t.abandoned_short, t.handled, t.talk_s, t.hold_s, t.acw_s, t.wait_answered_s
  from target t
  where (t.offered, t.answered, t.answered_within_sl, t.abandoned, t.abandoned_short, t.handled, t.talk_s, t.hold_s,
      t.acw_s, t.wait_answered_s) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  on conflict (queue_id, interval_start) do update set
    offered = excluded.offered, answered = excluded.answered, answered_within_sl = excluded.answered_within_sl,
    abandoned = excluded.abandoned, abandoned_short = excluded.abandoned_short, handled = excluded.handled,
    talk_s = excluded.talk_s, hold_s = excluded.hold_s, acw_s = excluded.acw_s,
    wait_answered_s = excluded.wait_answered_s;
  get diagnostics written = row_count;
  return written;
end;
$$;

revoke execute on function app.summarize_calls(uuid[], text[]), app.refresh_calls(uuid[], text[])
  from public, anon, authenticated;
