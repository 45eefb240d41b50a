-- The derivation costs less (issue 9). bench/ingest.ts measured ingest_events
-- at ×3.50 (PGlite) and ×3.62 (PostgreSQL 15) of plain inserts of the same
-- facts in batches of 100; the goal is ≤ ×3. Where the time went, from
-- auto_explain (nested statements) and pg_stat_user_functions on PG15, copies
-- of ingest_events that stop after each step (backend and process CPU time,
-- PG15 and PGlite), and micro-benchmarks of the pieces:
--   * Planning, on every batch. The helpers written in SQL (the shape and
--     reference checks, summarize_calls) are never inlined (they set
--     search_path), and PostgreSQL before 18 keeps no plan for a SQL function
--     from one call to the next, so each batch planned three large queries
--     again: the shape check cost 2.6 ms a batch on PG15 called from
--     ingest_events, 1.2 ms as the same query with a cached plan. They are
--     plpgsql now, whose plans are cached per session. The largest saving.
--     They and the other derivation functions also plan each statement once
--     per session (plan_cache_mode = force_generic_plan) instead of five
--     custom plans first: a feeder's first batches and every short run paid
--     for those, and the statements are written so that one plan fits every
--     batch (index probes through lateral joins, sets of a few rows).
--   * The shape check matched 3–4 UUID patterns per event and built the enum
--     lists per event; now each distinct UUID string of the batch is matched
--     once (a batch names a few sites, queues and agents many times), the
--     enums are built once, and `at` is matched and cast once, not twice.
--   * References: four index lookups per event; now one per distinct site,
--     queue and agent.
--   * queue_live counted each agent's queues with a union subquery per agent;
--     now skills and current queues are joined as sets (4× less on PGlite).
--   * Broadcasts: a row trigger per changed live row; now one statement
--     trigger per write, sending the same messages (a third less on PGlite).
--   * summarize_calls sorted each leg's facts once per ordered aggregate; now
--     they all share one order (the latest grade is the last element), which
--     PostgreSQL 16+ (PGlite) sorts once.
--   * Three plans grew with the size of the day: the duplicate check hashed
--     all of agent_state_events on every batch, per-leg recompute hashed all
--     call summaries and interval rows, and the start of an agent's current
--     run walked the agent's states from the first of the day. Now index
--     probes (lateral, so no plan can turn them back into scans), into the
--     other fact table only for duplicates (on conflict covers the own one).
-- Same rules, same results: signatures and outputs are unchanged, and the
-- ingest-order suite (in order = shuffled with replays = rebuilt) and pgTAP
-- 20, 21 and 31 hold. One fix on the way: an `at` in the year 0000 matched
-- the pattern and then failed the cast with 22008; it is refused as out of
-- range (22023) like 1999. Every function below is its latest version
-- (20261123000000 … 20261204400100) with only these changes.

