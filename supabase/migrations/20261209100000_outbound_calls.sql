-- The outbound workflow (issue 13, DOMAIN.md "Outbound teams"): the call
-- log of every lead, call lists imported by team leads with duplicates
-- flagged, the recall cycle, visits confirmed and turned into deals, the
-- half paid day earned by every 10 confirmed visits, and the site's rule
-- table that holds every number of the outbound manual.
--
-- Leads, their calls and the invitation register are customer data: only
-- the owning caller, their team lead and managers read leads and calls
-- (RLS, as in 20261122120400_leads.sql); supervisors read and confirm
-- invitations but not the leads behind them.
--
-- Codes: CB100 a call log line that is not valid; CB101 a lead import that
-- is not valid; CB102 a booking that is not valid; CB103 a confirmation or
-- deal in the wrong state; CB104 rule parameters that are not valid.

-- ------------------------------------------------------------ rule table

-- Each row is one version of one rule of a site, in force from its date
-- until the next version's. Parameters are numbers the manuals fix (product
-- defaults below); their checks live with the rules that read them.
create table public.incentive_rules (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  rule text not null constraint incentive_rules_rule_is_a_name check (rule ~ '^[a-z][a-z_]{1,39}$'),
  effective_from date not null,
  params jsonb not null constraint incentive_rules_params_is_an_object check (jsonb_typeof(params) = 'object'),
  note text constraint incentive_rules_note_length check (length(note) <= 500),
  made_by uuid default auth.uid(),
  made_at timestamptz not null default now(),
  constraint incentive_rules_one_version_a_day unique (site_id, rule, effective_from)
);
alter table public.incentive_rules enable row level security;
comment on table public.incentive_rules is
  'Incentive and penalty rules of a site as data: one row per version of a rule, in force from effective_from.';

create policy "site members read the site's incentive rules" on public.incentive_rules
  for select to authenticated using (app.is_site_member(site_id));
create policy "managers and admins add incentive rule versions" on public.incentive_rules
  for insert to authenticated with check (app.has_site_role(site_id, '{manager,admin}'));
-- A version in force has produced statements: it is replaced by a newer
-- version, never edited; only a version not yet in force may be withdrawn.
create policy "managers and admins withdraw versions not yet in force" on public.incentive_rules
  for delete to authenticated using (app.has_site_role(site_id, '{manager,admin}') and effective_from > current_date);

-- The parameters of a rule in force at a site on a day (null: no such rule).
create function app.incentive_params(site_id uuid, rule text, day date) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select r.params from public.incentive_rules r
  where r.site_id = incentive_params.site_id and r.rule = incentive_params.rule and r.effective_from <= day
  order by r.effective_from desc
  limit 1
$$;
revoke execute on function app.incentive_params(uuid, text, date) from public, anon, authenticated;
grant execute on function app.incentive_params(uuid, text, date) to authenticated, service_role;

-- The outbound manual's numbers as a new site's first versions. Later rule
-- migrations replace this function to add theirs.
create function app.insert_default_incentive_rules(site_id uuid) returns void
language sql security definer
set search_path = ''
as $$
  insert into public.incentive_rules (site_id, rule, effective_from, params, note, made_by)
  select insert_default_incentive_rules.site_id, d.rule, date '2000-01-01', d.params, d.note, null
  from (values
    ('connected_calls', '{"daily_target": 100, "yuan_per_missing": 1}'::jsonb, '每天至少 100 通可拨通电话，每少 1 通罚 1 元'),
    ('weekly_invitations', '{"weekly_target": 10}'::jsonb, '每周至少邀约到访 10 组'),
    ('visit_leave_credit', '{"visits": 10, "minutes": 240}'::jsonb, '每邀约到访 10 组奖励带薪假半天'),
    ('deal_bonus', '{"high_rise": 200, "villa": 500}'::jsonb, '到访成交：高层 200 元，别墅 500 元'),
    ('lead_recall', '{"days": 30}'::jsonb, 'A、B、C 类客户约一个月后循环回访')
  ) as d (rule, params, note)
  on conflict on constraint incentive_rules_one_version_a_day do nothing
$$;
revoke execute on function app.insert_default_incentive_rules(uuid) from public, anon, authenticated;

create function app.add_default_incentive_rules() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform app.insert_default_incentive_rules(new.id);
  return new;
