-- Events from the future are refused (issue 9). A call "offered in 2099" was
-- accepted and stayed waiting on the wall for ever; a phone system whose
-- clock runs hours ahead would do the same to every call. ingest_events now
-- refuses an event whose `at` is more than the site's allowance after the
-- server's clock, like any other bad event: SQLSTATE 22023, the whole batch
-- refused, the message naming the event's index and event_id, its time, the
-- server time and the allowance. The schema's limits (the year 2000 up to
-- 2100) stay as they are: they are about the shape, this is about the clock.
--
-- The allowance is a site setting, future_event_allowance_s (default 300 s),
-- from 5 s (two machines kept in step by NTP still differ by a little, and
-- an event takes a moment to arrive) up to an hour (anything more is a wrong
-- clock or a wrong zone, not skew). Site admins may change it like the rest
-- of their site's row.
--
-- "The server's clock" is now(), the start of the ingest transaction: one
-- instant for the whole batch, so every event of it is judged alike.
--
-- Only the database knows its clock and the site's setting, so the zod
-- schema (server/events/schema.ts) cannot refuse these events; the shared
-- cases (server/events/event-cases.ts) mark them as refused by the server
-- only, and the agreement test holds each side to its own verdict.

alter table public.sites add column future_event_allowance_s integer not null default 300
  constraint sites_future_event_allowance_in_range check (future_event_allowance_s between 5 and 3600);
comment on column public.sites.future_event_allowance_s is
  'How many seconds ahead of the server clock an ingested event may be stamped; later ones are refused.';

-- As in 20261204400000_call_timeouts.sql, and last: an event stamped beyond the site's allowance.
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
        when b.occurred_at > now() + make_interval(secs => s.future_event_allowance_s) then
          format('at %s is in the future: the server time is %s and events may be at most %s s ahead of it '
            '(the site''s future_event_allowance_s)',
            to_char(b.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            s.future_event_allowance_s)
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
