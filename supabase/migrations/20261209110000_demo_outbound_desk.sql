-- The demo's outbound callers at their desks (issue 13, deliverable 7).
-- The simulator dials, connects and grades outbound calls through the
-- ingest API like a phone system; what a real caller then types — the call
-- log line of the customer they reached, a booked visit for an A lead — and
-- what the team lead then signs — the customer came, the visit became a
-- deal — is played here from those calls, so that My day, the ledger, the
-- statements and the ranking are full on the first start.
--
-- Every choice is a hash of the phone system's call id, not a random draw:
-- a run repeated, or interrupted and run again, makes the same customers,
-- bookings and outcomes, and nothing twice. Rates (DOMAIN.md "Outbound
-- teams" and the simulator): each connected call is a new customer from the
-- day's list; a caller books between 15 % and 45 % of their A leads (each
-- caller their own share), for 1 to 3 days later; 70 % of the booked come,
-- the others are no-shows; 12 % of visits become a deal, 3 in 10 of them a
-- villa. That is one or two visits a week short of the target of 10 for
-- most callers, which is the manual's reality.
--
-- Only the demo's own customers (list_name 'demo') are ever confirmed or
-- turned into deals here; what people enter is left alone. Service role
-- only: the single box calls it every few seconds while the simulator runs.

create function app.demo_fraction(seed text) returns double precision
language sql immutable
set search_path = ''
as $$
  select (hashtext(seed) & 1048575) / 1048576.0
$$;
revoke execute on function app.demo_fraction(text) from public, anon, authenticated;

create function public.play_demo_outbound(site_id uuid, batch integer default 5000) returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  zone text;
  logged integer;
