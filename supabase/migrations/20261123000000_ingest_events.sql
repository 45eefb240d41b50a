-- Events in (DESIGN.md §3): `ingest_events(events)` is the one door through
-- which the phone system, the simulator and the queue_log tailer report calls
-- and agent states. It validates a batch, stores the facts idempotently and
-- updates the derived live tables in the same transaction. Callable only with
-- the service role.
--
-- The batch
--   * a JSON array of at most 1,000 event objects; snake_case fields; no
--     field beyond those of its kind (a typo is an error, not a silent drop);
--   * common fields: event_id (text, 1–200 characters, unique across all
--     sites and both fact tables), kind, site_id (uuid), at (ISO 8601 with
--     seconds and Z or ±hh:mm, from 2000 up to 2100);
--   * kinds and their fields (? = optional; null counts as absent):
--       call_offered      call_id, queue_id                       (inbound)
--       call_answered     call_id, queue_id, agent_id             (inbound)
--       call_abandoned    call_id, queue_id                       (inbound)
--       call_ended        call_id, queue_id, agent_id, talk_s, hold_s
--       wrap_ended        call_id, queue_id, agent_id
--       call_transferred  call_id, queue_id, agent_id, to_queue_id?
--       agent_state       agent_id, state, reason?, queue_id?
--       call_dialed       call_id, queue_id, agent_id             (outbound)
--       call_connected    call_id, queue_id, agent_id             (outbound)
--       call_graded       call_id, queue_id, agent_id, grade      (outbound)
--     call_id 1–200 characters; talk_s and hold_s whole seconds 0–86400;
--     state an agent_state; reason at most 200 characters; grade A–D; queue
--     and agent ids must belong to the event's site, and the queue's
--     direction must fit the kind.
--   * All or nothing: a bad event raises SQLSTATE 22023 (HTTP 400) naming its
--     index, event_id and what is wrong, and nothing of the batch is stored.
--     Shapes are checked first (the first malformed event by index), then
--     references (the first unknown site, queue or agent). A batch that is not
--     an array raises 22023; one of more than 1,000 events PT413, which
--     PostgREST (and the single-box server) answer with HTTP 413.
--   * An event_id already stored, or repeated within the batch, is ignored and
--     reported: {accepted, duplicates, duplicate_ids} (ids in batch order).
--     A replay is not compared with the stored fact: the first one wins.
--
-- The facts: call events go to call_events (talk_s, hold_s, to_queue_id and
-- grade inside `data`), agent states to agent_state_events.
--
-- The derived tables, and why they do not depend on arrival order
--   * A call leg is one call in one queue: (queue_id, call_id). A transfer
--     ends the leg in the first queue; the feeder reports the call offered to
--     the next queue, which starts a new leg there.
--   * call_summaries (next migration) holds one row per leg, recomputed from
--     ALL of that leg's facts whenever a fact for it arrives, so the row is a
--     function of the set of facts, not of their order. The row also holds
--     the leg's contribution to its queue_intervals row; the interval row
--     moves by (new contribution − old contribution). Sum of contributions =
--     interval row, in any arrival order, duplicates included.
--   * A leg counts in the 15-minute interval in which it was OFFERED (dialed,
--     for outbound). Until its call_offered arrives it counts nowhere.
--       offered             1
--       answered            answered (outbound: connected)
--       answered_within_sl  answered and answered_at − offered_at ≤ the
--                           queue's sl_threshold_s (inbound only)
--       abandoned           abandoned and not answered (inbound only)
--       abandoned_short     abandoned and wait < short_abandon_s
--       handled             the leg has a call_ended
--       talk_s, hold_s      from call_ended
--       acw_s               wrap_ended.at − call_ended.at (≥ 0)
--       wait_answered_s     answered_at − offered_at of answered legs (≥ 0)
--     When a leg has several facts of one kind, the earliest (by at, then
--     event_id) counts; for call_graded the latest. Seconds are rounded per
--     leg; the SL and short-abandon tests use the exact times. Settings are
--     read when a leg is recomputed: after changing a threshold, rebuild_live
--     recomputes past days with it.
--   * queue_live.calls_waiting: inbound legs offered and not (yet) answered,
--     abandoned, ended, wrapped or transferred; oldest_waiting_since is the
--     earliest of their offered times.
--   * queue_live.agents_*: agents with an agent_live row (logged in) who are
--     skilled for the queue (agent_skills) or whose current queue it is.
--     available → available, on_call → on_call, wrap_up → wrap_up, and break,
--     lunch, training, meeting → not_ready. An agent skilled for two queues
--     counts in both, so agents do not add up across queues. Every queue of
--     a site a batch touches is recomputed, so a changed skill shows with the
--     site's next event (or rebuild_live).
--   * agent_live: per agent, the latest agent_state fact (by at, ties by
--     event_id) gives state, reason and queue; `offline` (or no fact) means
--     no row. state_since is when the current run began: the first fact
--     after the latest one with another (state, reason), so a repeated report
--     of the same state does not restart the agent's clock.
--   * Only rows whose values change are written: every write of a live row
--     bumps its version and is broadcast to the wall.
--   * Ingest and rebuild of one site take a transaction-scoped advisory lock,
--     so concurrent batches for a site are derived one after the other.
--
-- rebuild_live(site_id, day) (later migration) recomputes one site-day from
-- the facts the same way; tests compare it with the incremental path.

