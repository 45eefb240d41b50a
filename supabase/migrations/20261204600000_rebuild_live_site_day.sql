-- rebuild_live takes the site's day from app.site_day (20261204500100), the
-- one definition of a site-local day that the wall functions already use,
-- instead of its own `at time zone` arithmetic. Same result on ordinary days;
-- one rule to keep right on days that are not 24 hours long.
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

  select lower(d), upper(d) into day_start, day_end from app.site_day(target_site, target_day) d;

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
