-- agent_live and queue_live from the facts, for ingest_events and
-- rebuild_live (rules: 20261123000000_ingest_events.sql). Both functions
-- compute the target rows and write only those that differ, because every
-- write bumps a version and goes out to the wall.

-- Finding an agent's latest state and the start of its current run walks
-- this index backwards (ties on at are broken by event_id).
create index agent_state_events_agent_id_occurred_at_event_id_idx
  on public.agent_state_events (agent_id, occurred_at, event_id);

-- Recomputes agent_live for the given agents. Returns the rows written or deleted.
create function app.refresh_agent_live(agent_ids uuid[]) returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  changed integer;
begin
  with latest as (
    select a.id as agent_id, a.site_id, cur.state, cur.reason, cur.queue_id, cur.occurred_at, cur.event_id
    from public.agents a
    left join lateral (
      select e.state, e.reason, e.queue_id, e.occurred_at, e.event_id
      from public.agent_state_events e
      where e.agent_id = a.id
      order by e.occurred_at desc, e.event_id desc
      limit 1
    ) cur on true
    where a.id = any (agent_ids)
  ),
  target as (
    select l.agent_id, l.site_id, l.state, l.reason, l.queue_id, coalesce(run.since, l.occurred_at) as state_since
    from latest l
    -- the latest fact before the current one that says something else
    left join lateral (
      select p.occurred_at, p.event_id
      from public.agent_state_events p
      where p.agent_id = l.agent_id
        and (p.occurred_at, p.event_id) < (l.occurred_at, l.event_id)
        and (p.state, p.reason) is distinct from (l.state, l.reason)
      order by p.occurred_at desc, p.event_id desc
      limit 1
    ) prev on l.state is not null and l.state <> 'offline'
    -- the first fact after it starts the current run
    left join lateral (
      select n.occurred_at as since
      from public.agent_state_events n
      where n.agent_id = l.agent_id
        and (prev.occurred_at is null or (n.occurred_at, n.event_id) > (prev.occurred_at, prev.event_id))
      order by n.occurred_at, n.event_id
      limit 1
    ) run on l.state is not null and l.state <> 'offline'
  ),
  gone as (
    delete from public.agent_live al
    using target t
    where al.agent_id = t.agent_id and (t.state is null or t.state = 'offline')
    returning 1
  ),
  written as (
    insert into public.agent_live (agent_id, site_id, state, state_since, reason, queue_id)
    select t.agent_id, t.site_id, t.state, t.state_since, t.reason, t.queue_id
    from target t
    left join public.agent_live al on al.agent_id = t.agent_id
    where t.state <> 'offline'
      and (al.agent_id is null
        or (al.site_id, al.state, al.state_since, al.reason, al.queue_id)
          is distinct from (t.site_id, t.state, t.state_since, t.reason, t.queue_id))
    on conflict (agent_id) do update set
      site_id = excluded.site_id, state = excluded.state, state_since = excluded.state_since,
      reason = excluded.reason, queue_id = excluded.queue_id
    returning 1
  )
  select (select count(*) from gone) + (select count(*) from written) into changed;
  return changed;
end;
$$;

-- Recomputes queue_live for every queue of the given sites: calls waiting
-- from the call summaries, agents by state from agent_live. A whole site at a
-- time, so a changed skill is picked up by the next event. Returns the rows written.
create function app.refresh_queue_live(site_ids uuid[]) returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  written integer;
begin
  with queues as (
    select q.id as queue_id, q.site_id from public.queues q where q.site_id = any (site_ids)
  ),
  waiting as (
    select s.queue_id, count(*)::integer as calls, min(s.offered_at) as oldest
    from public.call_summaries s
    where s.site_id = any (site_ids) and s.waiting
    group by s.queue_id
  ),
  staffed as (
    select aq.queue_id,
      count(*) filter (where al.state = 'available')::integer as available,
      count(*) filter (where al.state = 'on_call')::integer as on_call,
      count(*) filter (where al.state = 'wrap_up')::integer as wrap_up,
      count(*) filter (where al.state in ('break', 'lunch', 'training', 'meeting'))::integer as not_ready
    from public.agent_live al
    cross join lateral (
      select k.queue_id from public.agent_skills k where k.agent_id = al.agent_id
      union
      select al.queue_id where al.queue_id is not null
    ) aq
    where al.site_id = any (site_ids)
    group by aq.queue_id
  ),
  target as (
    select q.queue_id, q.site_id, coalesce(w.calls, 0) as calls_waiting, w.oldest as oldest_waiting_since,
      coalesce(a.available, 0) as agents_available, coalesce(a.on_call, 0) as agents_on_call,
      coalesce(a.wrap_up, 0) as agents_wrap_up, coalesce(a.not_ready, 0) as agents_not_ready
    from queues q
    left join waiting w on w.queue_id = q.queue_id
    left join staffed a on a.queue_id = q.queue_id
  )
  insert into public.queue_live (queue_id, site_id, calls_waiting, oldest_waiting_since, agents_available,
    agents_on_call, agents_wrap_up, agents_not_ready)
  select t.queue_id, t.site_id, t.calls_waiting, t.oldest_waiting_since, t.agents_available, t.agents_on_call,
    t.agents_wrap_up, t.agents_not_ready
  from target t
  left join public.queue_live ql on ql.queue_id = t.queue_id
  where ql.queue_id is null
    or (ql.calls_waiting, ql.oldest_waiting_since, ql.agents_available, ql.agents_on_call, ql.agents_wrap_up,
      ql.agents_not_ready)
      is distinct from (t.calls_waiting, t.oldest_waiting_since, t.agents_available, t.agents_on_call,
        t.agents_wrap_up, t.agents_not_ready)
  on conflict (queue_id) do update set
    calls_waiting = excluded.calls_waiting, oldest_waiting_since = excluded.oldest_waiting_since,
    agents_available = excluded.agents_available, agents_on_call = excluded.agents_on_call,
    agents_wrap_up = excluded.agents_wrap_up, agents_not_ready = excluded.agents_not_ready;
  get diagnostics written = row_count;
  return written;
end;
$$;

revoke execute on function app.refresh_agent_live(uuid[]), app.refresh_queue_live(uuid[])
  from public, anon, authenticated;