-- One parsed event; ord is its 1-based position in the batch.
create type app.ingest_event as (
  ord integer,
  event_id text,
  kind text,
  site_id uuid,
  occurred_at timestamptz,
  call_id text,
  queue_id uuid,
  agent_id uuid,
  to_queue_id uuid,
  talk_s integer,
  hold_s integer,
  state public.agent_state,
  reason text,
  grade public.lead_grade
);

-- The first shape problem of a batch (lowest index first), or no row. One
-- query per batch with one CASE per event, no per-field rows: per-event
-- helper calls or set-returning functions cost more than the rest of ingest
-- together. Within an event: event_id and kind, then fields the kind does not
-- allow, then missing fields, then bad values in a fixed field order. CASE
-- evaluates its branches in order, so every cast sits behind the pattern that
-- makes it safe, and the subqueries that name a field run only for a bad event.
create function app.ingest_shape_problem(events jsonb)
returns table (ord integer, event_id text, problem text)
language sql
stable
set search_path = ''
as $$
  with ev as (
    select a.ord::integer as ord, a.e, jsonb_typeof(a.e) = 'object' as is_object
    from jsonb_array_elements(events) with ordinality as a (e, ord)
  ),
  spec as (
    select ev.ord, ev.e, ev.is_object, k.kind,
      '{site_id,at}'::text[] || k.required as required,
      '{event_id,kind,site_id,at}'::text[] || k.required || k.optional as allowed
    from ev
    left join (values
      ('call_offered', '{call_id,queue_id}'::text[], '{}'::text[]),
      ('call_answered', '{call_id,queue_id,agent_id}', '{}'),
      ('call_abandoned', '{call_id,queue_id}', '{}'),
      ('call_ended', '{call_id,queue_id,agent_id,talk_s,hold_s}', '{}'),
      ('wrap_ended', '{call_id,queue_id,agent_id}', '{}'),
      ('call_transferred', '{call_id,queue_id,agent_id}', '{to_queue_id}'),
      ('agent_state', '{agent_id,state}', '{reason,queue_id}'),
      ('call_dialed', '{call_id,queue_id,agent_id}', '{}'),
      ('call_connected', '{call_id,queue_id,agent_id}', '{}'),
      ('call_graded', '{call_id,queue_id,agent_id,grade}', '{}')
    ) as k (kind, required, optional)
      on ev.is_object and jsonb_typeof(ev.e -> 'kind') = 'string' and k.kind = ev.e ->> 'kind'
  ),
  checked as (
    select s.ord, s.e, s.is_object,
      case
        when not s.is_object then 'must be a JSON object'
        when jsonb_typeof(s.e -> 'event_id') is distinct from 'string' then 'event_id is required and must be a string'
        when length(s.e ->> 'event_id') not between 1 and 200 then 'event_id must be 1 to 200 characters long'
        when jsonb_typeof(s.e -> 'kind') is distinct from 'string' then 'kind is required and must be a string'
        when s.kind is null then
          format('kind %s is unknown; expected one of call_offered, call_answered, call_abandoned, call_ended, '
            'wrap_ended, call_transferred, agent_state, call_dialed, call_connected, call_graded',
            to_jsonb(left(s.e ->> 'kind', 50)))
        when (s.e - s.allowed) <> '{}'::jsonb then
          format('field %s is not allowed in a %s event',
            (select to_jsonb(left(min(k.key), 50)) from jsonb_object_keys(s.e - s.allowed) as k (key)), s.kind)
        when not (jsonb_strip_nulls(s.e) ?& s.required) then
          format('%s is required in a %s event',
            (select r.field from unnest(s.required) with ordinality as r (field, n)
              where not (jsonb_strip_nulls(s.e) ? r.field) order by r.n limit 1),
            s.kind)
        when jsonb_typeof(s.e -> 'site_id') <> 'string' or (s.e ->> 'site_id') !~ r.uuid
          then 'site_id must be a UUID string'
        when jsonb_typeof(s.e -> 'call_id') not in ('null', 'string') or length(s.e ->> 'call_id') not between 1 and 200
          then 'call_id must be a string of 1 to 200 characters'
        when jsonb_typeof(s.e -> 'queue_id') not in ('null', 'string') or (s.e ->> 'queue_id') !~ r.uuid
          then 'queue_id must be a UUID string'
        when jsonb_typeof(s.e -> 'agent_id') not in ('null', 'string') or (s.e ->> 'agent_id') !~ r.uuid
          then 'agent_id must be a UUID string'
        when jsonb_typeof(s.e -> 'to_queue_id') not in ('null', 'string') or (s.e ->> 'to_queue_id') !~ r.uuid
          then 'to_queue_id must be a UUID string'
        -- RFC 3339 as zod's z.iso.datetime({ offset: true }) accepts it, real calendar dates only
        when jsonb_typeof(s.e -> 'at') <> 'string' or (s.e ->> 'at') !~ (
          '^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29'
          || '|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)'
          || '|(?:02)-(?:0[1-9]|1\d|2[0-8])))'
          || 'T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$'
        ) then 'at must be an ISO 8601 timestamp with seconds and a zone, e.g. 2026-11-23T09:00:00+08:00'
        when (s.e ->> 'at')::timestamptz < timestamptz '2000-01-01 00:00:00+00'
          or (s.e ->> 'at')::timestamptz >= timestamptz '2100-01-01 00:00:00+00'
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
          or (s.e ->> 'state') <> all (enum_range(null::public.agent_state)::text[])
          then 'state must be one of ' || array_to_string(enum_range(null::public.agent_state)::text[], ', ')
        when jsonb_typeof(s.e -> 'reason') not in ('null', 'string') or length(s.e ->> 'reason') > 200
          then 'reason must be a string of at most 200 characters'
        when jsonb_typeof(s.e -> 'grade') not in ('null', 'string')
          or (s.e ->> 'grade') <> all (enum_range(null::public.lead_grade)::text[])
          then 'grade must be one of ' || array_to_string(enum_range(null::public.lead_grade)::text[], ', ')
      end as problem
    from spec s
    cross join (select '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' as uuid) r
  )
  select c.ord,
    case when c.is_object and jsonb_typeof(c.e -> 'event_id') = 'string' then c.e ->> 'event_id' end,
    c.problem
  from checked c
  where c.problem is not null
  order by c.ord
  limit 1
