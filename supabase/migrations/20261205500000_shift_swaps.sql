-- Shift swaps (issue 10, item 7): an agent offers one of their shifts of a
-- published week to a colleague of the same team who has its skills; the
-- colleague accepts; the team's lead or a site supervisor approves, and the
-- week changes as a new published version (the one before kept as
-- superseded), through publish_schedule like any other publish. Two kinds:
-- an exchange (the colleague's shift comes back) or a hand-over (the
-- colleague takes the shift on a day they are off).
--
-- The working-time rules (app.schedule_violations_of) are checked for the
-- two agents against the version the swap would publish: when it is
-- proposed, when the colleague accepts and again on approval (the weeks
-- around it or the site's policy may have changed). A swap that would add a
-- violation is refused with the rule named; violations the week already had
-- stay what they were.
--
-- A swap is agreed about one version of the week: when a newer version is
-- published (by a planner, or by approving another swap of that week), the
-- open swaps of the older one become stale and are proposed again.
--
-- Every step (proposed, accepted, declined, approved, rejected, cancelled,
-- stale) is a row of shift_swap_steps with who, when, the reason given and
-- what the database did, so each swap can be audited. Both tables are
-- written only by the functions below.
--
-- Error codes (SQLSTATE) added here:
--   CB020  the swap or shift is not from the week's published version (stale)
--   CB021  the shift has started or is over: only future shifts are swapped
--   CB022  an agent lacks the skills of the queues the other's shift staffs
--   CB023  the swap would break a rule; the message names it, DETAIL holds
--          {"rule", "agent", "day"} as JSON for the app to word it
--   CB024  the swap is not at the step this action needs (e.g. answering a
--          swap already accepted); the message names its status
--   CB025  the shift already has an open swap
--   CB026  a hand-over needs the colleague off that day; they work then

create type public.shift_swap_status as enum (
  'proposed', 'accepted', 'approved', 'declined', 'rejected', 'cancelled', 'stale'
);

create table public.shift_swaps (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  team_id uuid not null,
  week_start date not null,
  -- The published version the swap was proposed against.
  schedule_id uuid not null,
  proposer_agent_id uuid not null,
  proposer_shift_id uuid not null references public.schedule_shifts (id) on delete cascade,
  colleague_agent_id uuid not null,
  -- null: a hand-over, the colleague takes the proposer's shift on a day off.
  colleague_shift_id uuid references public.schedule_shifts (id) on delete cascade,
  note text constraint shift_swaps_note_length check (note is null or length(note) <= 500),
  status public.shift_swap_status not null default 'proposed',
  -- The version the approval published.
  approved_schedule_id uuid references public.schedules (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint shift_swaps_team_is_in_site foreign key (site_id, team_id) references public.teams (site_id, id) on delete cascade,
  constraint shift_swaps_schedule_is_in_site foreign key (site_id, schedule_id)
    references public.schedules (site_id, id) on delete cascade,
  constraint shift_swaps_proposer_is_in_site foreign key (site_id, proposer_agent_id) references public.agents (site_id, id),
  constraint shift_swaps_colleague_is_in_site foreign key (site_id, colleague_agent_id) references public.agents (site_id, id),
  constraint shift_swaps_between_two_agents check (proposer_agent_id <> colleague_agent_id),
  constraint shift_swaps_site_id_id_key unique (site_id, id)
);
alter table public.shift_swaps enable row level security;
create index shift_swaps_site_id_idx on public.shift_swaps (site_id);
create index shift_swaps_team_id_week_start_idx on public.shift_swaps (team_id, week_start);
create index shift_swaps_proposer_agent_id_idx on public.shift_swaps (proposer_agent_id);
create index shift_swaps_colleague_agent_id_idx on public.shift_swaps (colleague_agent_id);
create index shift_swaps_schedule_id_idx on public.shift_swaps (schedule_id);
create index shift_swaps_colleague_shift_id_idx on public.shift_swaps (colleague_shift_id);
-- One open swap per shift: two offers of the same shift could both be accepted.
create unique index shift_swaps_one_open_per_shift on public.shift_swaps (proposer_shift_id)
  where status in ('proposed', 'accepted');
comment on table public.shift_swaps is
  'A swap of one shift of a published week between two agents of a team: proposed → accepted → approved (a new published version), or declined, rejected, cancelled, stale. Written by the swap functions only.';

create table public.shift_swap_steps (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  swap_id uuid not null,
  -- The status the swap reached with this step.
  status public.shift_swap_status not null,
  actor_id uuid,
  at timestamptz not null default now(),
  -- What the person said: the proposal's note, the reason of a decision.
  reason text,
  -- What the database did, in words (the version published, the draft changed too).
  detail text,
  -- The version the step concerns: proposed against, published by the approval, or the one that made it stale.
  schedule_id uuid references public.schedules (id) on delete set null,
  constraint shift_swap_steps_swap_is_in_site foreign key (site_id, swap_id)
    references public.shift_swaps (site_id, id) on delete cascade
);
alter table public.shift_swap_steps enable row level security;
create index shift_swap_steps_swap_id_at_idx on public.shift_swap_steps (swap_id, at);
create index shift_swap_steps_site_id_idx on public.shift_swap_steps (site_id);
create index shift_swap_steps_schedule_id_idx on public.shift_swap_steps (schedule_id);
comment on table public.shift_swap_steps is
  'Every step of a shift swap: the status reached, who and when, their reason and what the database did.';

-- ---------------------------------------------------------------- who may

-- The two agents of a swap and the team's planners (its lead, the site's
-- supervisors, managers and admins) read it; displays and everyone else not.
create function app.can_read_shift_swap(swap_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.shift_swaps w
    where w.id = can_read_shift_swap.swap_id
      and (app.is_own_agent(w.proposer_agent_id) or app.is_own_agent(w.colleague_agent_id) or app.can_plan_team(w.team_id))
  )
$$;
revoke execute on function app.can_read_shift_swap(uuid) from public, anon, authenticated;
grant execute on function app.can_read_shift_swap(uuid) to authenticated, service_role;

create policy "the two agents and the team's planners read a swap" on public.shift_swaps
  for select to authenticated
  using (app.is_own_agent(proposer_agent_id) or app.is_own_agent(colleague_agent_id) or app.can_plan_team(team_id));
create policy "readers of a swap read its steps" on public.shift_swap_steps
  for select to authenticated using (app.can_read_shift_swap(swap_id));

-- Read through RLS; written only by the functions below, so no one may write
-- them directly (the schema's default grants would allow it).
revoke insert, update, delete, truncate on public.shift_swaps, public.shift_swap_steps from anon, authenticated;
grant select on public.shift_swaps, public.shift_swap_steps to authenticated;
grant select, insert, update, delete on public.shift_swaps, public.shift_swap_steps to service_role;

-- ---------------------------------------------------------------- steps

-- Moves a swap to a status and records the step with who and when.
create function app.shift_swap_step(swap_id uuid, status public.shift_swap_status, reason text default null,
  detail text default null, schedule_id uuid default null)
returns public.shift_swaps
language plpgsql
security definer
set search_path = ''
as $$
declare
  w public.shift_swaps;
begin
  update public.shift_swaps set status = shift_swap_step.status, updated_at = now()
  where id = shift_swap_step.swap_id
  returning * into w;
  insert into public.shift_swap_steps (site_id, swap_id, status, actor_id, reason, detail, schedule_id)
  values (w.site_id, w.id, w.status, (select auth.uid()), nullif(btrim(reason), ''), detail,
    coalesce(shift_swap_step.schedule_id, w.schedule_id));
  return w;
end;
$$;
revoke execute on function app.shift_swap_step(uuid, public.shift_swap_status, text, text, uuid) from public, anon, authenticated;

-- A newer published version of a team-week makes the open swaps of the older
-- ones stale. On the published row rather than the superseded one so the
-- step can name the new version; an approved swap is approved before its
-- version is published, so it is not caught here.
create function app.stale_shift_swaps() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  w record;
begin
  for w in
    select s.id from public.shift_swaps s
    where s.team_id = new.team_id and s.week_start = new.week_start and s.schedule_id <> new.id
      and s.status in ('proposed', 'accepted')
    for update
  loop
    perform app.shift_swap_step(w.id, 'stale', null,
      format('version %s of the week was published after the swap was proposed', new.version), new.id);
  end loop;
  return null;
end;
$$;
revoke execute on function app.stale_shift_swaps() from public, anon, authenticated;
create trigger schedules_stale_shift_swaps after insert or update of status on public.schedules
  for each row when (new.status = 'published') execute function app.stale_shift_swaps();

-- ---------------------------------------------------------------- checks

-- The shift as a swap needs it: of the week's published version, not begun.
create function app.swappable_shift(shift_id uuid) returns public.schedule_shifts
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  sh public.schedule_shifts;
  s public.schedules;
begin
  select * into sh from public.schedule_shifts where id = swappable_shift.shift_id;
  if not found then
    raise exception 'no such shift' using errcode = '22023';
  end if;
  select * into s from public.schedules where id = sh.schedule_id;
  if s.status <> 'published' then
    raise exception 'the shift is from version % of the week, which is %: swap shifts of the published version', s.version, s.status
      using errcode = 'CB020';
  end if;
  if sh.start_ts <= now() then
    raise exception 'the shift of % has started or is over: only shifts still to come can be swapped', sh.day
      using errcode = 'CB021';
  end if;
  return sh;
end;
$$;
revoke execute on function app.swappable_shift(uuid) from public, anon, authenticated;

-- The queues of a shift's template the agent has no skill for (none for a
-- shift with its own times: it staffs no queue).
create function app.missing_skills(agent_id uuid, shift_id uuid) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select string_agg(q.name, ', ' order by q.name)
  from public.schedule_shifts sh
  join public.shift_template_queues tq on tq.template_id = sh.template_id
  join public.queues q on q.id = tq.queue_id
  where sh.id = missing_skills.shift_id
    and not exists (select 1 from public.agent_skills k where k.agent_id = missing_skills.agent_id and k.queue_id = tq.queue_id)
$$;
revoke execute on function app.missing_skills(uuid, uuid) from public, anon, authenticated;

-- The step the action needs, or a readable refusal: a stale swap says why.
create function app.require_swap_status(w public.shift_swaps, allowed public.shift_swap_status[], action text)
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if w.status = 'stale' and not ('stale' = any (allowed)) then
    raise exception 'a newer version of the week was published since this swap was proposed: propose it again'
      using errcode = 'CB020';
  end if;
  if not (w.status = any (allowed)) then
    raise exception 'the swap is %: it cannot be % now', w.status, action using errcode = 'CB024';
  end if;
end;
$$;
revoke execute on function app.require_swap_status(public.shift_swaps, public.shift_swap_status[], text)
  from public, anon, authenticated;

-- ---------------------------------------------------------------- the new version

-- Builds the version a swap would publish: a new draft of the team-week with
-- the published version's shifts, the two swapped ones with their agents
-- exchanged (the shift trigger derives instants and hours again). A draft the
-- planners have open for the week steps aside meanwhile (the schedules allow
-- one draft per week) and keeps the highest version number; the caller
-- brings it back (app.restore_set_aside_draft) or undoes everything.
create function app.build_swap_version(w public.shift_swaps, out built uuid, out set_aside uuid)
language plpgsql
security definer
set search_path = ''
as $$
declare
  pub public.schedules;
  top integer;
  number integer;
begin
  select * into pub from public.schedules where id = w.schedule_id;
  select max(s.version) into top from public.schedules s where s.team_id = pub.team_id and s.week_start = pub.week_start;
  select s.id, s.version into set_aside, number from public.schedules s
  where s.team_id = pub.team_id and s.week_start = pub.week_start and s.status = 'draft';
  if set_aside is not null then
    -- The draft is the newest version: it moves up one, the new version takes its number.
    update public.schedules set status = 'superseded', version = top + 1 where id = set_aside;
  else
    number := top + 1;
  end if;
  insert into public.schedules (site_id, team_id, week_start, version)
  values (pub.site_id, pub.team_id, pub.week_start, number)
  returning id into built;
  insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, template_id, starts_at, ends_at, breaks, note)
  select sh.site_id, built,
    case sh.id when w.proposer_shift_id then w.colleague_agent_id when w.colleague_shift_id then w.proposer_agent_id
      else sh.agent_id end,
    sh.day, sh.template_id, sh.starts_at, sh.ends_at, sh.breaks, sh.note
  from public.schedule_shifts sh
  where sh.schedule_id = pub.id;