-- As before (20261204400000_call_timeouts.sql), in plpgsql; per-batch values in r, `at` matched and cast once.
create or replace function app.ingest_shape_problem(events jsonb)
returns table (ord integer, event_id text, problem text)
language plpgsql
stable
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
    with ev as (
      select a.ord::integer as ord, a.e, jsonb_typeof(a.e) = 'object' as is_object
      from jsonb_array_elements(events) with ordinality as a (e, ord)
    ),
    -- The kind's fields, and `at` matched and cast once per event, the cast
    -- only where the pattern holds (offset 0 and materialized keep each
    -- expression evaluated once, not once per use). The pattern lets the year
    -- 0000 through, which timestamptz refuses: that stays null, out of range.
    spec as materialized (
      select x.*, case when x.at_ok and left(x.e ->> 'at', 4) <> '0000' then (x.e ->> 'at')::timestamptz end as at_ts
      from (
        select ev.ord, ev.e, ev.is_object, k.kind,
          '{site_id,at}'::text[] || k.required as required,
          '{event_id,kind,site_id,at}'::text[] || k.required || k.optional as allowed,
          -- RFC 3339 as zod's z.iso.datetime({ offset: true }) accepts it, real calendar dates only
          jsonb_typeof(ev.e -> 'at') = 'string' and (ev.e ->> 'at') ~ (
            '^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29'
            || '|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)'
            || '|(?:02)-(?:0[1-9]|1\d|2[0-8])))'
            || 'T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$'
          ) as at_ok
        from ev
        left join (values
          ('call_offered', '{call_id,queue_id}'::text[], '{}'::text[]),
          ('call_answered', '{call_id,queue_id,agent_id}', '{}'),
          ('call_abandoned', '{call_id,queue_id}', '{}'),
          ('call_timed_out', '{call_id,queue_id}', '{}'),
          ('call_ended', '{call_id,queue_id,agent_id,talk_s,hold_s}', '{}'),
          ('wrap_ended', '{call_id,queue_id,agent_id}', '{}'),
          ('call_transferred', '{call_id,queue_id,agent_id}', '{to_queue_id}'),
          ('agent_state', '{agent_id,state}', '{reason,queue_id}'),
          ('call_dialed', '{call_id,queue_id,agent_id}', '{}'),
          ('call_connected', '{call_id,queue_id,agent_id}', '{}'),
          ('call_graded', '{call_id,queue_id,agent_id,grade}', '{}')
        ) as k (kind, required, optional)
          on ev.is_object and jsonb_typeof(ev.e -> 'kind') = 'string' and k.kind = ev.e ->> 'kind'
        offset 0
      ) x
    ),
    -- Computed once per batch, not once per event: the agent states and grades
    -- the database knows, and every UUID field value of the batch that is not a
    -- canonical UUID (a batch names a few sites, queues and agents many times,
    -- so each distinct string meets the pattern once).
    -- (materialized, so the pattern cannot be pushed below the distinct)
    ids as materialized (
      select distinct f.v
      from ev
      cross join lateral (values (ev.e ->> 'site_id'), (ev.e ->> 'queue_id'), (ev.e ->> 'agent_id'),
        (ev.e ->> 'to_queue_id')) as f (v)
      where ev.is_object and f.v is not null
    ),
    r as materialized (
      select enum_range(null::public.agent_state)::text[] as states, enum_range(null::public.lead_grade)::text[] as grades,
        coalesce((
          select array_agg(ids.v) from ids
          where ids.v !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
        ), '{}') as bad_uuids
    ),
    checked as (
      select s.ord, s.e, s.is_object,
        case
          when not s.is_object then 'must be a JSON object'
          when jsonb_typeof(s.e -> 'event_id') is distinct from 'string' then 'event_id is required and must be a string'
          when length(s.e ->> 'event_id') not between 1 and 200 then 'event_id must be 1 to 200 characters long'
          when jsonb_typeof(s.e -> 'kind') is distinct from 'string' then 'kind is required and must be a string'
          when s.kind is null then
            format('kind %s is unknown; expected one of call_offered, call_answered, call_abandoned, call_timed_out, '
              'call_ended, wrap_ended, call_transferred, agent_state, call_dialed, call_connected, call_graded',
              to_jsonb(left(s.e ->> 'kind', 50)))
          when (s.e - s.allowed) <> '{}'::jsonb then
            format('field %s is not allowed in a %s event',
              (select to_jsonb(left(min(k.key), 50)) from jsonb_object_keys(s.e - s.allowed) as k (key)), s.kind)
          when not (jsonb_strip_nulls(s.e) ?& s.required) then
            format('%s is required in a %s event',
              (select r.field from unnest(s.required) with ordinality as r (field, n)
                where not (jsonb_strip_nulls(s.e) ? r.field) order by r.n limit 1),
              s.kind)
          when jsonb_typeof(s.e -> 'site_id') <> 'string' or (s.e ->> 'site_id') = any (r.bad_uuids)
            then 'site_id must be a UUID string'
          when jsonb_typeof(s.e -> 'call_id') not in ('null', 'string') or length(s.e ->> 'call_id') not between 1 and 200
            then 'call_id must be a string of 1 to 200 characters'
          when jsonb_typeof(s.e -> 'queue_id') not in ('null', 'string') or (s.e ->> 'queue_id') = any (r.bad_uuids)
            then 'queue_id must be a UUID string'
          when jsonb_typeof(s.e -> 'agent_id') not in ('null', 'string') or (s.e ->> 'agent_id') = any (r.bad_uuids)
            then 'agent_id must be a UUID string'
          when jsonb_typeof(s.e -> 'to_queue_id') not in ('null', 'string') or (s.e ->> 'to_queue_id') = any (r.bad_uuids)
            then 'to_queue_id must be a UUID string'
          when s.at_ok is not true
            then 'at must be an ISO 8601 timestamp with seconds and a zone, e.g. 2026-11-23T09:00:00+08:00'
          when s.at_ts is null or s.at_ts < timestamptz '2000-01-01 00:00:00+00'
            or s.at_ts >= timestamptz '2100-01-01 00:00:00+00'
            then 'at must be from the year 2000 up to 2100'
          when case jsonb_typeof(s.e -> 'talk_s')
              when 'number' then (s.e -> 'talk_s')::numeric not between 0 and 86400 or (s.e -> 'talk_s')::numeric % 1 <> 0
              else jsonb_typeof(s.e -> 'talk_s') <> 'null'
            end
            then 'talk_s must be a whole number of seconds from 0 to 86400'
          when case jsonb_typeof(s.e -> 'hold_s')
              when 'number' then (s.e -> 'hold_s')::numeric not between 0 and 86400 or (s.e -> 'hold_s')::numeric % 1 <> 0
              else jsonb_typeof(s.e -> 'hold_s') <> 'null'
            end
            then 'hold_s must be a whole number of seconds from 0 to 86400'
          when jsonb_typeof(s.e -> 'state') not in ('null', 'string')
            or (s.e ->> 'state') <> all (r.states)
            then 'state must be one of ' || array_to_string(r.states, ', ')
          when jsonb_typeof(s.e -> 'reason') not in ('null', 'string') or length(s.e ->> 'reason') > 200
            then 'reason must be a string of at most 200 characters'
          when jsonb_typeof(s.e -> 'grade') not in ('null', 'string')
            or (s.e ->> 'grade') <> all (r.grades)
            then 'grade must be one of ' || array_to_string(r.grades, ', ')
        end as problem
      from spec s
      cross join r
    )
    select c.ord,
      case when c.is_object and jsonb_typeof(c.e -> 'event_id') = 'string' then c.e ->> 'event_id' end,
      c.problem
    from checked c
    where c.problem is not null
    order by c.ord
    limit 1;
