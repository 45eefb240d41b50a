-- Timeouts are not abandons (issue 9). When the queue itself ends a wait
-- without an agent — its maximum wait is reached, or no agent could take the
-- call (Asterisk EXITWITHTIMEOUT, EXITEMPTY) — the caller did not give up, so
-- counting it as abandoned blames the caller for the queue's limit. A new
-- inbound event kind says so, and the derived tables keep it apart.
--
-- The event
--       call_timed_out    call_id, queue_id                       (inbound)
--   exactly the fields of call_abandoned; the queue must be inbound.
--
-- What a leg counts as (the rules of 20261123000000_ingest_events.sql, plus):
--   * Outcome facts of a leg are call_answered (call_connected outbound),
--     call_abandoned and call_timed_out. An answer beats both others, whenever
--     it came: a leg with an answer is answered. Without an answer, the
--     earliest of the leg's abandon and timeout facts (by at, then event_id)
--     decides: abandoned or timed out, never both. So the outcome is a
--     function of the set of facts, not of their arrival order.
--   * call_summaries: timed_out_at is the earliest timeout fact (like
--     abandoned_at, kept whatever the outcome); wait_s is the wait until the
--     answer, or until the deciding abandon or timeout; `timed_out` (0 or 1)
--     is the leg's contribution to its interval.
--   * queue_intervals.timed_out: legs offered in the interval whose outcome
--     is a timeout. There is no short/long split: the short-abandon threshold
--     sets aside callers who hang up before anyone could answer (misdials,
--     second thoughts), and a timeout is never that — the queue decided.
--   * Service level: timeouts stay in `offered` in every formula, and are not
--     subtracted by offered_minus_short (only short abandons are): a call the
--     queue gave up on is real demand it did not serve. The formula
--     answered≤T / answered ignores them, as it ignores abandons.
--   * queue_live.calls_waiting: a timed-out leg no longer waits.
--
-- The queue setting abandon_rate_includes_timeouts (default false) says what
-- the board's abandon rate counts: false = abandons only, timeouts shown as
-- their own figure; true = abandons + timeouts (for centres whose reports have
-- always done so). "Unanswered" = abandoned + timed out, either way. The
-- formulas live in src/lib/metrics/queue-metrics.ts; the abandon-rate target
-- that goes with the setting in src/lib/metrics/abandon-rule.ts.
--
-- Existing facts hold no timeouts, so existing summaries and intervals are
-- already right with the new columns at 0: nothing needs rebuilding.

-- ---------------------------------------------------------------- the fact

alter table public.call_events drop constraint call_events_kind_is_known;
alter table public.call_events add constraint call_events_kind_is_known check (kind in (
  'call_offered', 'call_answered', 'call_abandoned', 'call_timed_out', 'call_ended', 'wrap_ended', 'call_transferred',
  'call_dialed', 'call_connected', 'call_graded'
));

-- ---------------------------------------------------------------- the setting

alter table public.queues add column abandon_rate_includes_timeouts boolean not null default false;
comment on column public.queues.abandon_rate_includes_timeouts is
  'Whether the abandon rate counts calls the queue timed out (max wait, no agent) as abandoned; default: shown apart.';

-- ---------------------------------------------------------------- derived columns

-- Added at the end of the row: summarize_calls returns rows of this table, in its column order.
alter table public.call_summaries add column timed_out_at timestamptz;
alter table public.call_summaries add column timed_out smallint not null default 0;
alter table public.call_summaries add constraint call_summaries_timeouts_only_with_an_interval
  check (interval_start is not null or timed_out = 0);
alter table public.call_summaries add constraint call_summaries_one_outcome_per_leg
  check (answered + abandoned + timed_out <= offered);

alter table public.queue_intervals add column timed_out integer not null default 0;
alter table public.queue_intervals add constraint queue_intervals_timed_out_not_negative check (timed_out >= 0);

-- ---------------------------------------------------------------- validation

-- As before, with call_timed_out among the kinds (the same fields as call_abandoned).
create or replace function app.ingest_shape_problem(events jsonb)
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

-- As before, with call_timed_out among the kinds that need an inbound queue.
create or replace function app.ingest_reference_problem(batch app.ingest_event[])
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
        when b.kind in ('call_offered', 'call_answered', 'call_abandoned', 'call_timed_out')
          and q.direction <> 'inbound' then
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

-- ---------------------------------------------------------------- derivation

-- As before, with the outcome rule above; the two new columns come last.
create or replace function app.summarize_calls(queue_ids uuid[], call_ids text[])
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
    m.transferred_to::uuid, m.grade::public.lead_grade,
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
  from measured m
$$;

-- As before, with timed_out_at and timed_out in the summaries and timed_out
-- among the interval counters moved by (new − old) contribution.
create or replace function app.refresh_calls(queue_ids uuid[], call_ids text[]) returns integer
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
    left join public.queue_intervals i on i.queue_id = d.queue_id and i.interval_start = d.interval_start
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

