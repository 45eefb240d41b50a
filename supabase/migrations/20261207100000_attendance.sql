-- Attendance (issue 12): the tables the rest of the attendance work stands
-- on. Punches come in from the web, a kiosk, terminal imports and
-- supervisors' corrections; a policy per site, versioned by the date it takes
-- effect, says how a day is judged; attendance_days holds the judgement per
-- agent and shift; requests (leave, outing, overtime), a leave ledger,
-- appeals, overrides and month locks are what people add to it. Every
-- change is made by security-definer functions of later migrations, which
-- also write attendance_corrections (who, when, before, after, why):
-- authenticated users only read these tables, through the policies below.
--
-- Who reads: an agent their own rows, a lead their team's, the site's
-- supervisors, managers and admins everything of the site (analysts too
-- for judged days, which reports are made of). Displays and kiosks read
-- nothing.

create type public.punch_source as enum ('web', 'kiosk', 'terminal', 'correction');
create type public.punch_direction as enum ('in', 'out');
create type public.attendance_status as enum (
  'present', 'late', 'early_leave', 'half_day', 'absent', 'leave', 'outing', 'rest', 'holiday', 'missing_punch', 'open'
);
create type public.attendance_request_kind as enum ('leave', 'outing', 'overtime');
create type public.attendance_request_status as enum ('pending', 'approved', 'rejected', 'cancelled');
create type public.attendance_appeal_status as enum ('open', 'accepted', 'rejected', 'withdrawn');

-- Who may see an agent's attendance: the agent, their lead, the site's
-- supervisors, managers and admins. Written once, asked by every policy.
create function app.can_read_attendance(target_agent uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.agents a
    where a.id = target_agent
      and (
        a.user_id = (select auth.uid())
        or app.leads_team(a.team_id)
        or app.has_site_role(a.site_id, '{supervisor,manager,admin}')
      )
  )
$$;
revoke execute on function app.can_read_attendance(uuid) from public, anon, authenticated;
grant execute on function app.can_read_attendance(uuid) to authenticated, service_role;

-- ------------------------------------------------------------------ policy

create table public.attendance_policies (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  -- The policy in force on a day is the one with the latest effective_from
  -- on or before it; version counts a site's policies for people to name.
  effective_from date not null,
  version integer not null constraint attendance_policies_version_positive check (version >= 1),
  -- Punches count for a shift from check_in_window_min before its start to
  -- check_out_window_min after its end.
  check_in_window_min integer not null default 60 check (check_in_window_min between 0 and 720),
  check_out_window_min integer not null default 60 check (check_out_window_min between 0 and 720),
  -- Lateness in whole minutes (seconds dropped): up to grace_min is on time,
  -- then late up to late_max_min, half-day absence up to half_day_max_min,
  -- absence beyond. Early leave has the same tiers of its own.
  grace_min integer not null default 5 check (grace_min between 0 and 120),
  late_max_min integer not null default 30,
  half_day_max_min integer not null default 120,
  early_grace_min integer not null default 5 check (early_grace_min between 0 and 120),
  early_max_min integer not null default 30,
  early_half_day_max_min integer not null default 120,
  -- Worked minutes below these make the day a half-day / absence (0 = off).
  min_half_day_worked_min integer not null default 0 check (min_half_day_worked_min between 0 and 1440),
  min_present_worked_min integer not null default 0 check (min_present_worked_min between 0 and 1440),
  -- How a shift with only one punch is judged.
  single_punch_status public.attendance_status not null default 'missing_punch'
    constraint attendance_policies_single_punch_known check (single_punch_status in ('missing_punch', 'absent', 'half_day')),
  -- Deductions per tier, in the site's currency (yuan), set by the site.
  deduction_late numeric(10, 2) not null default 0 check (deduction_late >= 0),
  deduction_early numeric(10, 2) not null default 0 check (deduction_early >= 0),
  deduction_half_day numeric(10, 2) not null default 0 check (deduction_half_day >= 0),
  deduction_absent numeric(10, 2) not null default 0 check (deduction_absent >= 0),
  deduction_missing_punch numeric(10, 2) not null default 0 check (deduction_missing_punch >= 0),
  -- Leave must be filed this many hours before the shift it covers starts;
  -- one filed later is refused or accepted with a flag.
  leave_notice_hours integer not null default 0 check (leave_notice_hours between 0 and 720),
  late_leave text not null default 'flag' constraint attendance_policies_late_leave_known check (late_leave in ('refuse', 'flag')),
  overtime_needs_approval boolean not null default true,
  judge_rest_days boolean not null default false,
  judge_holidays boolean not null default false,
  -- A kiosk punch whose device clock differs from the server's receipt by
  -- more than this (beyond the time it was queued offline) is flagged.
  offline_allowance_s integer not null default 600 check (offline_allowance_s between 0 and 86400),
  appeal_file_days integer not null default 3 check (appeal_file_days between 1 and 30),
  appeal_answer_days integer not null default 5 check (appeal_answer_days between 1 and 60),
  -- Who approves requests, in order.
  approval_chain public.app_role[] not null default '{lead,supervisor}'
    constraint attendance_policies_chain_known check (
      cardinality(approval_chain) between 1 and 3 and approval_chain <@ '{lead,supervisor,manager}'::public.app_role[]
    ),
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  constraint attendance_policies_late_tiers_in_order check (grace_min <= late_max_min and late_max_min <= half_day_max_min),
  constraint attendance_policies_early_tiers_in_order check (early_grace_min <= early_max_min and early_max_min <= early_half_day_max_min),
  constraint attendance_policies_effective_unique unique (site_id, effective_from),
  constraint attendance_policies_version_unique unique (site_id, version)
);
alter table public.attendance_policies enable row level security;
comment on table public.attendance_policies is
  'How a site judges attendance, versioned by the date each version takes effect (product defaults from DOMAIN.md).';