end;
$$;
revoke execute on function app.build_swap_version(public.shift_swaps) from public, anon, authenticated;

-- Refuses (CB023) when the built version breaks a rule for one of the two
-- agents that the published version did not break for them (same agent,
-- day and rule). The first such violation is named.
create function app.refuse_swap_violations(w public.shift_swaps, built uuid) returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v record;
  who text;
begin
  with before as materialized (
    select * from app.schedule_violations_of(w.schedule_id)
  ), after as materialized (
    select * from app.schedule_violations_of(built)
  )
  select a.* into v
  from after a
  where a.agent_id in (w.proposer_agent_id, w.colleague_agent_id)
    and not exists (
      select 1 from before b
      where b.agent_id = a.agent_id and b.day is not distinct from a.day and b.rule = a.rule
    )
  order by a.rule, a.agent_id = w.colleague_agent_id desc, a.day nulls first
  limit 1;
  if found then
    select a.display_name into who from public.agents a where a.id = v.agent_id;
    raise exception 'the swap would break the rule "%" for %: %', v.rule, who, v.detail
      using errcode = 'CB023', detail = jsonb_build_object('rule', v.rule, 'agent', who, 'day', v.day)::text;
  end if;
end;
$$;
revoke execute on function app.refuse_swap_violations(public.shift_swaps, uuid) from public, anon, authenticated;

