-- A queue's staffing parameters as the pages and the Erlang code need them:
-- the service-level target and threshold of the queue, the site's policy
-- (or its defaults), and the callers' mean patience measured from history
-- for Erlang A. And the one way to save a queue's policy, with readable
-- errors. New code: CB052, a policy value out of its range.

-- A queue's policy, or the defaults when it has none (the same values as the
-- column defaults of staffing_policies; this is the one place that reads a
-- policy, for the parameters and for the forecast).
create function app.staffing_policy_of(queue_id uuid) returns public.staffing_policies
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(p.site_id, q.site_id), q.id,
    coalesce(p.model, 'erlang_c'), coalesce(p.max_occupancy, 0.85), coalesce(p.shrinkage, 0.30),
    coalesce(p.history_weeks, 6), coalesce(p.recency_decay, 0.8), coalesce(p.trend_cap, 0.2),
    p.updated_by, p.updated_at
  from public.queues q
  left join public.staffing_policies p on p.queue_id = q.id
  where q.id = staffing_policy_of.queue_id
$$;
revoke execute on function app.staffing_policy_of(uuid) from public, anon, authenticated;

-- Mean patience per inbound queue of a site, from its calls over the weeks of
-- history its policy reads, before the site's today: the total time callers
-- waited (answered and abandoned calls) divided by the number who abandoned.
-- That is the maximum-likelihood mean of an exponential patience when
-- answered calls are censored (they would have waited longer), which is the
-- assumption Erlang A makes. Null with fewer than 10 abandons: too few to say.
create function app.queue_patience(site_id uuid)
returns table (queue_id uuid, patience_s numeric, abandons integer)
language sql
stable
security definer
set search_path = ''
as $$
  with windows as (
    select q.id,
      lower(app.site_day(q.site_id, app.site_today(q.site_id) - 7 * p.history_weeks)) as from_ts,
      lower(app.site_day(q.site_id, app.site_today(q.site_id))) as to_ts
    from public.queues q
    cross join lateral app.staffing_policy_of(q.id) p
    where q.site_id = queue_patience.site_id and q.direction = 'inbound'
  ),
  measured as (
    select w.id, coalesce(sum(c.abandoned), 0)::integer as abandons,
      sum(c.wait_s) filter (where c.answered = 1 or c.abandoned = 1) as exposure_s
    from windows w
    left join public.call_summaries c
      on c.site_id = queue_patience.site_id and c.queue_id = w.id
      and c.interval_start >= w.from_ts and c.interval_start < w.to_ts
      and not c.waiting and c.wait_s is not null
    group by w.id
  )
  select m.id, case when m.abandons >= 10 then round(m.exposure_s::numeric / m.abandons, 1) end, m.abandons
  from measured m
$$;
revoke execute on function app.queue_patience(uuid) from public, anon, authenticated;