end;
$$;


-- As before (20261204400100_future_events_refused.sql), in plpgsql; each distinct id looked up once.
create or replace function app.ingest_reference_problem(batch app.ingest_event[])
returns table (ord integer, event_id text, problem text)
language plpgsql
stable
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
    with b as materialized (
      select * from unnest(batch)
    ),
    -- A batch names a few sites, queues and agents many times over: each is looked up once.
    sites as materialized (
      select s.id, s.future_event_allowance_s from public.sites s where s.id in (select b.site_id from b)
    ),
    queues as materialized (
      select q.id, q.site_id, q.direction from public.queues q
      where q.id in (select b.queue_id from b union select b.to_queue_id from b)
    ),
    agents as materialized (
      select a.id, a.site_id from public.agents a where a.id in (select b.agent_id from b)
    )
    select x.ord, x.event_id, x.problem
    from (
      select b.ord, b.event_id,
        case
          when s.id is null then format('site_id %s is not a known site', b.site_id)
          when b.queue_id is not null and q.id is null then
            format('queue_id %s is not a queue of site %s', b.queue_id, b.site_id)
          when b.agent_id is not null and a.id is null then
            format('agent_id %s is not an agent of site %s', b.agent_id, b.site_id)
          when b.to_queue_id is not null and t.id is null then
            format('to_queue_id %s is not a queue of site %s', b.to_queue_id, b.site_id)
          when b.kind in ('call_offered', 'call_answered', 'call_abandoned', 'call_timed_out')
            and q.direction <> 'inbound' then
            format('%s needs an inbound queue; queue %s is an outbound campaign', b.kind, b.queue_id)
          when b.kind in ('call_dialed', 'call_connected', 'call_graded') and q.direction <> 'outbound' then
            format('%s needs an outbound campaign; queue %s is inbound', b.kind, b.queue_id)
          when b.occurred_at > now() + make_interval(secs => s.future_event_allowance_s) then
            format('at %s is in the future: the server time is %s and events may be at most %s s ahead of it '
              '(the site''s future_event_allowance_s)',
              to_char(b.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
              to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              s.future_event_allowance_s)
        end as problem
      from b
      left join sites s on s.id = b.site_id
      left join queues q on q.id = b.queue_id and q.site_id = b.site_id
      left join agents a on a.id = b.agent_id and a.site_id = b.site_id
      left join queues t on t.id = b.to_queue_id and t.site_id = b.site_id
    ) x
    where x.problem is not null
    order by x.ord
    limit 1;
end;
$$;


-- As before (20261123000000_ingest_events.sql); step 5 probes the other fact table per event.
create or replace function public.ingest_events(events jsonb) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  batch_size integer;
  bad record;
  batch app.ingest_event[];
  site uuid;
  accepted_ids text[];
  leg_queues uuid[];
  leg_calls text[];
  state_agents uuid[];
  touched_sites uuid[];
  duplicate_ids jsonb;
begin
  if events is null or jsonb_typeof(events) <> 'array' then
    raise exception 'events must be a JSON array of event objects'
      using errcode = '22023', hint = 'Call ingest_events with {"events": [...]}.';
  end if;
  batch_size := jsonb_array_length(events);
  if batch_size > 1000 then
    raise exception 'too many events: % in one batch, at most 1000', batch_size
      using errcode = 'PT413', hint = 'Split the events into batches of at most 1000.';
  end if;
  if batch_size = 0 then
    return jsonb_build_object('accepted', 0, 'duplicates', 0, 'duplicate_ids', '[]'::jsonb);
  end if;

  -- 1. Shape: every field of every event, before anything is cast.
  select p.ord, p.event_id, p.problem into bad from app.ingest_shape_problem(events) p;
  if found then
    perform app.raise_bad_event(bad.ord, bad.event_id, bad.problem, batch_size);
  end if;

  -- 2. Parse: every cast is now known to succeed.
  select array_agg(row(
      a.ord::integer, a.e ->> 'event_id', a.e ->> 'kind', (a.e ->> 'site_id')::uuid, (a.e ->> 'at')::timestamptz,
      a.e ->> 'call_id', (a.e ->> 'queue_id')::uuid, (a.e ->> 'agent_id')::uuid, (a.e ->> 'to_queue_id')::uuid,
      (a.e ->> 'talk_s')::numeric::integer, (a.e ->> 'hold_s')::numeric::integer,
      (a.e ->> 'state')::public.agent_state, a.e ->> 'reason', (a.e ->> 'grade')::public.lead_grade
    )::app.ingest_event order by a.ord)
  into batch
  from jsonb_array_elements(events) with ordinality as a (e, ord);

  -- 3. References.
  select p.ord, p.event_id, p.problem into bad from app.ingest_reference_problem(batch) p;
  if found then
    perform app.raise_bad_event(bad.ord, bad.event_id, bad.problem, batch_size);
  end if;

  -- 4. One batch at a time per site (in id order, so two multi-site batches cannot deadlock).
  for site in select distinct b.site_id from unnest(batch) as b order by b.site_id loop
    perform pg_advisory_xact_lock(app.site_lock_key(site));
  end loop;

  -- 5. The facts: the first occurrence of each event_id not stored yet. An id
  -- already in its own table is skipped by on conflict (which also covers a
  -- concurrent batch of another site storing the same id); one in the other
  -- table by an index probe per event, never a scan of that table.
  with fresh as (
    select (f.b).*
    from (select distinct on (b.event_id) b from unnest(batch) as b order by b.event_id, b.ord) f
  ),
  calls as (
    insert into public.call_events (event_id, site_id, queue_id, call_id, kind, agent_id, occurred_at, data)
    select f.event_id, f.site_id, f.queue_id, f.call_id, f.kind, f.agent_id, f.occurred_at,
      jsonb_strip_nulls(jsonb_build_object(
        'talk_s', f.talk_s, 'hold_s', f.hold_s, 'to_queue_id', f.to_queue_id, 'grade', f.grade))
    from fresh f
    left join lateral (
      select true as taken from public.agent_state_events s where s.event_id = f.event_id limit 1
    ) other on true
    where f.kind <> 'agent_state' and other.taken is null
    order by f.ord
    on conflict (event_id) do nothing
    returning event_id, site_id, queue_id, call_id
  ),
  states as (
    insert into public.agent_state_events (event_id, site_id, agent_id, state, reason, queue_id, occurred_at)
    select f.event_id, f.site_id, f.agent_id, f.state, f.reason, f.queue_id, f.occurred_at
    from fresh f
    left join lateral (
      select true as taken from public.call_events c where c.event_id = f.event_id limit 1
    ) other on true
    where f.kind = 'agent_state' and other.taken is null
    order by f.ord
    on conflict (event_id) do nothing
    returning event_id, site_id, agent_id
  )
  select c.ids || s.ids, c.queues, c.calls, s.agents, array(select distinct u.id from unnest(c.sites || s.sites) as u (id))
  into accepted_ids, leg_queues, leg_calls, state_agents, touched_sites
  from (
    select coalesce(array_agg(event_id), '{}') as ids, coalesce(array_agg(queue_id), '{}') as queues,
      coalesce(array_agg(call_id), '{}') as calls, coalesce(array_agg(distinct site_id), '{}') as sites
    from calls
  ) c
  cross join (
    select coalesce(array_agg(event_id), '{}') as ids, coalesce(array_agg(distinct agent_id), '{}') as agents,
      coalesce(array_agg(distinct site_id), '{}') as sites
    from states
  ) s;

  -- 6. The derived tables: touched calls, then touched agents, then the touched sites' queues.
  if cardinality(leg_queues) > 0 then
    perform app.refresh_calls(leg_queues, leg_calls);
  end if;
  if cardinality(state_agents) > 0 then
    perform app.refresh_agent_live(state_agents);
  end if;
  if cardinality(accepted_ids) > 0 then
    perform app.refresh_queue_live(touched_sites);
  end if;

  if cardinality(accepted_ids) = batch_size then
    duplicate_ids := '[]'::jsonb;
  else
    select coalesce(jsonb_agg(b.event_id order by b.ord), '[]'::jsonb) into duplicate_ids
    from (
      select b.ord, b.event_id, row_number() over (partition by b.event_id order by b.ord) = 1 as is_first
      from unnest(batch) as b
    ) b
    left join unnest(accepted_ids) as a (event_id) on a.event_id = b.event_id and b.is_first
    where a.event_id is null;
  end if;

  return jsonb_build_object(
    'accepted', cardinality(accepted_ids),
    'duplicates', jsonb_array_length(duplicate_ids),
    'duplicate_ids', duplicate_ids
  );
end;
$$;


-- As before (20261204400000_call_timeouts.sql), in plpgsql; each leg's facts by an index probe, sorted once.
create or replace function app.summarize_calls(queue_ids uuid[], call_ids text[])
returns setof public.call_summaries
language plpgsql
stable
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
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
        min(e.occurred_at) filter (where e.kind = 'call_timed_out') as timed_out_at,
        -- which of the abandon and timeout facts came first decides between them
        (array_agg(e.kind order by e.occurred_at, e.event_id)
          filter (where e.kind in ('call_abandoned', 'call_timed_out')))[1] as gave_up,
        min(e.occurred_at) filter (where e.kind = 'call_ended') as ended_at,
        (array_agg(e.agent_id order by e.occurred_at, e.event_id) filter (where e.kind = 'call_ended'))[1] as ended_by,
        (array_agg(e.data order by e.occurred_at, e.event_id) filter (where e.kind = 'call_ended'))[1] as ended_data,
        min(e.occurred_at) filter (where e.kind = 'wrap_ended') as wrap_ended_at,
        min(e.occurred_at) filter (where e.kind = 'call_transferred') as transferred_at,
        (array_agg(e.data ->> 'to_queue_id' order by e.occurred_at, e.event_id)
          filter (where e.kind = 'call_transferred'))[1] as transferred_to,
        -- the latest grade: the last in the one order all the ordered aggregates share, so that
        -- PostgreSQL 16+ (PGlite) sorts each leg's facts once instead of once per aggregate
        (array_agg(e.data ->> 'grade' order by e.occurred_at, e.event_id)
          filter (where e.kind = 'call_graded')) as grades,
        (array_agg(e.agent_id order by e.occurred_at, e.event_id) filter (where e.agent_id is not null))[1] as first_agent
      from legs
      -- one index probe per leg, whatever the planner guesses about the arrays' sizes
      cross join lateral (
        select c.* from public.call_events c where c.queue_id = legs.queue_id and c.call_id = legs.call_id
      ) e
      group by e.site_id, e.queue_id, e.call_id
    ),
    measured as (
      select f.*, q.direction, q.sl_threshold_s, q.short_abandon_s,
        f.offered_at is not null as counted,
        greatest(extract(epoch from f.answered_at - f.offered_at), 0) as answer_wait,
        greatest(extract(epoch from f.abandoned_at - f.offered_at), 0) as abandon_wait,
        greatest(extract(epoch from f.timed_out_at - f.offered_at), 0) as timeout_wait,
        f.answered_at is not null as is_answered,
        q.direction = 'inbound' and f.answered_at is null and f.gave_up is not distinct from 'call_abandoned' as is_abandoned,
        q.direction = 'inbound' and f.answered_at is null and f.gave_up is not distinct from 'call_timed_out' as is_timed_out
      from facts f
      join public.queues q on q.id = f.queue_id
    )
    select m.queue_id, m.call_id, m.site_id, m.direction,
      coalesce(m.answered_by, m.ended_by, m.first_agent),
      m.offered_at, m.answered_at, m.abandoned_at, m.ended_at, m.wrap_ended_at, m.transferred_at,
      m.transferred_to::uuid, m.grades[cardinality(m.grades)]::public.lead_grade,
      case
        when m.is_answered then round(m.answer_wait)::integer
        when m.is_abandoned then round(m.abandon_wait)::integer
        when m.is_timed_out then round(m.timeout_wait)::integer
      end,
      m.direction = 'inbound' and m.offered_at is not null and m.answered_at is null and m.abandoned_at is null
        and m.timed_out_at is null and m.ended_at is null and m.wrap_ended_at is null and m.transferred_at is null,
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
      now(),
      m.timed_out_at,
      (m.counted and m.is_timed_out)::integer::smallint
    from measured m;