create function app.add_attendance_policy() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.attendance_policies (site_id, effective_from, version, created_by)
  values (new.id, date '2000-01-01', 1, null);
  return new;
end;
$$;
create trigger sites_add_attendance_policy after insert on public.sites
  for each row execute function app.add_attendance_policy();
insert into public.attendance_policies (site_id, effective_from, version, created_by)
select id, date '2000-01-01', 1, null from public.sites;

create policy "site members who see attendance read its policy" on public.attendance_policies
  for select to authenticated using (app.has_site_role(site_id, '{agent,lead,supervisor,manager,admin,analyst}'));

-- ------------------------------------------------------------------ punches

create table public.punches (
  -- A kiosk may send its own id, so a punch queued offline and sent twice is one punch.
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  agent_id uuid not null,
  -- The moment that counts: the device's for an offline kiosk punch, the
  -- terminal's for an import, the server's for a web punch.
  punched_at timestamptz not null,
  direction public.punch_direction,
  source public.punch_source not null,
  device text constraint punches_device_length check (device is null or length(device) <= 100),
  -- What the device said and when the server got it, kept on every punch.
  device_time timestamptz,
  received_at timestamptz not null default now(),
  import_batch uuid,
  needs_review boolean not null default false,
  review_reason text constraint punches_review_reason_length check (review_reason is null or length(review_reason) <= 500),
  -- A corrected punch is voided, never deleted; a moved one points at the punch it replaces.
  replaces uuid references public.punches (id),
  voided_at timestamptz,
  voided_by uuid,
  void_reason text constraint punches_void_reason_length check (void_reason is null or length(void_reason) <= 1000),
  created_by uuid default auth.uid(),
  constraint punches_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id) on delete cascade
);
alter table public.punches enable row level security;
create index punches_agent_id_punched_at_idx on public.punches (agent_id, punched_at);
create index punches_site_id_punched_at_idx on public.punches (site_id, punched_at);
-- One live punch per agent and instant: a terminal file imported twice adds nothing.
create unique index punches_one_per_instant on public.punches (agent_id, punched_at) where voided_at is null;
comment on table public.punches is
  'Clock-in/out punches from the web, kiosks, terminal imports and corrections; voided, never deleted.';

create policy "who reads an agent's attendance reads their punches" on public.punches
  for select to authenticated using (app.can_read_attendance(agent_id));

-- ------------------------------------------------------------ judged days

create table public.attendance_days (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  agent_id uuid not null,
  -- The site date the shift starts on (a night shift counts for the day it began).
  work_date date not null,
  -- The published shift judged; null on a day without one (rest, holiday).
  shift_id uuid references public.schedule_shifts (id) on delete set null,
  shift_start timestamptz,
  shift_end timestamptz,
  first_in timestamptz,
  last_out timestamptz,
  worked_min integer not null default 0,
  late_min integer not null default 0,
  early_min integer not null default 0,
  overtime_min integer not null default 0,
  status public.attendance_status not null,
  -- The tier that decided the deduction (late, early, half_day, absent, missing_punch) and its amount.
  tier text,
  deduction numeric(10, 2) not null default 0,
  policy_id uuid references public.attendance_policies (id),
  -- Why, for a person: [{"code": "...", "params": {...}}, ...], worded by the app in either language.
  explanation jsonb not null default '[]',
  judged_at timestamptz not null default now(),
  -- Set when the check-out window has passed; the result is then published
  -- and changes only through corrections and appeals.
  closed_at timestamptz,
  constraint attendance_days_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id) on delete cascade
);
alter table public.attendance_days enable row level security;
create unique index attendance_days_one_per_shift on public.attendance_days (agent_id, work_date, shift_id) nulls not distinct;
create index attendance_days_site_id_work_date_idx on public.attendance_days (site_id, work_date);
comment on table public.attendance_days is
  'The judgement of each agent''s shift (or shiftless day), derived from shifts, punches, requests, overrides, policy and calendar.';