end;
$$;
create trigger sites_add_incentive_rules after insert on public.sites
  for each row execute function app.add_default_incentive_rules();
select app.insert_default_incentive_rules(id) from public.sites;

-- Whether a rule parameter is missing, not a number, out of range or (when
-- it must be) not whole. Later rule migrations check theirs with it too.
create function app.rule_number_is_bad(params jsonb, key text, low numeric, high numeric, whole boolean) returns boolean
language sql immutable
set search_path = ''
as $$
  select coalesce(jsonb_typeof(params -> key), 'missing') <> 'number'
    or (params ->> key)::numeric not between low and high
    or (whole and (params ->> key)::numeric <> trunc((params ->> key)::numeric))
$$;

-- The numbers this migration's rules read must be numbers in range.
create function app.check_outbound_rule_params() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  p jsonb := new.params;
  bad text;
begin
  bad := case new.rule
    when 'connected_calls' then
      case when app.rule_number_is_bad(p, 'daily_target', 1, 1000, true) then 'daily_target must be a whole number from 1 to 1000'
        when app.rule_number_is_bad(p, 'yuan_per_missing', 0, 1000, false) then 'yuan_per_missing must be a number from 0 to 1000' end
    when 'weekly_invitations' then
      case when app.rule_number_is_bad(p, 'weekly_target', 1, 200, true) then 'weekly_target must be a whole number from 1 to 200' end
    when 'visit_leave_credit' then
      case when app.rule_number_is_bad(p, 'visits', 1, 1000, true) then 'visits must be a whole number from 1 to 1000'
        when app.rule_number_is_bad(p, 'minutes', 1, 480, true) then 'minutes must be a whole number from 1 to 480' end
    when 'deal_bonus' then
      case when app.rule_number_is_bad(p, 'high_rise', 0, 1000000, false) then 'high_rise must be an amount from 0 to 1000000'
        when app.rule_number_is_bad(p, 'villa', 0, 1000000, false) then 'villa must be an amount from 0 to 1000000' end
    when 'lead_recall' then
      case when app.rule_number_is_bad(p, 'days', 1, 365, true) then 'days must be a whole number from 1 to 365' end
  end;
  if bad is not null then
    raise exception 'rule %: %', new.rule, bad using errcode = 'CB104';
  end if;
  return new;
end;
$$;
create trigger incentive_rules_check_outbound before insert or update on public.incentive_rules
  for each row execute function app.check_outbound_rule_params();

-- --------------------------------------------------------------- leads

create type public.product_kind as enum ('high_rise', 'villa', 'other');

-- The digits that identify a phone number: separators go, and China's
-- country code in front of an 11-digit mobile number, so 138-0000-0001 and
-- +86 13800000001 are the same customer.
create function app.phone_key(phone text) returns text
language sql immutable
set search_path = ''
as $$
  select case when d ~ '^861[0-9]{10}$' then substr(d, 3) else d end
  from (select regexp_replace(phone, '[^0-9]', '', 'g') as d) x
$$;
revoke execute on function app.phone_key(text) from public, anon;
-- The generated column calls it as whoever inserts a lead.
grant execute on function app.phone_key(text) to authenticated, service_role;

alter table public.leads
  add column product public.product_kind,
  add column graded_at timestamptz,
  add column next_follow_up_on date,
  add column phone_key text generated always as (app.phone_key(phone)) stored,
  add column duplicate_of uuid references public.leads (id) on delete set null,
  add column list_name text constraint leads_list_name_length check (length(list_name) <= 100);
create index leads_site_phone_key_idx on public.leads (site_id, phone_key);
comment on column public.leads.duplicate_of is
  'An earlier lead of the site with the same phone number when this one was imported (flagged, kept by choice).';

-- ------------------------------------------------------------ call log