$$;

-- The first event of a well-formed batch whose references are wrong, or no
-- row: the site must exist, queues and agents must be the site's, and the
-- queue's direction must fit the kind.
create function app.ingest_reference_problem(batch app.ingest_event[])
returns table (ord integer, event_id text, problem text)
language sql
stable
set search_path = ''
as $$
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
        when b.kind in ('call_offered', 'call_answered', 'call_abandoned') and q.direction <> 'inbound' then
          format('%s needs an inbound queue; queue %s is an outbound campaign', b.kind, b.queue_id)
        when b.kind in ('call_dialed', 'call_connected', 'call_graded') and q.direction <> 'outbound' then
          format('%s needs an outbound campaign; queue %s is inbound', b.kind, b.queue_id)
      end as problem
    from unnest(batch) as b
    left join public.sites s on s.id = b.site_id
    left join public.queues q on q.id = b.queue_id and q.site_id = b.site_id
    left join public.agents a on a.id = b.agent_id and a.site_id = b.site_id
    left join public.queues t on t.id = b.to_queue_id and t.site_id = b.site_id
  ) x
  where x.problem is not null
  order by x.ord
  limit 1
$$;

-- The key of the advisory lock that serializes ingest and rebuild per site.
create function app.site_lock_key(site uuid) returns bigint
language sql immutable
set search_path = ''
as $$
  select hashtextextended('callboard.live:' || site::text, 0)