create policy "who reads an agent's attendance reads their days; analysts the site's" on public.attendance_days
  for select to authenticated using (app.can_read_attendance(agent_id) or app.has_site_role(site_id, '{analyst}'));

-- ---------------------------------------------------------------- requests

create table public.attendance_requests (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  agent_id uuid not null,
  kind public.attendance_request_kind not null,
  -- For leave only.
  leave_type text constraint attendance_requests_leave_type_known check (
    leave_type in ('annual', 'sick', 'personal', 'compensatory', 'visit_half_day', 'marriage', 'maternity', 'bereavement', 'other')
  ),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  reason text constraint attendance_requests_reason_length check (reason is null or length(reason) <= 1000),
  status public.attendance_request_status not null default 'pending',
  -- The index into the policy's approval_chain of the step waiting for a decision.
  step integer not null default 0,
  -- Filed after the notice the policy asks for (accepted when the policy flags rather than refuses).
  late_filed boolean not null default false,
  filed_by uuid default auth.uid(),
  filed_at timestamptz not null default now(),
  decided_at timestamptz,
  constraint attendance_requests_in_order check (ends_at > starts_at),
  constraint attendance_requests_leave_has_type check ((kind = 'leave') = (leave_type is not null)),
  constraint attendance_requests_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id) on delete cascade
);
alter table public.attendance_requests enable row level security;
create index attendance_requests_agent_id_starts_at_idx on public.attendance_requests (agent_id, starts_at);
create index attendance_requests_site_id_status_idx on public.attendance_requests (site_id, status);

create table public.attendance_request_steps (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references public.attendance_requests (id) on delete cascade,
  site_id uuid not null,
  -- filed, approved, rejected, cancelled, commented
  action text not null constraint attendance_request_steps_action_known
    check (action in ('filed', 'approved', 'rejected', 'cancelled', 'commented')),
  -- The chain role the decision was made as.
  as_role public.app_role,
  comment text constraint attendance_request_steps_comment_length check (comment is null or length(comment) <= 1000),
  made_by uuid default auth.uid(),
  made_at timestamptz not null default now()
);
alter table public.attendance_request_steps enable row level security;
create index attendance_request_steps_request_id_idx on public.attendance_request_steps (request_id);

create policy "who reads an agent's attendance reads their requests" on public.attendance_requests
  for select to authenticated using (app.can_read_attendance(agent_id));
create policy "who reads a request reads its steps" on public.attendance_request_steps
  for select to authenticated using (
    exists (select 1 from public.attendance_requests r where r.id = request_id and app.can_read_attendance(r.agent_id))
  );

-- Leave balances as a ledger: granted, taken and earned minutes per type,
-- so a balance is a sum and every change has a reason. The outbound issue
-- writes the "paid half-day earned by visits" entries.
create table public.leave_ledger (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  agent_id uuid not null,
  leave_type text not null constraint leave_ledger_leave_type_known check (
    leave_type in ('annual', 'sick', 'personal', 'compensatory', 'visit_half_day', 'marriage', 'maternity', 'bereavement', 'other')
  ),
  -- Positive: granted or earned; negative: taken.
  minutes integer not null constraint leave_ledger_minutes_not_zero check (minutes <> 0),
  reason text not null constraint leave_ledger_reason_length check (length(btrim(reason)) between 1 and 500),
  request_id uuid references public.attendance_requests (id) on delete set null,
  made_by uuid default auth.uid(),
  made_at timestamptz not null default now(),
  constraint leave_ledger_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id) on delete cascade
);
alter table public.leave_ledger enable row level security;
create index leave_ledger_agent_id_idx on public.leave_ledger (agent_id, leave_type);
create policy "who reads an agent's attendance reads their leave ledger" on public.leave_ledger
  for select to authenticated using (app.can_read_attendance(agent_id));

-- --------------------------------------------------- overrides and appeals

-- A supervisor's decision on a day that stands over the engine's result
-- (a terminal fault, an accepted appeal): the engine applies the latest one
-- not cleared, and says so in the explanation.
create table public.attendance_overrides (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  agent_id uuid not null,
  work_date date not null,
  shift_id uuid references public.schedule_shifts (id) on delete set null,
  status public.attendance_status not null constraint attendance_overrides_status_final check (status <> 'open'),
  -- null: the policy's deduction for the status.
  deduction numeric(10, 2) check (deduction is null or deduction >= 0),
  reason text not null constraint attendance_overrides_reason_length check (length(btrim(reason)) between 1 and 1000),
  appeal_id uuid,
  made_by uuid default auth.uid(),
  made_at timestamptz not null default now(),
  cleared_at timestamptz,
  cleared_by uuid,
  constraint attendance_overrides_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id) on delete cascade
);
alter table public.attendance_overrides enable row level security;
create index attendance_overrides_agent_id_work_date_idx on public.attendance_overrides (agent_id, work_date);
create policy "who reads an agent's attendance reads their overrides" on public.attendance_overrides
  for select to authenticated using (app.can_read_attendance(agent_id));