create table public.lead_calls (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  lead_id uuid not null,
  agent_id uuid not null,
  called_at timestamptz not null,
  connected boolean not null,
  grade public.lead_grade,
  product public.product_kind,
  notes text constraint lead_calls_notes_length check (length(notes) <= 2000),
  next_follow_up_on date,
  -- The phone system's call, when the line was written from it (the demo's callers).
  call_id text constraint lead_calls_call_id_length check (length(call_id) between 1 and 200),
  made_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  constraint lead_calls_lead_is_in_site foreign key (site_id, lead_id) references public.leads (site_id, id) on delete cascade,
  constraint lead_calls_caller_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id),
  constraint lead_calls_graded_when_connected check (connected = (grade is not null))
);
alter table public.lead_calls enable row level security;
create index lead_calls_lead_id_called_at_idx on public.lead_calls (lead_id, called_at);
create index lead_calls_agent_id_called_at_idx on public.lead_calls (agent_id, called_at);
create unique index lead_calls_site_call_id_key on public.lead_calls (site_id, call_id) where call_id is not null;
comment on table public.lead_calls is
  'Call log: one line per outbound call of a lead, recorded by the caller after the call (grade, product, notes, next follow-up).';

-- Written through log_lead_call only, so the lead's grade and counts move with it.
revoke insert, update, delete, truncate on public.lead_calls from anon, authenticated;
create policy "owners, their team lead and managers read the call log" on public.lead_calls
  for select to authenticated using (
    app.is_own_agent(agent_id) or app.leads_agent(agent_id) or app.has_site_role(site_id, '{manager}')
  );

-- Who may work a lead: its caller, their team lead, a manager.
create function app.may_work_lead(l public.leads) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select app.is_own_agent(l.owner_agent_id) or app.leads_agent(l.owner_agent_id) or app.has_site_role(l.site_id, '{manager}')
$$;
revoke execute on function app.may_work_lead(public.leads) from public, anon, authenticated;
grant execute on function app.may_work_lead(public.leads) to authenticated, service_role;

-- One call of a lead. A connected call grades the lead (a call that did not
-- connect has no grade); the lead keeps its latest grading, how many times
-- it was reached (follow_up_count: the manual's "4th to 11th follow-up")
-- and when to call next. A call logged late (called_at before the lead's
-- last grading) joins the history without overwriting the newer grade.
create function public.log_lead_call(
  lead_id uuid,
  connected boolean,
  grade public.lead_grade default null,
  product public.product_kind default null,
  notes text default null,
  next_follow_up_on date default null,
  called_at timestamptz default now()
) returns public.lead_calls
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  l public.leads;
  zone text;
  line public.lead_calls;
  newest boolean;
begin
  select * into l from public.leads where id = log_lead_call.lead_id for update;
  if not found or not app.may_work_lead(l) then
    raise exception 'no such lead among the leads you work' using errcode = '42501';
  end if;
  if connected is null then
    raise exception 'say whether the call connected' using errcode = 'CB100';
  end if;
  if connected and grade is null then
    raise exception 'a connected call grades the lead (A, B, C or D)' using errcode = 'CB100';
  end if;
  if not connected and grade is not null then
    raise exception 'a call that did not connect has no grade' using errcode = 'CB100';
  end if;
  if length(notes) > 2000 then
    raise exception 'notes are at most 2000 characters' using errcode = 'CB100';
  end if;
  if called_at is null or called_at > now() + interval '5 minutes' then
    raise exception 'a call is logged after it happened' using errcode = 'CB100';
  end if;
  select s.time_zone into zone from public.sites s where s.id = l.site_id;
  if next_follow_up_on < (called_at at time zone zone)::date then
    raise exception 'the next follow-up is before the call' using errcode = 'CB100';
  end if;
  insert into public.lead_calls (site_id, lead_id, agent_id, called_at, connected, grade, product, notes, next_follow_up_on)
  values (l.site_id, l.id, l.owner_agent_id, called_at, connected, grade, product, nullif(btrim(notes), ''), next_follow_up_on)
  returning * into line;
  newest := l.last_called_at is null or called_at >= l.last_called_at;
  update public.leads set
    follow_up_count = follow_up_count + (case when connected then 1 else 0 end),
    last_called_at = greatest(last_called_at, called_at),
    grade = case when connected and (graded_at is null or called_at >= graded_at) then log_lead_call.grade else leads.grade end,
    graded_at = case when connected and (graded_at is null or called_at >= graded_at) then called_at else graded_at end,
    product = case when newest then coalesce(log_lead_call.product, leads.product) else leads.product end,
    next_follow_up_on = case when newest then log_lead_call.next_follow_up_on else leads.next_follow_up_on end,
    updated_at = now()
  where id = l.id;
  return line;
end;
$$;
comment on function public.log_lead_call(uuid, boolean, public.lead_grade, public.product_kind, text, date, timestamptz) is
  'Records one call of a lead (grade when connected, product, notes, next follow-up) and moves the lead''s grade and counts. The lead''s caller, their team lead, managers.';
revoke execute on function public.log_lead_call(uuid, boolean, public.lead_grade, public.product_kind, text, date, timestamptz) from public, anon, authenticated;
grant execute on function public.log_lead_call(uuid, boolean, public.lead_grade, public.product_kind, text, date, timestamptz) to authenticated, service_role;

-- --------------------------------------------------------- call lists

-- A team lead hands a caller a call list. Every line must be valid or
-- nothing is stored (the screen checks the file first and shows the lines
-- to fix). A phone number already known at the site, or earlier in the
-- same file, is a duplicate: skipped, or kept and flagged, as asked. The
-- owner of the earlier lead is named so the lead can sort it out; the
-- earlier customer's data is not shown (it may be another team's).
create function public.import_leads(
  owner_agent_id uuid,
  rows jsonb,
  skip_duplicates boolean default true,
  list_name text default null
) returns table (line integer, lead_id uuid, status text, duplicate_owner text)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  owner public.agents;
  r record;
  problems jsonb := '[]'::jsonb;
  earlier public.leads;
  added uuid;
  seen jsonb := '{}'::jsonb;
  key text;
