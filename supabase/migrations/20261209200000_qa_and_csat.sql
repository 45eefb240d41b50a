-- Quality (issue 13, deliverable 6): QA scorecards and evaluations of calls,
-- and customer satisfaction (CSAT, 1–5) ratings imported from survey files.
--
-- * A scorecard (qa_scorecards) is a site's list of items (qa_scorecard_items)
--   with a weight > 0 and a maximum of points each. A site has at most one
--   active scorecard: the default the QA page offers. QA specialists,
--   managers and admins edit them; every member who reads QA scores (all but
--   displays and kiosks) reads them.
-- * An evaluation (qa_evaluations) scores one call leg (a call_summaries row)
--   with one scorecard. Its items (qa_evaluation_items) copy the label,
--   weight and maximum they were scored with, so editing a scorecard later
--   never changes a past score. total = 100 × Σ(weight × points / max) / Σ
--   weight, rounded to 2 decimals, computed by public.score_call (next
--   migration) — never taken from the browser.
-- * A rating (call_ratings) is one customer's CSAT for one call of the site,
--   keyed by the phone system's call id; the agent is the one the call
--   summary names. Written by public.import_csat only.
-- * Both count on the day (site-local) the agent took the call (call_at), so
--   a score given a week later still belongs to the day of the call.
--
-- Who reads scores and ratings (app.can_read_quality): the agent themself,
-- their team lead, and the site's qa, supervisors, managers and admins.
-- Not other agents, not analysts (per-person judgements are not analysis
-- data), not displays.

create table public.qa_scorecards (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  name text not null constraint qa_scorecards_name_length check (length(btrim(name)) between 1 and 100),
  active boolean not null default true,
  made_by uuid default auth.uid(),
  made_at timestamptz not null default now(),
  unique (site_id, id)
);
alter table public.qa_scorecards enable row level security;
create unique index qa_scorecards_one_active_per_site on public.qa_scorecards (site_id) where active;
comment on table public.qa_scorecards is 'A site''s QA scorecard; at most one active (the default) per site.';

create table public.qa_scorecard_items (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  scorecard_id uuid not null,
  label text not null constraint qa_scorecard_items_label_length check (length(btrim(label)) between 1 and 100),
  weight numeric(6, 2) not null constraint qa_scorecard_items_weight_positive check (weight > 0),
  max_points smallint not null default 5 constraint qa_scorecard_items_max_points_range check (max_points between 1 and 100),
  position smallint not null constraint qa_scorecard_items_position_range check (position between 1 and 100),
  unique (scorecard_id, position) deferrable initially deferred,
  constraint qa_scorecard_items_scorecard_in_site foreign key (site_id, scorecard_id)
    references public.qa_scorecards (site_id, id) on delete cascade
);
alter table public.qa_scorecard_items enable row level security;
comment on table public.qa_scorecard_items is 'Items of a QA scorecard: each scored 0..max_points, weighted by weight.';

create table public.qa_evaluations (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  agent_id uuid not null,
  queue_id uuid not null,
  call_id text not null,
  -- when the agent took the call (answered, else offered): the day it counts on
  call_at timestamptz not null,
  scorecard_id uuid references public.qa_scorecards (id) on delete set null,
  scored_by uuid not null,
  scored_at timestamptz not null default now(),
  total numeric(5, 2) not null constraint qa_evaluations_total_range check (total between 0 and 100),
  comment text constraint qa_evaluations_comment_length check (length(comment) <= 2000),
  -- one evaluation per call leg; scoring it again replaces it
  unique (queue_id, call_id),
  constraint qa_evaluations_call_exists foreign key (queue_id, call_id)
    references public.call_summaries (queue_id, call_id) on delete cascade,
  constraint qa_evaluations_agent_in_site foreign key (site_id, agent_id) references public.agents (site_id, id)
);
alter table public.qa_evaluations enable row level security;
create index qa_evaluations_agent_id_call_at_idx on public.qa_evaluations (agent_id, call_at);
create index qa_evaluations_site_id_scored_at_idx on public.qa_evaluations (site_id, scored_at);
comment on table public.qa_evaluations is
  'A QA score of one call leg (0–100, weighted share of points); written by public.score_call only.';

create table public.qa_evaluation_items (
  evaluation_id uuid not null references public.qa_evaluations (id) on delete cascade,
  position smallint not null,
  scorecard_item_id uuid references public.qa_scorecard_items (id) on delete set null,
  label text not null,
  weight numeric(6, 2) not null constraint qa_evaluation_items_weight_positive check (weight > 0),
  max_points smallint not null constraint qa_evaluation_items_max_points_range check (max_points between 1 and 100),
  points smallint not null,
  primary key (evaluation_id, position),
  constraint qa_evaluation_items_points_range check (points between 0 and max_points)
);
alter table public.qa_evaluation_items enable row level security;
comment on table public.qa_evaluation_items is
  'Per-item points of an evaluation, with the label, weight and maximum they were scored with.';

create table public.call_ratings (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  queue_id uuid not null,
  call_id text not null,
  agent_id uuid not null,
  call_at timestamptz not null,
  score smallint not null constraint call_ratings_score_range check (score between 1 and 5),
  rated_at timestamptz not null default now(),
  source text not null default 'csv' constraint call_ratings_source_length check (length(source) between 1 and 40),
  batch_id uuid,
  imported_by uuid default auth.uid(),
  imported_at timestamptz not null default now(),
  -- one rating per call of the site (the survey rates the call, not a leg)
  unique (site_id, call_id),
  constraint call_ratings_call_exists foreign key (queue_id, call_id)
    references public.call_summaries (queue_id, call_id) on delete cascade,
  constraint call_ratings_agent_in_site foreign key (site_id, agent_id) references public.agents (site_id, id)
);
alter table public.call_ratings enable row level security;
create index call_ratings_agent_id_call_at_idx on public.call_ratings (agent_id, call_at);
create index call_ratings_batch_id_idx on public.call_ratings (batch_id) where batch_id is not null;
comment on table public.call_ratings is
  'Customer satisfaction (1–5) of one call, from a survey import (public.import_csat); agent from the call summary.';