end;
$$;


-- As before (20261204400000_call_timeouts.sql); old summaries and interval rows by primary key.
create or replace function app.refresh_calls(queue_ids uuid[], call_ids text[]) returns integer
language plpgsql
volatile
set search_path = ''
set plan_cache_mode = force_generic_plan
as $$
declare
  written integer;
begin
  with fresh as (
    select * from app.summarize_calls(queue_ids, call_ids)
  ),
  -- The legs' rows as they were: a primary-key probe per leg, never a scan of the day's summaries.
  old as (
    select s.*
    from (select distinct l.queue_id, l.call_id from unnest(queue_ids, call_ids) as l (queue_id, call_id)) l
    cross join lateral (
      select c.* from public.call_summaries c where c.queue_id = l.queue_id and c.call_id = l.call_id
    ) s
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
      wait_answered_s = excluded.wait_answered_s, updated_at = excluded.updated_at,
      timed_out_at = excluded.timed_out_at, timed_out = excluded.timed_out
    where (call_summaries.site_id, call_summaries.direction, call_summaries.agent_id, call_summaries.offered_at,
        call_summaries.answered_at, call_summaries.abandoned_at, call_summaries.ended_at, call_summaries.wrap_ended_at,
        call_summaries.transferred_at, call_summaries.transferred_to_queue_id, call_summaries.grade,
        call_summaries.wait_s, call_summaries.waiting, call_summaries.interval_start, call_summaries.offered,
        call_summaries.answered, call_summaries.answered_within_sl, call_summaries.abandoned,
        call_summaries.abandoned_short, call_summaries.handled, call_summaries.talk_s, call_summaries.hold_s,
        call_summaries.acw_s, call_summaries.wait_answered_s, call_summaries.timed_out_at, call_summaries.timed_out)
      is distinct from (excluded.site_id, excluded.direction, excluded.agent_id, excluded.offered_at,
        excluded.answered_at, excluded.abandoned_at, excluded.ended_at, excluded.wrap_ended_at,
        excluded.transferred_at, excluded.transferred_to_queue_id, excluded.grade,
        excluded.wait_s, excluded.waiting, excluded.interval_start, excluded.offered,
        excluded.answered, excluded.answered_within_sl, excluded.abandoned,
        excluded.abandoned_short, excluded.handled, excluded.talk_s, excluded.hold_s,
        excluded.acw_s, excluded.wait_answered_s, excluded.timed_out_at, excluded.timed_out)
  ),
  delta as (
    select c.queue_id, c.site_id, c.interval_start,
      sum(c.offered) as offered, sum(c.answered) as answered, sum(c.answered_within_sl) as answered_within_sl,
      sum(c.abandoned) as abandoned, sum(c.abandoned_short) as abandoned_short, sum(c.timed_out) as timed_out,
      sum(c.handled) as handled, sum(c.talk_s) as talk_s, sum(c.hold_s) as hold_s, sum(c.acw_s) as acw_s,
      sum(c.wait_answered_s) as wait_answered_s
    from (
      select f.queue_id, f.site_id, f.interval_start, f.offered, f.answered, f.answered_within_sl, f.abandoned,
        f.abandoned_short, f.timed_out, f.handled, f.talk_s, f.hold_s, f.acw_s, f.wait_answered_s
      from fresh f
      where f.interval_start is not null
      union all
      select o.queue_id, o.site_id, o.interval_start, -o.offered, -o.answered, -o.answered_within_sl, -o.abandoned,
        -o.abandoned_short, -o.timed_out, -o.handled, -o.talk_s, -o.hold_s, -o.acw_s, -o.wait_answered_s
      from old o
      where o.interval_start is not null
    ) c
    group by c.queue_id, c.site_id, c.interval_start
    having (sum(c.offered), sum(c.answered), sum(c.answered_within_sl), sum(c.abandoned), sum(c.abandoned_short),
        sum(c.timed_out), sum(c.handled), sum(c.talk_s), sum(c.hold_s), sum(c.acw_s), sum(c.wait_answered_s))
      <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  ),
  target as (
    select d.queue_id, d.site_id, d.interval_start,
      coalesce(i.offered, 0) + d.offered as offered,
      coalesce(i.answered, 0) + d.answered as answered,
      coalesce(i.answered_within_sl, 0) + d.answered_within_sl as answered_within_sl,
      coalesce(i.abandoned, 0) + d.abandoned as abandoned,
      coalesce(i.abandoned_short, 0) + d.abandoned_short as abandoned_short,
      coalesce(i.timed_out, 0) + d.timed_out as timed_out,
      coalesce(i.handled, 0) + d.handled as handled,
      coalesce(i.talk_s, 0) + d.talk_s as talk_s,
      coalesce(i.hold_s, 0) + d.hold_s as hold_s,
      coalesce(i.acw_s, 0) + d.acw_s as acw_s,
      coalesce(i.wait_answered_s, 0) + d.wait_answered_s as wait_answered_s
    from delta d
    left join lateral (
      select q.* from public.queue_intervals q where q.queue_id = d.queue_id and q.interval_start = d.interval_start
    ) i on true
  ),
  emptied as (
    delete from public.queue_intervals i
    using target t
    where i.queue_id = t.queue_id and i.interval_start = t.interval_start
      and (t.offered, t.answered, t.answered_within_sl, t.abandoned, t.abandoned_short, t.timed_out, t.handled,
        t.talk_s, t.hold_s, t.acw_s, t.wait_answered_s) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  )
  insert into public.queue_intervals (queue_id, site_id, interval_start, offered, answered, answered_within_sl,
    abandoned, abandoned_short, timed_out, handled, talk_s, hold_s, acw_s, wait_answered_s)
  select t.queue_id, t.site_id, t.interval_start, t.offered, t.answered, t.answered_within_sl, t.abandoned,
    t.abandoned_short, t.timed_out, t.handled, t.talk_s, t.hold_s, t.acw_s, t.wait_answered_s
  from target t
  where (t.offered, t.answered, t.answered_within_sl, t.abandoned, t.abandoned_short, t.timed_out, t.handled,
      t.talk_s, t.hold_s, t.acw_s, t.wait_answered_s) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  on conflict (queue_id, interval_start) do update set
    offered = excluded.offered, answered = excluded.answered, answered_within_sl = excluded.answered_within_sl,
    abandoned = excluded.abandoned, abandoned_short = excluded.abandoned_short, timed_out = excluded.timed_out,
    handled = excluded.handled, talk_s = excluded.talk_s, hold_s = excluded.hold_s, acw_s = excluded.acw_s,
    wait_answered_s = excluded.wait_answered_s;
  get diagnostics written = row_count;
  return written;