begin
  select * into owner from public.agents a where a.id = import_leads.owner_agent_id;
  if not found or not (app.leads_agent(owner.id) or app.has_site_role(owner.site_id, '{manager}')) then
    raise exception 'only the caller''s team lead or a manager hands out call lists' using errcode = '42501';
  end if;
  if jsonb_typeof(rows) is distinct from 'array' or jsonb_array_length(rows) not between 1 and 5000 then
    raise exception 'a call list has 1 to 5000 lines' using errcode = 'CB101';
  end if;
  if length(list_name) > 100 then
    raise exception 'a list name is at most 100 characters' using errcode = 'CB101';
  end if;
  for r in select e.value as v, e.ordinality::integer as n from jsonb_array_elements(rows) with ordinality e loop
    if jsonb_typeof(r.v) <> 'object' then
      problems := problems || jsonb_build_object('line', r.n, 'field', null, 'problem', 'not_a_row');
    elsif length(btrim(coalesce(r.v ->> 'customer_name', ''))) not between 1 and 100 then
      problems := problems || jsonb_build_object('line', r.n, 'field', 'customer_name', 'problem', 'length');
    elsif coalesce(r.v ->> 'phone', '') !~ '^\+?[0-9][0-9 -]{4,24}$' then
      problems := problems || jsonb_build_object('line', r.n, 'field', 'phone', 'problem', 'not_a_phone');
    elsif coalesce(r.v ->> 'source', '') not in (select unnest(enum_range(null::public.lead_source))::text) then
      problems := problems || jsonb_build_object('line', r.n, 'field', 'source', 'problem', 'unknown_source');
    elsif r.v ->> 'product' is not null and r.v ->> 'product' not in (select unnest(enum_range(null::public.product_kind))::text) then
      problems := problems || jsonb_build_object('line', r.n, 'field', 'product', 'problem', 'unknown_product');
    elsif length(r.v ->> 'notes') > 2000 then
      problems := problems || jsonb_build_object('line', r.n, 'field', 'notes', 'problem', 'length');
    end if;
  end loop;
  if jsonb_array_length(problems) > 0 then
    raise exception 'line %: % is not valid', problems -> 0 ->> 'line', coalesce(problems -> 0 ->> 'field', 'the row')
      using errcode = 'CB101', detail = problems::text,
        hint = 'Nothing was imported; fix the lines named in the detail.';
  end if;
  for r in select e.value as v, e.ordinality::integer as n from jsonb_array_elements(rows) with ordinality e loop
    key := app.phone_key(r.v ->> 'phone');
    select * into earlier from public.leads l
    where l.site_id = owner.site_id and l.phone_key = key
    order by l.created_at limit 1;
    line := r.n;
    duplicate_owner := null;
    if found or seen ? key then
      select a.display_name into duplicate_owner from public.agents a
      where a.id = coalesce(earlier.owner_agent_id, owner.id);
      if skip_duplicates then
        lead_id := null;
        status := 'duplicate_skipped';
        return next;
        continue;
      end if;
      status := 'duplicate_added';
    else
      status := 'added';
    end if;
    insert into public.leads (site_id, owner_agent_id, customer_name, phone, source, product, notes, list_name, duplicate_of)
    values (owner.site_id, owner.id, btrim(r.v ->> 'customer_name'), btrim(r.v ->> 'phone'), (r.v ->> 'source')::public.lead_source,
      (r.v ->> 'product')::public.product_kind, nullif(btrim(r.v ->> 'notes'), ''), nullif(btrim(import_leads.list_name), ''),
      case when earlier.id is not null then earlier.id else (seen ->> key)::uuid end)
    returning id into added;
    if not seen ? key then
      seen := seen || jsonb_build_object(key, added);
    end if;
    lead_id := added;
    return next;
  end loop;