-- ---------------------------------------------------------------- rebuild

-- As before (20261123000300_rebuild_live.sql), with timed_out among the sums.
create or replace function public.rebuild_live(site_id uuid, day date) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  target_site uuid := rebuild_live.site_id;
  target_day date := rebuild_live.day;
  zone text;
  day_start timestamptz;
  day_end timestamptz;
  leg_queues uuid[];
  leg_calls text[];
  moved integer;
  intervals_removed integer;
  intervals_written integer;
  agents_written integer;
  queues_written integer;
begin
  if target_site is null or target_day is null then
    raise exception 'rebuild_live needs a site_id and a day' using errcode = '22004';
  end if;
  select s.time_zone into zone from public.sites s where s.id = target_site;
  if not found then
    raise exception 'site % does not exist', target_site using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(app.site_lock_key(target_site));

  day_start := target_day::timestamp at time zone zone;
  day_end := (target_day + 1)::timestamp at time zone zone;

  select coalesce(array_agg(l.queue_id), '{}'), coalesce(array_agg(l.call_id), '{}')
  into leg_queues, leg_calls
  from (
    select e.queue_id, e.call_id
    from public.call_events e
    where e.site_id = target_site and e.kind in ('call_offered', 'call_dialed')
      and e.occurred_at >= day_start and e.occurred_at < day_end
    union
    select s.queue_id, s.call_id
    from public.call_summaries s
    where s.site_id = target_site and (s.waiting or (s.interval_start >= day_start and s.interval_start < day_end))
  ) l;
  moved := app.refresh_calls(leg_queues, leg_calls);

  with target as (
    select s.queue_id, s.site_id, s.interval_start,
      sum(s.offered)::integer as offered, sum(s.answered)::integer as answered,
      sum(s.answered_within_sl)::integer as answered_within_sl, sum(s.abandoned)::integer as abandoned,
      sum(s.abandoned_short)::integer as abandoned_short, sum(s.timed_out)::integer as timed_out,
      sum(s.handled)::integer as handled, sum(s.talk_s) as talk_s, sum(s.hold_s) as hold_s, sum(s.acw_s) as acw_s,
      sum(s.wait_answered_s) as wait_answered_s
    from public.call_summaries s
    where s.site_id = target_site and s.interval_start >= day_start and s.interval_start < day_end
    group by s.queue_id, s.site_id, s.interval_start
  ),
  removed as (
    delete from public.queue_intervals i
    where i.site_id = target_site and i.interval_start >= day_start and i.interval_start < day_end
      and not exists (select 1 from target t where t.queue_id = i.queue_id and t.interval_start = i.interval_start)
    returning 1
  ),
  written as (
    insert into public.queue_intervals (queue_id, site_id, interval_start, offered, answered, answered_within_sl,
      abandoned, abandoned_short, timed_out, handled, talk_s, hold_s, acw_s, wait_answered_s)
    select t.queue_id, t.site_id, t.interval_start, t.offered, t.answered, t.answered_within_sl, t.abandoned,
      t.abandoned_short, t.timed_out, t.handled, t.talk_s, t.hold_s, t.acw_s, t.wait_answered_s
    from target t
    left join public.queue_intervals i on i.queue_id = t.queue_id and i.interval_start = t.interval_start
    where i.queue_id is null
      or (i.offered, i.answered, i.answered_within_sl, i.abandoned, i.abandoned_short, i.timed_out, i.handled,
        i.talk_s, i.hold_s, i.acw_s, i.wait_answered_s)
        is distinct from (t.offered, t.answered, t.answered_within_sl, t.abandoned, t.abandoned_short, t.timed_out,
          t.handled, t.talk_s, t.hold_s, t.acw_s, t.wait_answered_s)
    on conflict (queue_id, interval_start) do update set
      offered = excluded.offered, answered = excluded.answered, answered_within_sl = excluded.answered_within_sl,
      abandoned = excluded.abandoned, abandoned_short = excluded.abandoned_short, timed_out = excluded.timed_out,
      handled = excluded.handled, talk_s = excluded.talk_s, hold_s = excluded.hold_s, acw_s = excluded.acw_s,
      wait_answered_s = excluded.wait_answered_s
    returning 1
  )
  select (select count(*) from removed), (select count(*) from written) into intervals_removed, intervals_written;

  agents_written := app.refresh_agent_live(array(
    select a.id from public.agents a where a.site_id = target_site
    union
    select al.agent_id from public.agent_live al where al.site_id = target_site
  ));
  queues_written := app.refresh_queue_live(array[target_site]);

  return jsonb_build_object(
    'site_id', target_site,
    'day', target_day,
    'from', day_start,
    'to', day_end,
    'calls', cardinality(leg_queues),
    'intervals_written', moved + intervals_written,
    'intervals_removed', intervals_removed,
    'agents_written', agents_written,
    'queues_written', queues_written
  );
end;
$$;