create table public.attendance_appeals (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null,
  agent_id uuid not null,
  day_id uuid not null references public.attendance_days (id) on delete cascade,
  work_date date not null,
  reason text not null constraint attendance_appeals_reason_length check (length(btrim(reason)) between 1 and 1000),
  status public.attendance_appeal_status not null default 'open',
  filed_by uuid default auth.uid(),
  filed_at timestamptz not null default now(),
  -- The last site date it could be filed on, and the one it must be answered by (working days).
  file_by date not null,
  answer_by date not null,
  answer text constraint attendance_appeals_answer_length check (answer is null or length(answer) <= 1000),
  answered_by uuid,
  answered_at timestamptz,
  override_id uuid references public.attendance_overrides (id),
  constraint attendance_appeals_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id) on delete cascade
);
alter table public.attendance_appeals enable row level security;
create index attendance_appeals_site_id_status_idx on public.attendance_appeals (site_id, status);
create index attendance_appeals_agent_id_idx on public.attendance_appeals (agent_id);
alter table public.attendance_overrides
  add constraint attendance_overrides_appeal_id_fkey foreign key (appeal_id) references public.attendance_appeals (id);
create policy "who reads an agent's attendance reads their appeals" on public.attendance_appeals
  for select to authenticated using (app.can_read_attendance(agent_id));

-- ------------------------------------------------------------------ audit

-- Every change made to attendance by a person: punches added, moved or
-- voided, statuses overridden or cleared, appeals answered, months locked
-- and unlocked, policies saved. Rows are only ever added.
create table public.attendance_corrections (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references public.sites (id) on delete cascade,
  -- null for site-wide changes (a policy, a month lock).
  agent_id uuid,
  work_date date,
  action text not null constraint attendance_corrections_action_known check (action in (
    'punch_added', 'punch_moved', 'punch_voided', 'status_overridden', 'override_cleared',
    'appeal_accepted', 'appeal_rejected', 'month_locked', 'month_unlocked', 'locked_month_changed', 'policy_saved',
    'request_approved', 'request_cancelled', 'punches_imported', 'day_rejudged'
  )),
  punch_id uuid references public.punches (id),
  override_id uuid references public.attendance_overrides (id),
  appeal_id uuid references public.attendance_appeals (id),
  before jsonb,
  after jsonb,
  reason text not null constraint attendance_corrections_reason_length check (length(btrim(reason)) between 1 and 1000),
  made_by uuid default auth.uid(),
  made_at timestamptz not null default now(),
  constraint attendance_corrections_agent_is_in_site foreign key (site_id, agent_id) references public.agents (site_id, id) on delete cascade
);
alter table public.attendance_corrections enable row level security;
create index attendance_corrections_agent_id_work_date_idx on public.attendance_corrections (agent_id, work_date);
create index attendance_corrections_site_id_made_at_idx on public.attendance_corrections (site_id, made_at);
create policy "who reads an agent's attendance reads its audit; the site's staff the site-wide rows" on public.attendance_corrections
  for select to authenticated using (
    (agent_id is not null and app.can_read_attendance(agent_id))
    or (agent_id is null and app.has_site_role(site_id, '{supervisor,manager,admin}'))
  );

-- ------------------------------------------------------------ month locks

-- A month closed for payroll: changes to its days are refused except by a
-- manager (or admin), and those are recorded as locked_month_changed.
create table public.attendance_month_locks (
  site_id uuid not null references public.sites (id) on delete cascade,
  month date not null constraint attendance_month_locks_first_of_month check (extract(day from month) = 1),
  locked_by uuid default auth.uid(),
  locked_at timestamptz not null default now(),
  primary key (site_id, month)
);
alter table public.attendance_month_locks enable row level security;
create policy "the site's attendance readers see its month locks" on public.attendance_month_locks
  for select to authenticated using (app.has_site_role(site_id, '{agent,lead,supervisor,manager,admin,analyst}'));

grant select on public.attendance_policies, public.punches, public.attendance_days, public.attendance_requests,
  public.attendance_request_steps, public.leave_ledger, public.attendance_overrides, public.attendance_appeals,
  public.attendance_corrections, public.attendance_month_locks to authenticated;
grant select, insert, update, delete on public.attendance_policies, public.punches, public.attendance_days,
  public.attendance_requests, public.attendance_request_steps, public.leave_ledger, public.attendance_overrides,
  public.attendance_appeals, public.attendance_corrections, public.attendance_month_locks to service_role;