-- Tries the swap's version and undoes it: refuses as above, changes nothing.
create function app.try_shift_swap(w public.shift_swaps) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  b record;
begin
  begin
    select * into b from app.build_swap_version(w);
    perform app.refuse_swap_violations(w, b.built);
    -- An error of our own rolls the trial version (and its broadcasts) back.
    raise sqlstate 'CBUND';
  exception
    when sqlstate 'CBUND' then null;
  end;
end;
$$;
revoke execute on function app.try_shift_swap(public.shift_swaps) from public, anon, authenticated;

-- After an approval published the swap's version: the draft that stepped
-- aside comes back as the week's draft, with the swap made in it too when it
-- still holds the swapped shifts as they were published; says what it did.
create function app.restore_set_aside_draft(w public.shift_swaps, draft uuid) returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  d public.schedules;
  mine uuid;
  theirs uuid;
begin
  update public.schedules set status = 'draft' where id = draft returning * into d;
  select x.id into mine
  from public.schedule_shifts x join public.schedule_shifts o on o.id = w.proposer_shift_id
  where x.schedule_id = draft and x.agent_id = o.agent_id and x.day = o.day and x.starts_at = o.starts_at
    and x.ends_at = o.ends_at and x.template_id is not distinct from o.template_id
  limit 1;
  if w.colleague_shift_id is not null then
    select x.id into theirs
    from public.schedule_shifts x join public.schedule_shifts o on o.id = w.colleague_shift_id
    where x.schedule_id = draft and x.agent_id = o.agent_id and x.day = o.day and x.starts_at = o.starts_at
      and x.ends_at = o.ends_at and x.template_id is not distinct from o.template_id
    limit 1;
  end if;
  if mine is null or (w.colleague_shift_id is not null and theirs is null) then
    return format('the open draft (version %s) no longer holds the swapped shifts as published and was left as it is', d.version);
  end if;
  update public.schedule_shifts set agent_id = w.colleague_agent_id where id = mine;
  if theirs is not null then
    update public.schedule_shifts set agent_id = w.proposer_agent_id where id = theirs;
  end if;
  return format('made in the open draft (now version %s) as well', d.version);
