-- Attendance policy editing (issue 12, deliverable 2): the one way a site's
-- managers and admins change how its attendance is judged, and the list of
-- versions the settings page shows. The policy table and the engine that
-- reads the version in force on each work date are 20261207100000 and
-- 20261207110000; saving a version fires the engine's trigger, which
-- re-judges the site's open days from the version's date on.
--
-- * public.save_attendance_policy(site_id, effective_from, policy, reason)
--   saves a version: `policy` is a JSON object of knobs (the names of the
--   table's columns, app.attendance_policy_knobs); a knob left out keeps the
--   value of the version it replaces, else of the version in force on that
--   date. Saving on the date of an existing version replaces that version
--   (same id and number, updated_by/updated_at stamped); any other date adds
--   a version numbered after the site's last. Every save that changes
--   something writes one `policy_saved` row to attendance_corrections (who,
--   when, before, after, why); saving the same values again changes and
--   records nothing.
-- * Closed days never change silently: the engine re-judges only open days,
--   so a version may not claim days that are already closed. A version may
--   take effect today or later in the site's time zone; an earlier date
--   only while no closed day falls between it and the next version. A
--   version some closed day was judged under is not replaced (save a new
--   one from a later date). A version from today leaves today's closed days
--   (an early shift whose check-out window has passed) as judged, naming
--   the version that judged them.
-- * public.attendance_policy_versions(site_id): every version with its
--   knobs in the shape save takes, which is in force today, and who saved
--   it when; for everyone who reads the policy (RLS of attendance_policies).
--
-- Who saves: the site's managers and admins (42501 for anyone else, like
-- the other attendance functions). Supervisors and leads apply the policy
-- day to day (corrections, approvals) and read it; the rules that set pay
-- deductions are the manager's, as month locks are.
--
-- Codes: CB092 a knob's value (or the reason) is not accepted; CB093 the
-- date is out of range or would claim closed days. Both carry a JSON
-- `detail` ({"knob", "rule", ...}) the page words in the user's language.

-- ------------------------------------------------------------------ table

alter table public.attendance_policies
  add column updated_by uuid,
  add column updated_at timestamptz;
comment on column public.attendance_policies.updated_by is
  'Who last replaced this version through save_attendance_policy (null: never replaced; created_by saved it).';
comment on column public.attendance_policies.updated_at is 'When this version was last replaced (null: never).';

-- ------------------------------------------------------------------ knobs

-- Every knob a version sets: its kind, its accepted range (integers and
-- amounts), its choices, and the words the English messages use. The one
-- list save, the checks and the versions list read.
create function app.attendance_policy_knobs()
returns table (knob text, kind text, min_value numeric, max_value numeric, choices text[], label text, unit text)
language sql
immutable
set search_path = ''
as $$
  values
    ('check_in_window_min', 'integer', 0::numeric, 240::numeric, null::text[], 'the check-in window', 'minutes'),
    ('check_out_window_min', 'integer', 0, 240, null, 'the check-out window', 'minutes'),
    ('grace_min', 'integer', 0, 120, null, 'the late grace', 'minutes'),
    ('late_max_min', 'integer', 1, 720, null, 'the end of the late tier', 'minutes'),
    ('half_day_max_min', 'integer', 2, 720, null, 'the end of the half-day tier', 'minutes'),
    ('early_grace_min', 'integer', 0, 120, null, 'the early-leave grace', 'minutes'),
    ('early_max_min', 'integer', 1, 720, null, 'the end of the early-leave tier', 'minutes'),
    ('early_half_day_max_min', 'integer', 2, 720, null, 'the end of the early half-day tier', 'minutes'),
    ('min_half_day_worked_min', 'integer', 0, 1440, null, 'the minimum worked for a half day', 'minutes'),
    ('min_present_worked_min', 'integer', 0, 1440, null, 'the minimum worked for a full day', 'minutes'),
    ('single_punch_status', 'choice', null, null, '{missing_punch,absent,half_day}', 'the judgement of a single punch', null),
    ('deduction_late', 'amount', 0, 100000, null, 'the deduction for a late arrival', 'yuan'),
    ('deduction_early', 'amount', 0, 100000, null, 'the deduction for an early leave', 'yuan'),
    ('deduction_half_day', 'amount', 0, 100000, null, 'the deduction for a half-day absence', 'yuan'),
    ('deduction_absent', 'amount', 0, 100000, null, 'the deduction for an absence', 'yuan'),
    ('deduction_missing_punch', 'amount', 0, 100000, null, 'the deduction for a missing punch', 'yuan'),
    ('leave_notice_hours', 'integer', 0, 720, null, 'the notice for leave', 'hours'),
    ('late_leave', 'choice', null, null, '{refuse,flag}', 'what happens to leave filed late', null),
    ('overtime_needs_approval', 'boolean', null, null, null, 'whether overtime needs an approved request', null),
    ('judge_rest_days', 'boolean', null, null, null, 'whether shifts on rest days are judged', null),
    ('judge_holidays', 'boolean', null, null, null, 'whether shifts on statutory holidays are judged', null),
    ('offline_allowance_s', 'integer', 0, 86400, null, 'the kiosk clock allowance', 'seconds'),
    ('appeal_file_days', 'integer', 1, 30, null, 'the time to file an appeal', 'working days'),
    ('appeal_answer_days', 'integer', 1, 60, null, 'the time to answer an appeal', 'working days'),
    ('approval_chain', 'chain', 1, 3, '{lead,supervisor,manager}', 'the approval chain', null)