end;
$$;
comment on function public.import_leads(uuid, jsonb, boolean, text) is
  'Hands a caller a call list: all lines valid or none stored; phone numbers already at the site (or earlier in the list) skipped or kept as flagged duplicates. The caller''s team lead or a manager.';
revoke execute on function public.import_leads(uuid, jsonb, boolean, text) from public, anon, authenticated;
grant execute on function public.import_leads(uuid, jsonb, boolean, text) to authenticated, service_role;

-- The recall cycle: A, B and C leads come back about a month (rule
-- lead_recall) after their last grading. Listed from a few days before
-- they are due, overdue first. Runs as the caller, so RLS shows each
-- person only the leads they may work.
create function public.lead_recall_list(site_id uuid, on_day date default null)
returns table (
  lead_id uuid, owner_agent_id uuid, customer_name text, phone text, source public.lead_source,
  grade public.lead_grade, product public.product_kind, graded_at timestamptz, due_on date,
  follow_up_count integer, next_follow_up_on date
)
language sql stable
set search_path = ''
as $$
  with site as (
    select s.id, s.time_zone, coalesce(on_day, (now() at time zone s.time_zone)::date) as today
    from public.sites s where s.id = lead_recall_list.site_id
  )
  select l.id, l.owner_agent_id, l.customer_name, l.phone, l.source, l.grade, l.product, l.graded_at,
    d.due_on, l.follow_up_count, l.next_follow_up_on
  from public.leads l
  join site on site.id = l.site_id
  cross join lateral (
    select (l.graded_at at time zone site.time_zone)::date
      + coalesce((app.incentive_params(site.id, 'lead_recall', site.today) ->> 'days')::integer, 30) as due_on
  ) d
  where l.grade in ('A', 'B', 'C') and l.graded_at is not null and d.due_on <= site.today + 3
  order by d.due_on, l.grade, l.id
$$;
comment on function public.lead_recall_list(uuid, date) is
  'A–C leads due for their monthly re-call (graded_at + rule lead_recall days), from 3 days before due; only the leads the caller may read.';
revoke execute on function public.lead_recall_list(uuid, date) from public, anon, authenticated;
grant execute on function public.lead_recall_list(uuid, date) to authenticated, service_role;

-- ----------------------------------------------------- visits and deals

alter table public.invitations
  add column product public.product_kind,
  add column deal_product public.product_kind
    constraint invitations_deal_is_a_unit check (deal_product in ('high_rise', 'villa')),
  add column deal_at timestamptz,
  add column deal_recorded_by uuid references auth.users (id) on delete set null,
  add constraint invitations_deal_after_a_visit check (
    (deal_product is null) = (deal_at is null) and (deal_product is null or status = 'visited')
  );
create index invitations_agent_deal_idx on public.invitations (agent_id, deal_at) where deal_at is not null;