end;
$$;
revoke execute on function app.restore_set_aside_draft(public.shift_swaps, uuid) from public, anon, authenticated;

-- ---------------------------------------------------------------- the API

-- The colleagues who could take a shift of mine (off that day) or exchange
-- theirs of that day for it: same team, active, with the skills of my
-- shift's queues, and I with the skills of theirs. Only the shift's agent asks.
create function public.swap_candidates(shift_id uuid)
returns table (agent_id uuid, display_name text, their_shift_id uuid, day date, starts_at time, ends_at time,
  template_id uuid, template_name text, paid_min integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  sh public.schedule_shifts;
  team uuid;
begin
  select * into sh from public.schedule_shifts x where x.id = swap_candidates.shift_id;
  if not found or sh.agent_id is null or not app.is_own_agent(sh.agent_id) then
    raise exception 'only the shift''s own agent looks for someone to swap it with' using errcode = '42501';
  end if;
  sh := app.swappable_shift(sh.id);
  select s.team_id into team from public.schedules s where s.id = sh.schedule_id;
  return query
    select a.id, a.display_name, theirs.id, sh.day, theirs.starts_at, theirs.ends_at, theirs.template_id, t.name,
      theirs.paid_min
    from public.agents a
    left join public.schedule_shifts theirs
      on theirs.schedule_id = sh.schedule_id and theirs.agent_id = a.id and theirs.day = sh.day
    left join public.shift_templates t on t.id = theirs.template_id
    where a.team_id = team and a.active and a.id <> sh.agent_id
      and app.missing_skills(a.id, sh.id) is null
      and (theirs.id is null
        or (theirs.start_ts > now() and app.missing_skills(sh.agent_id, theirs.id) is null))
      -- A colleague who works twice that day can only exchange one of the shifts:
      -- each is offered on its own row.
    order by a.display_name, theirs.start_ts;
end;
$$;
comment on function public.swap_candidates(uuid) is
  'Colleagues who could take (off that day) or exchange (their shift that day) one of the caller''s future published shifts.';

-- Proposes a swap of my shift with a colleague: their shift that day or any
-- other day of the week in exchange, or none (they take mine on a day off).
-- Refused unless both shifts are future shifts of the published version, the
-- colleague is in my team with the skills (and I with theirs), and the week
-- would break no new rule for either of us.
create function public.propose_shift_swap(shift_id uuid, colleague_agent_id uuid, colleague_shift_id uuid default null,
  note text default null)
returns public.shift_swaps
language plpgsql
security definer
set search_path = ''
as $$
declare
  mine public.schedule_shifts;
  theirs public.schedule_shifts;
  s public.schedules;
  colleague public.agents;
  missing text;
  w public.shift_swaps;
begin
  select * into mine from public.schedule_shifts x where x.id = propose_shift_swap.shift_id;
  if not found or mine.agent_id is null or not app.is_own_agent(mine.agent_id) then
    raise exception 'only the shift''s own agent proposes to swap it' using errcode = '42501';
  end if;
  mine := app.swappable_shift(mine.id);
  select * into s from public.schedules where id = mine.schedule_id;
  select * into colleague from public.agents a where a.id = propose_shift_swap.colleague_agent_id;
  if not found or colleague.team_id <> s.team_id or not colleague.active or colleague.id = mine.agent_id then
    raise exception 'a shift is swapped with another active agent of the same team' using errcode = '22023';
  end if;
  missing := app.missing_skills(colleague.id, mine.id);
  if missing is not null then
    raise exception '% lacks the skills the shift needs: %', colleague.display_name, missing using errcode = 'CB022';
  end if;
  if propose_shift_swap.colleague_shift_id is not null then
    select * into theirs from public.schedule_shifts x where x.id = propose_shift_swap.colleague_shift_id;
    if not found or theirs.agent_id is distinct from colleague.id or theirs.schedule_id <> s.id then
      raise exception 'the shift to exchange must be the colleague''s, in the same published week' using errcode = '22023';
    end if;
    theirs := app.swappable_shift(theirs.id);
    missing := app.missing_skills(mine.agent_id, theirs.id);
    if missing is not null then
      raise exception 'you lack the skills %''s shift needs: %', colleague.display_name, missing using errcode = 'CB022';
    end if;
  elsif exists (select 1 from public.schedule_shifts x where x.schedule_id = s.id and x.agent_id = colleague.id and x.day = mine.day) then
    raise exception '% works on %: choose their shift to exchange, or a colleague who is off', colleague.display_name, mine.day
      using errcode = 'CB026';
  end if;
  if exists (select 1 from public.shift_swaps x where x.proposer_shift_id = mine.id and x.status in ('proposed', 'accepted')) then
    raise exception 'this shift already has an open swap: cancel it first' using errcode = 'CB025';
  end if;
  insert into public.shift_swaps (site_id, team_id, week_start, schedule_id, proposer_agent_id, proposer_shift_id,
    colleague_agent_id, colleague_shift_id, note)
  values (s.site_id, s.team_id, s.week_start, s.id, mine.agent_id, mine.id, colleague.id, theirs.id,
    nullif(btrim(propose_shift_swap.note), ''))
  returning * into w;
  perform app.try_shift_swap(w);
  return app.shift_swap_step(w.id, 'proposed', w.note);
end;
$$;
comment on function public.propose_shift_swap(uuid, uuid, uuid, text) is
  'Proposes to swap one of the caller''s future published shifts with a colleague (an exchange, or a hand-over when colleague_shift_id is null). The shift''s agent only.';

-- The colleague accepts (the rules are tried again) or declines.
create function public.answer_shift_swap(swap_id uuid, accept boolean)
returns public.shift_swaps
language plpgsql
security definer
set search_path = ''
as $$
declare
  w public.shift_swaps;
begin
  select * into w from public.shift_swaps x where x.id = answer_shift_swap.swap_id for update;
  if not found or not app.is_own_agent(w.colleague_agent_id) then
    raise exception 'only the colleague asked answers a swap' using errcode = '42501';
  end if;
  perform app.require_swap_status(w, '{proposed}', 'answered');
  if not accept then
    return app.shift_swap_step(w.id, 'declined');
  end if;
  perform app.swappable_shift(w.proposer_shift_id);
  if w.colleague_shift_id is not null then
    perform app.swappable_shift(w.colleague_shift_id);
  end if;
  perform app.try_shift_swap(w);
  return app.shift_swap_step(w.id, 'accepted');
end;
$$;
comment on function public.answer_shift_swap(uuid, boolean) is
  'The colleague accepts or declines a proposed swap.';

-- The proposer withdraws a swap nobody has decided yet.
create function public.cancel_shift_swap(swap_id uuid)
returns public.shift_swaps
language plpgsql
security definer
set search_path = ''
as $$
declare
  w public.shift_swaps;
begin
  select * into w from public.shift_swaps x where x.id = cancel_shift_swap.swap_id for update;
  if not found or not app.is_own_agent(w.proposer_agent_id) then
    raise exception 'only the agent who proposed a swap cancels it' using errcode = '42501';
  end if;
  perform app.require_swap_status(w, '{proposed,accepted}', 'cancelled');
  return app.shift_swap_step(w.id, 'cancelled');
end;
$$;
comment on function public.cancel_shift_swap(uuid) is 'The proposer cancels a swap not decided yet.';

-- The team's lead or a site supervisor (manager, admin) decides an accepted
-- swap. Approving publishes the swapped week through publish_schedule (a
-- new version, the previous superseded, whatever reacts to a publish
-- fires); it is refused when the swap would now break a rule. Rejecting
-- needs a reason.
create function public.decide_shift_swap(swap_id uuid, approve boolean, reason text default null)
returns public.shift_swaps
language plpgsql
security definer
set search_path = ''
as $$
declare
  w public.shift_swaps;
  pub public.schedules;
  b record;
  n public.schedules;
  broken integer;
  draft_words text;
begin
  select * into w from public.shift_swaps x where x.id = decide_shift_swap.swap_id;
  if not found or not app.can_plan_team(w.team_id) then
    raise exception 'only the team''s lead or a supervisor decides its swaps' using errcode = '42501';
  end if;
  -- The week first, then the swap: two approvals in one week wait for each
  -- other here, and the second finds its swap stale.
  select * into pub from public.schedules where id = w.schedule_id for update;
  select * into w from public.shift_swaps x where x.id = decide_shift_swap.swap_id for update;
  perform app.require_swap_status(w, '{accepted}', 'decided');
  if not approve then
    if nullif(btrim(coalesce(reason, '')), '') is null then
      raise exception 'say why the swap is rejected' using errcode = '22023';
    end if;
    return app.shift_swap_step(w.id, 'rejected', reason);
  end if;
  perform app.swappable_shift(w.proposer_shift_id);
  if w.colleague_shift_id is not null then
    perform app.swappable_shift(w.colleague_shift_id);
  end if;
  select * into b from app.build_swap_version(w);
  perform app.refuse_swap_violations(w, b.built);
  update public.shift_swaps set approved_schedule_id = b.built where id = w.id;
  -- Approved before the publish, so the stale trigger leaves this swap alone.
  perform app.shift_swap_step(w.id, 'approved', reason, null, b.built);
  select count(*) into broken from app.schedule_violations_of(b.built);
  select * into n from public.schedules where id = b.built;
  perform public.publish_schedule(n.id, n.revision,
    case when broken > 0 then
      format('shift swap %s: the week already broke these rules in version %s', w.id, pub.version)
    end);
  if b.set_aside is not null then
    draft_words := app.restore_set_aside_draft(w, b.set_aside);
  end if;
  update public.shift_swap_steps set detail = concat_ws('; ', format('published as version %s', n.version), draft_words)
  where shift_swap_steps.swap_id = w.id and shift_swap_steps.status = 'approved';
  select * into w from public.shift_swaps where id = w.id;
  return w;
end;
$$;
comment on function public.decide_shift_swap(uuid, boolean, text) is
  'The team''s lead or a supervisor approves (publishing the swapped week as a new version) or rejects (with a reason) an accepted swap.';

-- The swaps the caller may read at a site from a week on, with both shifts,
-- the agents' names, the version an approval published and every step with
-- who and when: for the agents' and
-- the planners' swap pages (a superseded version's shifts are not readable
-- through RLS any more, but a decided swap still shows what it was).
create function public.list_shift_swaps(site_id uuid, from_week date)
returns table (
  id uuid, team_id uuid, team_name text, week_start date, status public.shift_swap_status, note text,
  created_at timestamptz, updated_at timestamptz,
  proposer_agent_id uuid, proposer_name text, proposer_day date, proposer_starts_at time, proposer_ends_at time,
  proposer_template text,
  colleague_agent_id uuid, colleague_name text, colleague_day date, colleague_starts_at time, colleague_ends_at time,
  colleague_template text,
  approved_version integer,
  steps jsonb
)
language sql
stable
security definer
set search_path = ''
as $$
  select w.id, w.team_id, t.name, w.week_start, w.status, w.note, w.created_at, w.updated_at,
    w.proposer_agent_id, pa.display_name, ps.day, ps.starts_at, ps.ends_at, pt.name,
    w.colleague_agent_id, ca.display_name, cs.day, cs.starts_at, cs.ends_at, ct.name, av.version,
    (select coalesce(jsonb_agg(jsonb_build_object(
        'status', st.status, 'at', st.at, 'reason', st.reason, 'detail', st.detail,
        'by', coalesce(sa.display_name, u.raw_user_meta_data->>'display_name', u.email)) order by st.at, st.status), '[]')
     from public.shift_swap_steps st
     left join auth.users u on u.id = st.actor_id
     left join public.agents sa on sa.user_id = st.actor_id and sa.site_id = w.site_id
     where st.swap_id = w.id)
  from public.shift_swaps w
  join public.teams t on t.id = w.team_id
  join public.agents pa on pa.id = w.proposer_agent_id
  join public.agents ca on ca.id = w.colleague_agent_id
  join public.schedule_shifts ps on ps.id = w.proposer_shift_id
  left join public.shift_templates pt on pt.id = ps.template_id
  left join public.schedule_shifts cs on cs.id = w.colleague_shift_id
  left join public.shift_templates ct on ct.id = cs.template_id
  left join public.schedules av on av.id = w.approved_schedule_id
  where w.site_id = list_shift_swaps.site_id and w.week_start >= list_shift_swaps.from_week
    and (app.is_own_agent(w.proposer_agent_id) or app.is_own_agent(w.colleague_agent_id) or app.can_plan_team(w.team_id))
  order by w.week_start, ps.start_ts, w.created_at
$$;
comment on function public.list_shift_swaps(uuid, date) is
  'The swaps the caller reads at a site from a week on (parties and planners), with both shifts, names and steps.';

revoke execute on function public.swap_candidates(uuid) from public, anon, authenticated;
revoke execute on function public.propose_shift_swap(uuid, uuid, uuid, text) from public, anon, authenticated;
revoke execute on function public.answer_shift_swap(uuid, boolean) from public, anon, authenticated;
revoke execute on function public.cancel_shift_swap(uuid) from public, anon, authenticated;
revoke execute on function public.decide_shift_swap(uuid, boolean, text) from public, anon, authenticated;
revoke execute on function public.list_shift_swaps(uuid, date) from public, anon, authenticated;
grant execute on function public.swap_candidates(uuid) to authenticated;
grant execute on function public.propose_shift_swap(uuid, uuid, uuid, text) to authenticated;
grant execute on function public.answer_shift_swap(uuid, boolean) to authenticated;
grant execute on function public.cancel_shift_swap(uuid) to authenticated;
grant execute on function public.decide_shift_swap(uuid, boolean, text) to authenticated;
grant execute on function public.list_shift_swaps(uuid, date) to authenticated;