create function public.staffing_parameters(site_id uuid)
returns table (
  queue_id uuid,
  queue_name text,
  direction public.queue_direction,
  sl_target numeric,
  sl_threshold_s integer,
  aht_target_s integer,
  model text,
  max_occupancy numeric,
  shrinkage numeric,
  history_weeks integer,
  recency_decay numeric,
  trend_cap numeric,
  patience_s numeric,
  abandons integer,
  policy_set boolean,
  updated_at timestamptz,
  updated_by_name text
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not app.can_read_staffing(staffing_parameters.site_id) then
    raise exception 'only the site''s leads, supervisors, managers, admins, QA and analysts read its staffing parameters'
      using errcode = '42501';
  end if;
  return query
    with params as (
      select q.id, q.name, q.direction, q.sl_target, q.sl_threshold_s, q.aht_target_s, p.*,
        exists (select 1 from public.staffing_policies sp where sp.queue_id = q.id) as policy_set
      from public.queues q
      cross join lateral app.staffing_policy_of(q.id) p
      where q.site_id = staffing_parameters.site_id
    )
    select x.id, x.name, x.direction, x.sl_target::numeric, x.sl_threshold_s, x.aht_target_s, x.model, x.max_occupancy,
      x.shrinkage, x.history_weeks, x.recency_decay, x.trend_cap,
      pt.patience_s,
      coalesce(pt.abandons, 0), x.policy_set, x.updated_at, app.member_name(x.updated_by, staffing_parameters.site_id)
    from params x
    left join app.queue_patience(staffing_parameters.site_id) pt on pt.queue_id = x.id
    order by x.direction, x.name;
end;
$$;
comment on function public.staffing_parameters(uuid) is
  'Per queue of the site: SL target and threshold, the staffing policy or its defaults (Erlang C, 85 % max occupancy, 30 % shrinkage, 6 weeks of history) and the measured mean patience (null when fewer than 10 abandons). Staffing readers only.';
revoke execute on function public.staffing_parameters(uuid) from public, anon, authenticated;
grant execute on function public.staffing_parameters(uuid) to authenticated, service_role;

-- Saves a queue's policy. Security invoker: the write goes through the
-- policies of staffing_policies (supervisors, managers, admins); the checks
-- before it say in words which value is wrong.
create function public.save_staffing_policy(
  queue_id uuid,
  model text,
  max_occupancy numeric,
  shrinkage numeric,
  history_weeks integer,
  recency_decay numeric default 0.8,
  trend_cap numeric default 0.2
) returns public.staffing_policies
language plpgsql
set search_path = ''
as $$
declare
  site uuid;
  saved public.staffing_policies;
begin
  select q.site_id into site from public.queues q where q.id = save_staffing_policy.queue_id;
  if site is null or not app.can_forecast(site) then
    raise exception 'only the site''s supervisors, managers and admins change staffing policies' using errcode = '42501';
  end if;
  if model is null or model not in ('erlang_c', 'erlang_a') then
    raise exception 'model must be erlang_c or erlang_a, not %', coalesce(model, 'null') using errcode = 'CB052';
  end if;
  if max_occupancy is null or not (max_occupancy > 0 and max_occupancy <= 1) then
    raise exception 'max_occupancy must be above 0 and at most 1 (85 %% is 0.85), not %', coalesce(max_occupancy::text, 'null')
      using errcode = 'CB052';
  end if;
  if shrinkage is null or not (shrinkage >= 0 and shrinkage < 1) then
    raise exception 'shrinkage must be at least 0 and below 1 (30 %% is 0.3), not %', coalesce(shrinkage::text, 'null')
      using errcode = 'CB052';
  end if;
  if history_weeks is null or history_weeks not between 1 and 26 then
    raise exception 'history_weeks must be between 1 and 26, not %', coalesce(history_weeks::text, 'null') using errcode = 'CB052';
  end if;
  if recency_decay is null or not (recency_decay > 0 and recency_decay <= 1) then
    raise exception 'recency_decay must be above 0 and at most 1 (1 weighs every week the same), not %',
      coalesce(recency_decay::text, 'null') using errcode = 'CB052';
  end if;
  if trend_cap is null or not (trend_cap >= 0 and trend_cap <= 1) then
    raise exception 'trend_cap must be between 0 (no trend) and 1, not %', coalesce(trend_cap::text, 'null') using errcode = 'CB052';
  end if;
  insert into public.staffing_policies as p (site_id, queue_id, model, max_occupancy, shrinkage, history_weeks, recency_decay, trend_cap)
  values (site, save_staffing_policy.queue_id, save_staffing_policy.model, save_staffing_policy.max_occupancy,
    save_staffing_policy.shrinkage, save_staffing_policy.history_weeks, save_staffing_policy.recency_decay,
    save_staffing_policy.trend_cap)
  on conflict on constraint staffing_policies_pkey do update
    set model = excluded.model, max_occupancy = excluded.max_occupancy, shrinkage = excluded.shrinkage,
      history_weeks = excluded.history_weeks, recency_decay = excluded.recency_decay, trend_cap = excluded.trend_cap
  returning * into saved;
  return saved;
end;
$$;
comment on function public.save_staffing_policy(uuid, text, numeric, numeric, integer, numeric, numeric) is
  'Saves a queue''s staffing policy (model, max occupancy, shrinkage, weeks of history, recency decay, trend cap); CB052 names a value out of range. Supervisors, managers and admins.';
revoke execute on function public.save_staffing_policy(uuid, text, numeric, numeric, integer, numeric, numeric)
  from public, anon, authenticated;
grant execute on function public.save_staffing_policy(uuid, text, numeric, numeric, integer, numeric, numeric)
  to authenticated, service_role;