-- The register's guard, now also for deals: like a confirmation, a deal is
-- recorded by the team lead, a supervisor or a manager (the sales
-- consultant's signature), never by the caller it pays.
create or replace function app.guard_invitation() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  owner uuid;
begin
  select l.owner_agent_id into owner from public.leads l where l.id = new.lead_id;
  if owner is distinct from new.agent_id then
    raise exception 'an invitation belongs to the caller who owns the lead'
      using errcode = '23514', hint = 'Set agent_id to the lead''s owner_agent_id.';
  end if;
  if tg_op = 'UPDATE' and old.status = 'visited' and app.is_own_agent(old.agent_id) then
    raise exception 'a confirmed invitation can only be changed by the team lead or a manager'
      using errcode = '42501';
  end if;
  if new.status = 'visited' and (tg_op = 'INSERT' or old.status <> 'visited') then
    if app.is_own_agent(new.agent_id) then
      raise exception 'a caller cannot confirm their own invitation'
        using errcode = '42501', hint = 'The team lead confirms the visit.';
    end if;
    new.visited_at := coalesce(new.visited_at, now());
    new.confirmed_at := coalesce(new.confirmed_at, now());
    new.confirmed_by := coalesce(new.confirmed_by, (select auth.uid()));
  end if;
  if new.deal_product is not null and (tg_op = 'INSERT' or old.deal_product is distinct from new.deal_product) then
    if app.is_own_agent(new.agent_id) then
      raise exception 'a caller cannot record their own deal'
        using errcode = '42501', hint = 'The team lead or the sales consultant records the deal.';
    end if;
    new.deal_at := coalesce(new.deal_at, now());
    new.deal_recorded_by := coalesce(new.deal_recorded_by, (select auth.uid()));
  end if;
  if tg_op = 'UPDATE' then
    new.updated_at := now();
  end if;
  return new;
end;
$$;

-- A caller books a visit for one of their leads. Runs as the caller, so
-- the register's policies decide who may book for whom.
create function public.book_invitation(
  lead_id uuid,
  appointment_at timestamptz,
  product public.product_kind default null,
  notes text default null
) returns public.invitations
language plpgsql volatile
set search_path = ''
as $$
declare
  l public.leads;
  booked public.invitations;
begin
  select * into l from public.leads where id = book_invitation.lead_id;
  if not found then
    raise exception 'no such lead among the leads you work' using errcode = '42501';
  end if;
  if appointment_at is null or appointment_at < now() - interval '1 day' or appointment_at > now() + interval '180 days' then
    raise exception 'an appointment is between yesterday and 180 days ahead' using errcode = 'CB102';
  end if;
  if length(notes) > 2000 then
    raise exception 'notes are at most 2000 characters' using errcode = 'CB102';
  end if;
  if exists (select 1 from public.invitations i where i.lead_id = l.id and i.status = 'booked') then
    raise exception 'this customer already has a booked visit' using errcode = 'CB102',
      hint = 'Reschedule or cancel the booked visit first.';
  end if;
  insert into public.invitations (site_id, agent_id, lead_id, appointment_at, product, notes)
  values (l.site_id, l.owner_agent_id, l.id, appointment_at, coalesce(product, l.product), nullif(btrim(notes), ''))
  returning * into booked;
  return booked;
end;
$$;
comment on function public.book_invitation(uuid, timestamptz, public.product_kind, text) is
  'Books a visit for a lead (one booked visit per lead at a time). Whoever may add to the register for the caller.';
revoke execute on function public.book_invitation(uuid, timestamptz, public.product_kind, text) from public, anon, authenticated;
grant execute on function public.book_invitation(uuid, timestamptz, public.product_kind, text) to authenticated, service_role;

-- The customer came: the team lead (or a supervisor, a manager) confirms.
-- Confirming a confirmed visit again changes nothing.
create function public.confirm_invitation(invitation_id uuid) returns public.invitations
language plpgsql volatile
set search_path = ''
as $$
declare
  i public.invitations;
begin
  select * into i from public.invitations where id = confirm_invitation.invitation_id for update;
  if not found then
    raise exception 'no such invitation in the register you keep' using errcode = '42501';
  end if;
  if i.status = 'visited' then
    return i;
  end if;
  if i.status = 'cancelled' then
    raise exception 'a cancelled invitation cannot be confirmed' using errcode = 'CB103';
  end if;
  update public.invitations set status = 'visited' where id = i.id returning * into i;
  if not found then
    raise exception 'you may not confirm this invitation' using errcode = '42501';
  end if;
  return i;
end;
$$;
comment on function public.confirm_invitation(uuid) is
  'Confirms that the invited customer came (status visited); never by the caller themself; idempotent.';
revoke execute on function public.confirm_invitation(uuid) from public, anon, authenticated;
grant execute on function public.confirm_invitation(uuid) to authenticated, service_role;

create function public.record_deal(invitation_id uuid, product public.product_kind) returns public.invitations
language plpgsql volatile
set search_path = ''
as $$
declare
  i public.invitations;
begin
  select * into i from public.invitations where id = record_deal.invitation_id for update;
  if not found then
    raise exception 'no such invitation in the register you keep' using errcode = '42501';
  end if;
  if i.status <> 'visited' then
    raise exception 'only a confirmed visit becomes a deal' using errcode = 'CB103';
  end if;
  if product is null or product not in ('high_rise', 'villa') then
    raise exception 'a deal is a high-rise unit or a villa' using errcode = 'CB103';
  end if;
  update public.invitations set deal_product = record_deal.product where id = i.id returning * into i;
  if not found then
    raise exception 'you may not record this deal' using errcode = '42501';
  end if;
  return i;
end;
$$;
comment on function public.record_deal(uuid, public.product_kind) is
  'Records that a confirmed visit became a deal (high_rise or villa); never by the caller themself.';
revoke execute on function public.record_deal(uuid, public.product_kind) from public, anon, authenticated;
grant execute on function public.record_deal(uuid, public.product_kind) to authenticated, service_role;

-- ------------------------------------------- half a paid day per 10 visits

-- One row per block of confirmed visits that earned its credit, so each
-- block credits exactly once: a visit confirmed again, or taken back and
-- confirmed again, finds its block already there. A credit stays when a
-- visit is later taken back (the team lead corrects the ledger by hand,
-- with a reason, if it should not).
create table public.visit_leave_credits (
  site_id uuid not null,
  agent_id uuid not null,
  block integer not null constraint visit_leave_credits_block_positive check (block >= 1),
  invitation_id uuid references public.invitations (id) on delete set null,
  ledger_id uuid references public.leave_ledger (id) on delete set null,
  visits integer not null,
  minutes integer not null,
  rule_id uuid references public.incentive_rules (id) on delete set null,
  credited_at timestamptz not null default now(),
  primary key (agent_id, block),
  constraint visit_leave_credits_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id) on delete cascade
);
alter table public.visit_leave_credits enable row level security;
revoke insert, update, delete, truncate on public.visit_leave_credits from anon, authenticated;
create policy "who reads an agent's attendance reads their visit credits" on public.visit_leave_credits
  for select to authenticated using (app.can_read_attendance(agent_id));