end;
$$;


-- As before (20261123000200_live_derivation.sql); the current run found by an index seek.
create or replace function app.refresh_agent_live(agent_ids uuid[]) returns integer
language plpgsql
volatile
set search_path = ''
set plan_cache_mode = force_generic_plan
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
    -- the first fact after it starts the current run; without one, the agent's
    -- first fact does. Both sides of the comparison are a row, so the index
    -- seeks to the spot instead of walking the agent's day from its start.
    left join lateral (
      select n.occurred_at as since
      from public.agent_state_events n
      where n.agent_id = l.agent_id
        and (n.occurred_at, n.event_id) > (coalesce(prev.occurred_at, '-infinity'), coalesce(prev.event_id, ''))
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

-- As before (20261123000200_live_derivation.sql); agents and their queues joined as sets, not a union per agent.
create or replace function app.refresh_queue_live(site_ids uuid[]) returns integer
language plpgsql
volatile
set search_path = ''
set plan_cache_mode = force_generic_plan
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
  -- each logged-in agent once per queue: those it is skilled for, and its current one
  agent_queues as (
    select k.agent_id, k.queue_id from public.agent_skills k where k.site_id = any (site_ids)
    union
    select al.agent_id, al.queue_id from public.agent_live al where al.site_id = any (site_ids) and al.queue_id is not null
  ),
  staffed as (
    select aq.queue_id,
      count(*) filter (where al.state = 'available')::integer as available,
      count(*) filter (where al.state = 'on_call')::integer as on_call,
      count(*) filter (where al.state = 'wrap_up')::integer as wrap_up,
      count(*) filter (where al.state in ('break', 'lunch', 'training', 'meeting'))::integer as not_ready
    from public.agent_live al
    join agent_queues aq on aq.agent_id = al.agent_id
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

-- Broadcast from Database once per statement instead of once per row: the
-- same message per changed row (20261122120500_wall_broadcasts.sql: {table,
-- operation, record} to wall:<site_id>), built from the statement's
-- transition table in one query. Each live-table write of ingest touches up
-- to a few dozen rows, and a row trigger per row cost a third more than the
-- sends themselves on PGlite. A transition table serves one event, hence
-- three triggers per table. board_settings keeps its row trigger.
create function app.broadcast_live_rows() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    perform realtime.send(
      jsonb_build_object('table', tg_table_name, 'operation', tg_op, 'record', r.row_json),
      tg_table_name, 'wall:' || (r.row_json ->> 'site_id'), true)
    from (select to_jsonb(o) as row_json from old_rows o) r;
  else
    perform realtime.send(
      jsonb_build_object('table', tg_table_name, 'operation', tg_op, 'record', r.row_json),
      tg_table_name, 'wall:' || (r.row_json ->> 'site_id'), true)
    from (select to_jsonb(n) as row_json from new_rows n) r;
  end if;
  return null;
end;
$$;
revoke execute on function app.broadcast_live_rows() from public, anon, authenticated;

drop trigger broadcast_to_wall on public.queue_live;
create trigger broadcast_inserts_to_wall after insert on public.queue_live
  referencing new table as new_rows for each statement execute function app.broadcast_live_rows();
create trigger broadcast_updates_to_wall after update on public.queue_live
  referencing new table as new_rows for each statement execute function app.broadcast_live_rows();
create trigger broadcast_deletes_to_wall after delete on public.queue_live
  referencing old table as old_rows for each statement execute function app.broadcast_live_rows();

drop trigger broadcast_to_wall on public.agent_live;
create trigger broadcast_inserts_to_wall after insert on public.agent_live
  referencing new table as new_rows for each statement execute function app.broadcast_live_rows();
create trigger broadcast_updates_to_wall after update on public.agent_live
  referencing new table as new_rows for each statement execute function app.broadcast_live_rows();
create trigger broadcast_deletes_to_wall after delete on public.agent_live
  referencing old table as old_rows for each statement execute function app.broadcast_live_rows();

drop trigger broadcast_to_wall on public.queue_intervals;
create trigger broadcast_inserts_to_wall after insert on public.queue_intervals
  referencing new table as new_rows for each statement execute function app.broadcast_live_rows();
create trigger broadcast_updates_to_wall after update on public.queue_intervals
  referencing new table as new_rows for each statement execute function app.broadcast_live_rows();
create trigger broadcast_deletes_to_wall after delete on public.queue_intervals
  referencing old table as old_rows for each statement execute function app.broadcast_live_rows();