-- Who reads an agent's QA scores and CSAT ratings.
create function app.can_read_quality(site_id uuid, agent_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select app.has_site_role(can_read_quality.site_id, '{qa,supervisor,manager,admin}')
    or app.is_own_agent(can_read_quality.agent_id)
    or app.leads_agent(can_read_quality.agent_id)
$$;
revoke execute on function app.can_read_quality(uuid, uuid) from public, anon, authenticated;
grant execute on function app.can_read_quality(uuid, uuid) to authenticated, service_role;

create policy "members but displays and kiosks read scorecards" on public.qa_scorecards
  for select to authenticated using (app.has_site_role(site_id, '{agent,lead,supervisor,manager,qa,admin}'));
create policy "qa, managers and admins add scorecards" on public.qa_scorecards
  for insert to authenticated with check (app.has_site_role(site_id, '{qa,manager,admin}'));
create policy "qa, managers and admins change scorecards" on public.qa_scorecards
  for update to authenticated
  using (app.has_site_role(site_id, '{qa,manager,admin}'))
  with check (app.has_site_role(site_id, '{qa,manager,admin}'));
create policy "qa, managers and admins remove scorecards" on public.qa_scorecards
  for delete to authenticated using (app.has_site_role(site_id, '{qa,manager,admin}'));

create policy "members but displays and kiosks read scorecard items" on public.qa_scorecard_items
  for select to authenticated using (app.has_site_role(site_id, '{agent,lead,supervisor,manager,qa,admin}'));
create policy "qa, managers and admins add scorecard items" on public.qa_scorecard_items
  for insert to authenticated with check (app.has_site_role(site_id, '{qa,manager,admin}'));
create policy "qa, managers and admins change scorecard items" on public.qa_scorecard_items
  for update to authenticated
  using (app.has_site_role(site_id, '{qa,manager,admin}'))
  with check (app.has_site_role(site_id, '{qa,manager,admin}'));
create policy "qa, managers and admins remove scorecard items" on public.qa_scorecard_items
  for delete to authenticated using (app.has_site_role(site_id, '{qa,manager,admin}'));

create policy "the agent, their lead and quality staff read evaluations" on public.qa_evaluations
  for select to authenticated using (app.can_read_quality(site_id, agent_id));
create policy "who reads the evaluation reads its items" on public.qa_evaluation_items
  for select to authenticated using (
    exists (select 1 from public.qa_evaluations e where e.id = evaluation_id)
  );
create policy "the agent, their lead and quality staff read ratings" on public.call_ratings
  for select to authenticated using (app.can_read_quality(site_id, agent_id));

grant select, insert, update, delete on public.qa_scorecards, public.qa_scorecard_items to authenticated;
-- Scores and ratings are written by their functions only.
revoke insert, update, delete, truncate on public.qa_evaluations, public.qa_evaluation_items, public.call_ratings
  from anon, authenticated;
grant select on public.qa_evaluations, public.qa_evaluation_items, public.call_ratings to authenticated;
grant select, insert, update, delete on public.qa_scorecards, public.qa_scorecard_items, public.qa_evaluations,
  public.qa_evaluation_items, public.call_ratings to service_role;

-- An agent's quality over site-local days first_day..last_day (inclusive),
-- counted on the day of each call: CSAT average (1–5) and count, QA average
-- (0–100) and count; averages rounded to 2 decimals, null without any.
-- Aggregates of one agent only; schema app is not exposed to the API, so
-- only other functions call it, and they decide who may see the figures
-- (e.g. My day for the agent themself, the monthly statement).
create function app.agent_quality(agent_id uuid, from_day date, to_day date)
returns table (csat_avg numeric, csat_count integer, qa_avg numeric, qa_count integer)
language sql
stable
security definer
set search_path = ''
as $$
  with span as (
    select a.id as agent_id,
      tstzrange(lower(app.site_day(a.site_id, agent_quality.from_day)),
        upper(app.site_day(a.site_id, agent_quality.to_day)), '[)') as period
    from public.agents a
    where a.id = agent_quality.agent_id and agent_quality.from_day <= agent_quality.to_day
  ),
  csat as (
    select round(avg(r.score), 2) as csat_avg, count(r.id)::integer as csat_count
    from span s
    left join public.call_ratings r on r.agent_id = s.agent_id and r.call_at <@ s.period
  ),
  qa as (
    select round(avg(e.total), 2) as qa_avg, count(e.id)::integer as qa_count
    from span s
    left join public.qa_evaluations e on e.agent_id = s.agent_id and e.call_at <@ s.period
  )
  select csat.csat_avg, coalesce(csat.csat_count, 0), qa.qa_avg, coalesce(qa.qa_count, 0)
  from csat cross join qa
$$;
comment on function app.agent_quality(uuid, date, date) is
  'CSAT and QA averages and counts of one agent over site-local days (inclusive), on the day of each call.';
revoke execute on function app.agent_quality(uuid, date, date) from public, anon, authenticated;
grant execute on function app.agent_quality(uuid, date, date) to authenticated, service_role;