$$;

create function app.raise_bad_event(ord integer, event_id text, problem text, batch_size integer) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception '%', format('events[%s]%s: %s', ord - 1,
      case when event_id is null then '' else format(' (event_id %s)', to_jsonb(left(event_id, 200))) end, problem)
    using errcode = '22023',
      detail = format('The batch of %s events was rejected at index %s (0-based); none of its events were stored.',
        batch_size, ord - 1),
      hint = 'Correct or drop that event and send the whole batch again; events already stored are ignored as duplicates.';
end;
$$;

create function public.ingest_events(events jsonb) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
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

  -- 5. The facts: the first occurrence of each event_id not stored yet. The
  -- on conflict is for a concurrent batch of another site storing the same id.
  with fresh as (
    select (f.b).*
    from (select distinct on (b.event_id) b from unnest(batch) as b order by b.event_id, b.ord) f
    where not exists (select 1 from public.call_events c where c.event_id = (f.b).event_id)
      and not exists (select 1 from public.agent_state_events s where s.event_id = (f.b).event_id)
  ),
  calls as (
    insert into public.call_events (event_id, site_id, queue_id, call_id, kind, agent_id, occurred_at, data)
    select f.event_id, f.site_id, f.queue_id, f.call_id, f.kind, f.agent_id, f.occurred_at,
      jsonb_strip_nulls(jsonb_build_object(
        'talk_s', f.talk_s, 'hold_s', f.hold_s, 'to_queue_id', f.to_queue_id, 'grade', f.grade))
    from fresh f
    where f.kind <> 'agent_state'
    order by f.ord
    on conflict (event_id) do nothing
    returning event_id, site_id, queue_id, call_id
  ),
  states as (
    insert into public.agent_state_events (event_id, site_id, agent_id, state, reason, queue_id, occurred_at)
    select f.event_id, f.site_id, f.agent_id, f.state, f.reason, f.queue_id, f.occurred_at
    from fresh f
    where f.kind = 'agent_state'
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

comment on function public.ingest_events(jsonb) is
  'Stores a batch of up to 1000 call and agent-state events idempotently and updates the live tables; service role only.';

revoke execute on function
  app.ingest_shape_problem(jsonb),
  app.ingest_reference_problem(app.ingest_event[]),
  app.site_lock_key(uuid),
  app.raise_bad_event(integer, text, text, integer)
from public, anon, authenticated;
revoke execute on function public.ingest_events(jsonb) from public, anon, authenticated;
grant execute on function public.ingest_events(jsonb) to service_role;