create function app.credit_visit_leave() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  zone text;
  rule public.incentive_rules;
  per integer;
  confirmed integer;
  done integer;
  b integer;
  entry uuid;
begin
  select s.time_zone into zone from public.sites s where s.id = new.site_id;
  select * into rule from public.incentive_rules r
  where r.site_id = new.site_id and r.rule = 'visit_leave_credit'
    and r.effective_from <= (new.visited_at at time zone zone)::date
  order by r.effective_from desc limit 1;
  if not found then
    return null;
  end if;
  per := (rule.params ->> 'visits')::integer;
  -- Serialise the caller's credits so two confirmations at once count once.
  perform pg_advisory_xact_lock(hashtextextended('visit_leave_credits:' || new.agent_id::text, 0));
  select count(*) into confirmed from public.invitations i where i.agent_id = new.agent_id and i.status = 'visited';
  select coalesce(max(c.block), 0) into done from public.visit_leave_credits c where c.agent_id = new.agent_id;
  for b in done + 1 .. confirmed / per loop
    insert into public.leave_ledger (site_id, agent_id, leave_type, minutes, reason)
    values (new.site_id, new.agent_id, 'visit_half_day', (rule.params ->> 'minutes')::integer,
      format('邀约到访满 %s 组 · %s confirmed visits', b * per, b * per))
    returning id into entry;
    insert into public.visit_leave_credits (site_id, agent_id, block, invitation_id, ledger_id, visits, minutes, rule_id)
    values (new.site_id, new.agent_id, b, new.id, entry, b * per, (rule.params ->> 'minutes')::integer, rule.id);
  end loop;
  return null;
end;
$$;
create trigger invitations_credit_visit_leave after insert or update of status on public.invitations
  for each row when (new.status = 'visited') execute function app.credit_visit_leave();