$$;
revoke execute on function app.attendance_policy_knobs() from public, anon, authenticated;

-- A version's knobs as the JSON object save takes.
create function app.attendance_policy_document(p public.attendance_policies) returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_object_agg(k.knob, to_jsonb(p) -> k.knob) from app.attendance_policy_knobs() k
$$;
revoke execute on function app.attendance_policy_document(public.attendance_policies) from public, anon, authenticated;

-- Refuses a knob's value: CB092, the English words, and the JSON detail.
create function app.refuse_policy_value(words text, facts jsonb) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception '%', words using errcode = 'CB092', detail = facts::text;
end;
$$;
revoke execute on function app.refuse_policy_value(text, jsonb) from public, anon, authenticated;

-- The version `base` with the knobs of `policy` laid over it. Refuses
-- (CB092) anything that is not a JSON object, a name that is not a knob,
-- and a value of the wrong type or out of its range, before any cast.
create function app.attendance_policy_overlay(base public.attendance_policies, policy jsonb)
returns public.attendance_policies
language plpgsql
stable
set search_path = ''
as $$
declare
  e record;
  k record;
  n numeric;
  ok boolean;
begin
  if policy is null or jsonb_typeof(policy) <> 'object' then
    perform app.refuse_policy_value('the policy is a JSON object of knobs, such as {"grace_min": 5}',
      jsonb_build_object('rule', 'object'));
  end if;
  for e in select j.key, j.value from jsonb_each(policy) j order by j.key loop
    select * into k from app.attendance_policy_knobs() x where x.knob = e.key;
    if not found then
      perform app.refuse_policy_value(format('"%s" is not a knob of the attendance policy', e.key),
        jsonb_build_object('knob', e.key, 'rule', 'unknown'));
    end if;
    n := case when jsonb_typeof(e.value) = 'number' then (e.value #>> '{}')::numeric end;
    if k.kind = 'integer' and not coalesce(n = trunc(n) and n between k.min_value and k.max_value, false) then
      perform app.refuse_policy_value(format('%s is a whole number of %s from %s to %s, not %s', k.label, k.unit,
        k.min_value, k.max_value, e.value),
        jsonb_build_object('knob', k.knob, 'rule', 'range', 'min', k.min_value, 'max', k.max_value));
    elsif k.kind = 'amount' and not coalesce(n * 100 = trunc(n * 100) and n between k.min_value and k.max_value, false) then
      perform app.refuse_policy_value(format('%s is an amount of %s from %s to %s with at most two decimals, not %s',
        k.label, k.unit, k.min_value, k.max_value, e.value),
        jsonb_build_object('knob', k.knob, 'rule', 'amount', 'min', k.min_value, 'max', k.max_value));
    elsif k.kind = 'boolean' and jsonb_typeof(e.value) <> 'boolean' then
      perform app.refuse_policy_value(format('%s is true or false, not %s', k.label, e.value),
        jsonb_build_object('knob', k.knob, 'rule', 'boolean'));
    elsif k.kind = 'choice' and not (jsonb_typeof(e.value) = 'string' and (e.value #>> '{}') = any (k.choices)) then
      perform app.refuse_policy_value(format('%s is one of %s, not %s', k.label, array_to_string(k.choices, ', '),
        e.value), jsonb_build_object('knob', k.knob, 'rule', 'choice', 'choices', to_jsonb(k.choices)));
    elsif k.kind = 'chain' then
      ok := jsonb_typeof(e.value) = 'array';
      if ok then
        select bool_and(jsonb_typeof(r.value) = 'string' and (r.value #>> '{}') = any (k.choices)) into ok
        from jsonb_array_elements(e.value) r;
      end if;
      if not coalesce(ok, true) then
        perform app.refuse_policy_value(format('%s is a list of the roles %s, not %s', k.label,
          array_to_string(k.choices, ', '), e.value), jsonb_build_object('knob', k.knob, 'rule', 'chain'));
      end if;
    end if;
  end loop;
  return jsonb_populate_record(base, policy);
end;
$$;
revoke execute on function app.attendance_policy_overlay(public.attendance_policies, jsonb) from public, anon, authenticated;

-- Checks a whole version (the knobs given and the ones kept), first problem
-- first: every number in its range, each tier at least a minute wide and
-- after the one before it, the half-day threshold below the full-day one,
-- a chain of one to three different roles. Refuses with CB092.
create function app.check_attendance_policy(p public.attendance_policies) returns void
language plpgsql
stable
set search_path = ''
as $$
declare
  doc jsonb := to_jsonb(p);
  k record;
  pair record;
begin
  for k in select * from app.attendance_policy_knobs() x where x.kind in ('integer', 'amount') loop
    if (doc ->> k.knob)::numeric not between k.min_value and k.max_value then
      perform app.refuse_policy_value(format('%s is from %s to %s %s, not %s', k.label, k.min_value, k.max_value,
        k.unit, doc ->> k.knob),
        jsonb_build_object('knob', k.knob, 'rule', case k.kind when 'amount' then 'amount' else 'range' end,
          'min', k.min_value, 'max', k.max_value));
    end if;
  end loop;
  -- Tiers in order, none empty: late is (grace, late_max], half-day
  -- (late_max, half_day_max], absence beyond; early leave likewise.
  for pair in
    select v.knob, v.other, (doc ->> v.knob)::integer as value, (doc ->> v.other)::integer as limit_value
    from (values (1, 'grace_min', 'late_max_min'), (2, 'late_max_min', 'half_day_max_min'),
      (3, 'early_grace_min', 'early_max_min'), (4, 'early_max_min', 'early_half_day_max_min')) as v(ord, knob, other)
    order by v.ord
  loop
    if pair.value >= pair.limit_value then
      perform app.refuse_policy_value(format('%s (%s minutes) must be below %s (%s minutes)',
        (select x.label from app.attendance_policy_knobs() x where x.knob = pair.knob), pair.value,
        (select x.label from app.attendance_policy_knobs() x where x.knob = pair.other), pair.limit_value),
        jsonb_build_object('knob', pair.knob, 'rule', 'below', 'other', pair.other));
    end if;
  end loop;
  if p.min_half_day_worked_min > 0 and p.min_present_worked_min > 0
    and p.min_half_day_worked_min >= p.min_present_worked_min then
    perform app.refuse_policy_value(format(
        'the minimum worked for a half day (%s minutes) must be below the minimum for a full day (%s minutes)',
        p.min_half_day_worked_min, p.min_present_worked_min),
      jsonb_build_object('knob', 'min_half_day_worked_min', 'rule', 'below', 'other', 'min_present_worked_min'));
  end if;
  if cardinality(p.approval_chain) is distinct from
      (select count(distinct r) from unnest(p.approval_chain) r)::integer
    or coalesce(cardinality(p.approval_chain), 0) not between 1 and 3 then
    perform app.refuse_policy_value('the approval chain is one to three different roles of lead, supervisor and manager',
      jsonb_build_object('knob', 'approval_chain', 'rule', 'chain'));
  end if;
end;
$$;
revoke execute on function app.check_attendance_policy(public.attendance_policies) from public, anon, authenticated;

-- ------------------------------------------------------------------- save

create function public.save_attendance_policy(site_id uuid, effective_from date, policy jsonb, reason text default null)
returns public.attendance_policies
language plpgsql
security definer
set search_path = ''
as $$
declare
  p_site uuid := save_attendance_policy.site_id;
  p_from date := save_attendance_policy.effective_from;
  today date;
  existing public.attendance_policies;
  base public.attendance_policies;
  candidate public.attendance_policies;
  saved public.attendance_policies;
  next_from date;
  closed_n integer;
  first_closed date;
  last_closed date;
  before_doc jsonb;
begin
  if p_site is null or not app.has_site_role(p_site, '{manager,admin}') then
    raise exception 'only the site''s managers and admins change its attendance policy' using errcode = '42501';
  end if;
  today := app.site_today(p_site);
  if p_from is null or p_from < date '2000-01-01' or p_from > today + 730 then
    raise exception 'a policy version takes effect on a date from 2000-01-01 to % (two years ahead), not %',
      today + 730, coalesce(p_from::text, 'none')
      using errcode = 'CB093',
        detail = jsonb_build_object('rule', 'date', 'min', date '2000-01-01', 'max', today + 730)::text;
  end if;
  if length(btrim(save_attendance_policy.reason)) > 500 then
    perform app.refuse_policy_value('the reason is at most 500 characters',
      jsonb_build_object('knob', 'reason', 'rule', 'reason', 'max', 500));
  end if;

  -- One save per site at a time: versions are numbered and dated per site.
  perform 1 from public.attendance_policies p where p.site_id = p_site for update;
  select * into existing from public.attendance_policies p where p.site_id = p_site and p.effective_from = p_from;
  -- What a knob left out keeps: the version replaced, else the one in force
  -- on the date, else (a date before every version) the earliest.
  if existing.id is not null then
    base := existing;
  else
    select * into base from public.attendance_policies p where p.site_id = p_site
    order by p.effective_from <= p_from desc, case when p.effective_from <= p_from then p.effective_from end desc,
      p.effective_from
    limit 1;
  end if;
  candidate := app.attendance_policy_overlay(base, policy);
  perform app.check_attendance_policy(candidate);

  select min(p.effective_from) into next_from from public.attendance_policies p
  where p.site_id = p_site and p.effective_from > p_from;
  if p_from < today then
    select count(*), min(d.work_date), max(d.work_date) into closed_n, first_closed, last_closed
    from public.attendance_days d
    where d.site_id = p_site and d.closed_at is not null and d.work_date >= p_from
      and (next_from is null or d.work_date < next_from);
    if closed_n > 0 then
      raise exception '% closed day(s) from % to % would fall under this version; closed days are not judged again: take effect today (%) or later',
        closed_n, first_closed, last_closed, today
        using errcode = 'CB093',
          detail = jsonb_build_object('rule', 'closed_days', 'count', closed_n, 'first', first_closed,
            'last', last_closed, 'today', today)::text;
    end if;
  end if;
  if existing.id is not null then
    select count(*), min(d.work_date), max(d.work_date) into closed_n, first_closed, last_closed
    from public.attendance_days d
    where d.site_id = p_site and d.work_date >= existing.effective_from and d.policy_id = existing.id
      and d.closed_at is not null;
    if closed_n > 0 then
      raise exception 'version % judged % closed day(s) (% to %) and stays as it was: save a new version from a later date',
        existing.version, closed_n, first_closed, last_closed
        using errcode = 'CB093',
          detail = jsonb_build_object('rule', 'closed_version', 'version', existing.version, 'count', closed_n,
            'first', first_closed, 'last', last_closed)::text;
    end if;
    before_doc := jsonb_build_object('version', existing.version, 'effective_from', existing.effective_from,
      'policy', app.attendance_policy_document(existing));
    if app.attendance_policy_document(existing) = app.attendance_policy_document(candidate) then
      return existing;
    end if;
    update public.attendance_policies t set
      check_in_window_min = candidate.check_in_window_min, check_out_window_min = candidate.check_out_window_min,
      grace_min = candidate.grace_min, late_max_min = candidate.late_max_min, half_day_max_min = candidate.half_day_max_min,
      early_grace_min = candidate.early_grace_min, early_max_min = candidate.early_max_min,
      early_half_day_max_min = candidate.early_half_day_max_min,
      min_half_day_worked_min = candidate.min_half_day_worked_min,
      min_present_worked_min = candidate.min_present_worked_min, single_punch_status = candidate.single_punch_status,
      deduction_late = candidate.deduction_late, deduction_early = candidate.deduction_early,
      deduction_half_day = candidate.deduction_half_day, deduction_absent = candidate.deduction_absent,
      deduction_missing_punch = candidate.deduction_missing_punch, leave_notice_hours = candidate.leave_notice_hours,
      late_leave = candidate.late_leave, overtime_needs_approval = candidate.overtime_needs_approval,
      judge_rest_days = candidate.judge_rest_days, judge_holidays = candidate.judge_holidays,
      offline_allowance_s = candidate.offline_allowance_s, appeal_file_days = candidate.appeal_file_days,
      appeal_answer_days = candidate.appeal_answer_days, approval_chain = candidate.approval_chain,
      updated_by = auth.uid(), updated_at = now()
    where t.id = existing.id
    returning * into saved;
  else
    insert into public.attendance_policies (site_id, effective_from, version, check_in_window_min, check_out_window_min,
      grace_min, late_max_min, half_day_max_min, early_grace_min, early_max_min, early_half_day_max_min,
      min_half_day_worked_min, min_present_worked_min, single_punch_status, deduction_late, deduction_early,
      deduction_half_day, deduction_absent, deduction_missing_punch, leave_notice_hours, late_leave,
      overtime_needs_approval, judge_rest_days, judge_holidays, offline_allowance_s, appeal_file_days,
      appeal_answer_days, approval_chain, created_by)
    values (p_site, p_from,
      (select coalesce(max(p.version), 0) + 1 from public.attendance_policies p where p.site_id = p_site),
      candidate.check_in_window_min, candidate.check_out_window_min, candidate.grace_min, candidate.late_max_min,
      candidate.half_day_max_min, candidate.early_grace_min, candidate.early_max_min, candidate.early_half_day_max_min,
      candidate.min_half_day_worked_min, candidate.min_present_worked_min, candidate.single_punch_status,
      candidate.deduction_late, candidate.deduction_early, candidate.deduction_half_day, candidate.deduction_absent,
      candidate.deduction_missing_punch, candidate.leave_notice_hours, candidate.late_leave,
      candidate.overtime_needs_approval, candidate.judge_rest_days, candidate.judge_holidays,
      candidate.offline_allowance_s, candidate.appeal_file_days, candidate.appeal_answer_days,
      candidate.approval_chain, auth.uid())
    returning * into saved;
  end if;

  -- Open days of a locked month that the version now judges are changes to
  -- that month: recorded like any other (only managers and admins get here).
  perform app.require_month_open(p_site, l.month, null,
    format('Attendance policy version %s from %s saved', saved.version, p_from))
  from public.attendance_month_locks l
  where l.site_id = p_site and l.month >= app.month_of(p_from) and (next_from is null or l.month < next_from);

  insert into public.attendance_corrections (site_id, agent_id, work_date, action, before, after, reason)
  values (p_site, null, p_from, 'policy_saved', before_doc,
    jsonb_build_object('version', saved.version, 'effective_from', saved.effective_from,
      'policy', app.attendance_policy_document(saved)),
    coalesce(nullif(btrim(save_attendance_policy.reason), ''),
      format('Attendance policy version %s from %s saved', saved.version, p_from)));
  return saved;
end;
$$;
revoke execute on function public.save_attendance_policy(uuid, date, jsonb, text) from public, anon, authenticated;
grant execute on function public.save_attendance_policy(uuid, date, jsonb, text) to authenticated, service_role;
comment on function public.save_attendance_policy(uuid, date, jsonb, text) is
  'Saves the site''s attendance policy version taking effect on effective_from (managers and admins): policy is a JSON object of knobs, a knob left out keeps the value of the version replaced or in force that day; the same date replaces that version. Audited as policy_saved (who, when, before, after). The engine then re-judges open days only: closed days never change silently, so the date is today or later in the site''s time zone unless no closed day falls under the version, and a version that judged closed days is not replaced. 42501 not allowed; CB092 a value (JSON detail names the knob and the rule); CB093 the date.';

-- --------------------------------------------------------------- versions

create function public.attendance_policy_versions(site_id uuid)
returns table (
  id uuid,
  version integer,
  effective_from date,
  in_force boolean,
  upcoming boolean,
  policy jsonb,
  saved_by_name text,
  saved_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  today date;
begin
  if not app.has_site_role(attendance_policy_versions.site_id, '{agent,lead,supervisor,manager,admin,analyst}') then
    raise exception 'only the site''s members who see attendance read its policy' using errcode = '42501';
  end if;
  today := app.site_today(attendance_policy_versions.site_id);
  return query
    select p.id, p.version, p.effective_from,
      coalesce(p.effective_from = max(p.effective_from) filter (where p.effective_from <= today) over (), false),
      p.effective_from > today,
      app.attendance_policy_document(p),
      app.member_name(coalesce(p.updated_by, p.created_by), p.site_id),
      coalesce(p.updated_at, p.created_at)
    from public.attendance_policies p
    where p.site_id = attendance_policy_versions.site_id
    order by p.effective_from desc;
end;
$$;
revoke execute on function public.attendance_policy_versions(uuid) from public, anon, authenticated;
grant execute on function public.attendance_policy_versions(uuid) to authenticated, service_role;
comment on function public.attendance_policy_versions(uuid) is
  'The site''s attendance policy versions, latest date first: knobs (the JSON save_attendance_policy takes), whether in force today or still to come, who saved it last and when. Everyone who reads the policy; 42501 otherwise.';