begin
  select s.time_zone into zone from public.sites s where s.id = play_demo_outbound.site_id;
  if zone is null then
    raise exception 'no such site' using errcode = 'P0002';
  end if;

  -- The customers reached and their call log lines, oldest calls first.
  create temp table demo_calls on commit drop as
    select c.call_id, c.agent_id, c.grade,
      coalesce(c.wrap_ended_at, c.ended_at, c.answered_at) as at,
      md5('demo-lead:' || c.site_id || ':' || c.call_id)::uuid as lead_id,
      app.demo_fraction(c.call_id || ':source') as f_source,
      app.demo_fraction(c.call_id || ':product') as f_product,
      app.demo_fraction(c.call_id || ':book') as f_book,
      app.demo_fraction(c.agent_id::text || ':booking-share') as booking_share
    from public.call_summaries c
    where c.site_id = play_demo_outbound.site_id and c.direction = 'outbound'
      and c.grade is not null and c.agent_id is not null and c.answered_at is not null
      and not exists (select 1 from public.lead_calls l where l.site_id = c.site_id and l.call_id = c.call_id)
    order by c.answered_at
    limit greatest(batch, 1);
  get diagnostics logged = row_count;

  insert into public.leads (id, site_id, owner_agent_id, customer_name, phone, source, grade, product,
    graded_at, follow_up_count, last_called_at, next_follow_up_on, list_name)
  select d.lead_id, play_demo_outbound.site_id, d.agent_id,
    (array['赵','钱','孙','李','周','吴','郑','王','冯','陈','褚','卫','蒋','沈','韩','杨','朱','秦','尤','许'])
      [1 + (hashtext(d.call_id || ':surname') & 1048575) % 20]
      || (array['先生','女士'])[1 + (hashtext(d.call_id || ':title') & 1) ],
    -- 1390 000 xxxx-style numbers from the hash: invented, not anyone's.
    '139' || lpad(((hashtext(d.call_id || ':phone') & 2147483647) % 100000000)::text, 8, '0'),
    case
      when d.f_source < 0.15 then 'own_project' when d.f_source < 0.45 then 'outreach'
      when d.f_source < 0.60 then 'customer_club' when d.f_source < 0.85 then 'agency' else 'sms_intercept'
    end::public.lead_source,
    d.grade,
    case when d.grade = 'D' then null
      when d.f_product < 0.55 then 'high_rise' when d.f_product < 0.80 then 'villa' else 'other'
    end::public.product_kind,
    d.at, 1, d.at,
    (d.at at time zone zone)::date + case d.grade when 'A' then 1 when 'B' then 3 when 'C' then 30 end,
    'demo'
  from demo_calls d
  on conflict (id) do nothing;

  insert into public.lead_calls (site_id, lead_id, agent_id, called_at, connected, grade, product, next_follow_up_on, call_id, made_by)
  select play_demo_outbound.site_id, l.id, l.owner_agent_id, d.at, true, d.grade, l.product, l.next_follow_up_on, d.call_id, null
  from demo_calls d
  join public.leads l on l.id = d.lead_id
  on conflict (site_id, call_id) where call_id is not null do nothing;

  -- A leads: some are booked for a visit 1 to 3 days later, between 10:00 and 15:00.
  insert into public.invitations (id, site_id, agent_id, lead_id, appointment_at, product, created_at)
  select md5('demo-visit:' || d.lead_id)::uuid, play_demo_outbound.site_id, d.agent_id, d.lead_id,
    (((d.at at time zone zone)::date + 1 + (hashtext(d.call_id || ':day') & 1048575) % 3)
      + make_interval(hours => 10 + (hashtext(d.call_id || ':hour') & 1048575) % 6)) at time zone zone,
    l.product, d.at
  from demo_calls d
  join public.leads l on l.id = d.lead_id
  where d.grade = 'A' and d.f_book < 0.15 + 0.30 * d.booking_share
  on conflict (id) do nothing;

  -- The appointments that have come: the customer came (the team lead signs)
  -- or, two hours on, did not.
  update public.invitations i set
    status = case when app.demo_fraction(i.id::text || ':came') < 0.7 then 'visited' else 'no_show' end::public.invitation_status,
    visited_at = case when app.demo_fraction(i.id::text || ':came') < 0.7
      then i.appointment_at + make_interval(mins => (hashtext(i.id::text || ':late') & 1048575) % 25) end,
    confirmed_at = case when app.demo_fraction(i.id::text || ':came') < 0.7
      then i.appointment_at + make_interval(mins => 30 + (hashtext(i.id::text || ':late') & 1048575) % 25) end,
    confirmed_by = case when app.demo_fraction(i.id::text || ':came') < 0.7 then (
      select m.user_id from public.members m join public.agents a on a.team_id = m.team_id
      where a.id = i.agent_id and m.role = 'lead' order by m.user_id limit 1) end
  from public.leads l
  where l.id = i.lead_id and l.list_name = 'demo' and i.site_id = play_demo_outbound.site_id
    and i.status = 'booked'
    and i.appointment_at + case when app.demo_fraction(i.id::text || ':came') < 0.7
      then interval '55 minutes' else interval '2 hours' end <= now();

  -- Visits that became deals, recorded within the hour.
  update public.invitations i set
    deal_product = case when app.demo_fraction(i.id::text || ':villa') < 0.3 then 'villa' else 'high_rise' end::public.product_kind,
    deal_at = i.visited_at + interval '1 hour',
    deal_recorded_by = i.confirmed_by
  from public.leads l
  where l.id = i.lead_id and l.list_name = 'demo' and i.site_id = play_demo_outbound.site_id
    and i.status = 'visited' and i.deal_product is null
    and app.demo_fraction(i.id::text || ':deal') < 0.12
    and i.visited_at + interval '1 hour' <= now();

  drop table demo_calls;
  return logged;
end;
$$;
comment on function public.play_demo_outbound(uuid, integer) is
  'The demo''s outbound callers and team lead: call log lines, bookings, arrivals and deals played from the simulator''s graded outbound calls (at most batch calls a run). Service role.';
revoke execute on function public.play_demo_outbound(uuid, integer) from public, anon, authenticated;
grant execute on function public.play_demo_outbound(uuid, integer) to service_role;
