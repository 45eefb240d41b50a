-- Punches in (issue 12): an agent's one-tap web clock on /me and the shared
-- kiosk tablet at the entrance, where an agent types an employee number and
-- a PIN.
--
-- PINs are hashed with bcrypt (pgcrypto's crypt() with gen_salt('bf', 10),
-- the same scheme GoTrue uses for passwords; pgcrypto is in the `extensions`
-- schema on Supabase and in the single box's PGlite). They live in schema
-- app, which the API does not expose, in a table no API role may read: no
-- function returns a PIN or its hash. A four-digit PIN falls to an offline
-- search whatever the hash, so what protects it is that the hash never
-- leaves the database and that guessing online is rate-limited:
--   * an employee number with 5 wrong PINs within 15 minutes is locked until
--     15 minutes after the last of them (a correct PIN clears the count, and
--     so does a new PIN set by the agent or a supervisor);
--   * a kiosk with 20 wrong PINs within 10 minutes, whatever the numbers
--     typed, is paused until 10 minutes after the last of them.
-- A wrong PIN is answered with a result, not an error: an error would roll
-- back the failure being counted. An unknown employee number is answered
-- exactly like a wrong PIN, so the kiosk does not tell which numbers exist.
--
-- Device clocks: a kiosk that lost the network keeps punches and uploads
-- them later with the time its clock showed (device_time) and its clock's
-- reading at upload (device_now). device_now minus the server's now() is
-- the device clock's error (network delays of a few seconds are ignored);
-- the punch counts at device_time corrected by that error, both times are
-- kept (device_time, received_at), and the punch is flagged for review when
-- the clock was off by more than the policy's offline_allowance_s or the
-- punch waited offline longer than that.
--
-- A kiosk member reads nothing: app.is_site_member, which lets every member
-- read their site's names and live boards, leaves kiosks out. A kiosk's
-- only API is kiosk_site() and kiosk_punch().
--
-- Codes: CB075 the caller is not an agent of the site (web clock); CB076 a
-- PIN that is not 4–8 digits or is too easy to guess; CB077 device times
-- that cannot be true (after the upload, in the future, older than 7
-- days); CB078 a client id already used for another agent's punch; CB079 an
-- employee number or PIN that is no such thing (empty, too long).

-- ------------------------------------------------------------ kiosks read nothing

create or replace function app.is_site_member(target_site uuid) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.members m
    where m.user_id = (select auth.uid()) and m.site_id = target_site and m.role <> 'kiosk'
  )
$$;

-- ------------------------------------------------------------ PINs

create table app.agent_pins (
  agent_id uuid primary key references public.agents (id) on delete cascade,
  site_id uuid not null references public.sites (id) on delete cascade,
  pin_hash text not null constraint agent_pins_hash_is_bcrypt check (pin_hash ~ '^\$2[aby]\$\d\d\$'),
  set_by uuid,
  set_at timestamptz not null default now()
);
alter table app.agent_pins enable row level security;
revoke all on app.agent_pins from public, anon, authenticated, service_role;
comment on table app.agent_pins is
  'Kiosk PINs of agents, bcrypt-hashed; read only by the security-definer kiosk functions, never returned.';

-- Wrong PINs typed at kiosks, for the lockouts; a day is kept.
create table app.kiosk_pin_failures (
  id bigint generated always as identity primary key,
  site_id uuid not null references public.sites (id) on delete cascade,
  kiosk_user uuid not null,
  employee_no text not null,
  failed_at timestamptz not null default now()
);
alter table app.kiosk_pin_failures enable row level security;
revoke all on app.kiosk_pin_failures from public, anon, authenticated, service_role;
create index kiosk_pin_failures_employee_idx on app.kiosk_pin_failures (site_id, employee_no, failed_at);
create index kiosk_pin_failures_kiosk_idx on app.kiosk_pin_failures (kiosk_user, failed_at);

-- The limits, in one place for the functions and the tests.
create function app.kiosk_limits() returns table (
  employee_failures integer, employee_window interval, kiosk_failures integer, kiosk_window interval
)
language sql immutable
set search_path = ''
as $$
  select 5, interval '15 minutes', 20, interval '10 minutes'
$$;

-- Agents type the number their badge shows; spaces and letter case do not count.
create function app.employee_key(employee_no text) returns text
language sql immutable
set search_path = ''
as $$
  select upper(btrim(employee_no))
$$;

-- Set an agent's kiosk PIN: the agent their own, or the site's supervisors,
-- managers and admins anyone's (an agent who forgot it). Clears the number's
-- lockout.
create function public.set_agent_pin(agent_id uuid, pin text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  a public.agents;
begin
  select * into a from public.agents where id = set_agent_pin.agent_id;
  if not found or not (app.is_own_agent(a.id) or app.has_site_role(a.site_id, '{supervisor,manager,admin}')) then
    raise exception 'only the agent or a supervisor, manager or admin of the site sets a kiosk PIN' using errcode = '42501';
  end if;
  if pin is null or pin !~ '^[0-9]{4,8}$' then
    raise exception 'a kiosk PIN is 4 to 8 digits' using errcode = 'CB076';
  end if;
  -- All one digit, or a run up or down (1234, 9876): the first a stranger tries.
  if pin ~ '^(\d)\1*$' or strpos('01234567890', pin) > 0 or strpos('09876543210', pin) > 0 then
    raise exception 'this PIN is too easy to guess: not one digit repeated, not a run like 1234' using errcode = 'CB076';
  end if;
  insert into app.agent_pins (agent_id, site_id, pin_hash, set_by, set_at)
  values (a.id, a.site_id, extensions.crypt(pin, extensions.gen_salt('bf', 10)), (select auth.uid()), now())
  on conflict on constraint agent_pins_pkey do update
    set pin_hash = excluded.pin_hash, set_by = excluded.set_by, set_at = excluded.set_at;
  delete from app.kiosk_pin_failures f
  where f.site_id = a.site_id and f.employee_no = app.employee_key(a.employee_no);
end;
$$;

-- Whether the agents the caller may read have a PIN, and until when a
-- number is locked; never the PIN.
create function public.kiosk_pin_status(site_id uuid)
returns table (agent_id uuid, pin_set_at timestamptz, locked_until timestamptz)
language sql stable security definer
set search_path = ''
as $$
  select a.id, p.set_at,
    (select case when count(*) >= l.employee_failures then max(f.failed_at) + l.employee_window end
     from app.kiosk_pin_failures f
     where f.site_id = a.site_id and f.employee_no = app.employee_key(a.employee_no)
       and f.failed_at > now() - l.employee_window)
  from public.agents a
  cross join app.kiosk_limits() l
  left join app.agent_pins p on p.agent_id = a.id
  where a.site_id = kiosk_pin_status.site_id and app.can_read_attendance(a.id)
$$;

-- ------------------------------------------------------------ the punch's shift and day

-- The published shift a punch at `moment` counts for, by the engine's rule
-- (20261207110000_attendance_engine.sql): of the shifts whose window (check-in
-- window before the start to check-out window after the end, inclusive)
-- holds it, the nearest (0 inside the shift, else the distance to its start
-- or end); on a tie an `in` punch goes to the later shift, any other to the
-- earlier. What the punch does to the day is the engine's (attendance_days);
-- this only names the shift whose day to read back.
create function app.clock_shift_for(agent_id uuid, moment timestamptz, direction public.punch_direction default null)
returns table (shift_id uuid, work_date date, start_ts timestamptz, end_ts timestamptz, template_name text)
language sql stable security definer
set search_path = ''
as $$
  select sh.id, sh.day, sh.start_ts, sh.end_ts, t.name
  from public.schedule_shifts sh
  join public.schedules s on s.id = sh.schedule_id and s.status = 'published'
  left join public.shift_templates t on t.id = sh.template_id
  cross join lateral (
    select p.check_in_window_min, p.check_out_window_min
    from public.attendance_policies p
    where p.site_id = sh.site_id and p.effective_from <= sh.day
    order by p.effective_from desc
    limit 1
  ) pol
  where sh.agent_id = clock_shift_for.agent_id
    -- Shifts start on the punch's date give or take a day in any zone (the index is on agent and day).
    and sh.day between (moment at time zone 'UTC')::date - 2 and (moment at time zone 'UTC')::date + 1
    and moment >= sh.start_ts - make_interval(mins => pol.check_in_window_min)
    and moment <= sh.end_ts + make_interval(mins => pol.check_out_window_min)
  order by
    case when moment between sh.start_ts and sh.end_ts then 0
      else least(abs(extract(epoch from moment - sh.start_ts)), abs(extract(epoch from moment - sh.end_ts))) end,
    case when clock_shift_for.direction = 'in' then -extract(epoch from sh.start_ts) else extract(epoch from sh.start_ts) end
  limit 1
$$;

-- What a punch came to: the punch, the shift it counts for and that shift's
-- judged day (as the engine left it after the punch's own trigger), with
-- the engine's word on the arrival (its explanation's late / late_half_day /
-- late_absent / on_time entry and minutes: the app judges nothing).
-- `detailed` adds the deduction and explanation, which the agent's own clock
-- shows and a shared kiosk screen does not.
create function app.punch_outcome(punch_id uuid, duplicate boolean, detailed boolean) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'result', 'punched',
    'duplicate', duplicate,
    'punch', jsonb_build_object(
      'id', p.id, 'punched_at', p.punched_at, 'direction', p.direction, 'source', p.source,
      'device_time', p.device_time, 'received_at', p.received_at,
      'needs_review', p.needs_review, 'review_reason', p.review_reason),
    'agent', jsonb_build_object('name', a.display_name, 'employee_no', a.employee_no),
    'shift', case when s.shift_id is not null then jsonb_build_object(
      'id', s.shift_id, 'work_date', s.work_date, 'start_ts', s.start_ts, 'end_ts', s.end_ts, 'name', s.template_name) end,
    'day', case when d.id is not null then jsonb_build_object(
      'status', d.status, 'late_min', d.late_min, 'early_min', d.early_min, 'closed', d.closed_at is not null,
      'arrival', (
        select jsonb_build_object('code', e ->> 'code', 'minutes', (e -> 'params' ->> 'minutes')::integer)
        from jsonb_array_elements(d.explanation) e
        where e ->> 'code' in ('on_time', 'late', 'late_half_day', 'late_absent')
        limit 1))
      || case when detailed then jsonb_build_object(
        'id', d.id, 'tier', d.tier, 'deduction', d.deduction, 'explanation', d.explanation) else '{}'::jsonb end
    end
  )
  from public.punches p
  join public.agents a on a.id = p.agent_id
  left join lateral app.clock_shift_for(p.agent_id, p.punched_at, p.direction) s on true
  left join public.attendance_days d on d.agent_id = p.agent_id and d.shift_id = s.shift_id
  where p.id = punch_outcome.punch_id
$$;

-- ------------------------------------------------------------ web clock

-- The signed-in agent's punch, at the server's time. A second tap in the
-- same direction within a minute is the same punch (a double tap, a retry
-- after a lost answer), returned with duplicate = true.
create function public.clock_punch(direction public.punch_direction default null, site_id uuid default null)
returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  a public.agents;
  agents_found integer;
  earlier uuid;
  made uuid;
begin
  select count(*) into agents_found
  from public.agents x
  where x.user_id = (select auth.uid()) and x.active
    and (clock_punch.site_id is null or x.site_id = clock_punch.site_id)
    and app.has_site_role(x.site_id, '{agent}');
  if agents_found <> 1 then
    raise exception '%', case when agents_found = 0 then 'only an agent of the site clocks in here'
      else 'you are an agent at several sites: say which' end using errcode = 'CB075';
  end if;
  select x.* into a
  from public.agents x
  where x.user_id = (select auth.uid()) and x.active
    and (clock_punch.site_id is null or x.site_id = clock_punch.site_id)
    and app.has_site_role(x.site_id, '{agent}');

  select p.id into earlier
  from public.punches p
  where p.agent_id = a.id and p.source = 'web' and p.voided_at is null
    and p.direction is not distinct from clock_punch.direction
    and p.punched_at > now() - interval '1 minute' and p.punched_at <= now()
  order by p.punched_at desc
  limit 1;
  if earlier is not null then
    return app.punch_outcome(earlier, true, true);
  end if;

  perform app.require_month_open(a.site_id, app.site_today(a.site_id, now()), a.id, 'A punch on the web clock');
  insert into public.punches (site_id, agent_id, punched_at, direction, source, device_time, received_at)
  values (a.site_id, a.id, now(), clock_punch.direction, 'web', null, now())
  on conflict (agent_id, punched_at) where voided_at is null do nothing
  returning id into made;
  if made is null then
    select p.id into made from public.punches p where p.agent_id = a.id and p.punched_at = now() and p.voided_at is null;
    return app.punch_outcome(made, true, true);
  end if;
  return app.punch_outcome(made, false, true);
end;
$$;

-- ------------------------------------------------------------ kiosk

-- The kiosk's site: the one it is a kiosk member of (or the one named when
-- it is one at several). Refuses everyone else.
create function app.kiosk_site_of(site_id uuid) returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
declare
  sites uuid[];
begin
  select array_agg(m.site_id order by m.site_id) into sites
  from public.members m
  where m.user_id = (select auth.uid()) and m.role = 'kiosk'
    and (kiosk_site_of.site_id is null or m.site_id = kiosk_site_of.site_id);
  if coalesce(cardinality(sites), 0) = 0 then
    raise exception 'only a kiosk account takes punches by PIN' using errcode = '42501';
  end if;
  if cardinality(sites) > 1 then
    raise exception 'this kiosk account serves several sites: say which' using errcode = '42501';
  end if;
  return sites[1];
end;
$$;

-- What the kiosk screen needs of its site: the name over the keypad, the
-- zone its clock shows and the language it starts in.
create function public.kiosk_site(site_id uuid default null) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'site_id', s.id, 'name', s.name, 'time_zone', s.time_zone, 'locale', s.locale,
    'offline_allowance_s', (
      select p.offline_allowance_s from public.attendance_policies p
      where p.site_id = s.id and p.effective_from <= app.site_today(s.id, now())
      order by p.effective_from desc limit 1))
  from public.sites s
  where s.id = app.kiosk_site_of(kiosk_site.site_id)
$$;

-- A punch typed at a kiosk. Answers {result: punched | wrong_pin | locked |
-- kiosk_locked, ...}; see the header for the limits and the clock check.
create function public.kiosk_punch(
  employee_no text,
  pin text,
  device_time timestamptz default null,
  client_id uuid default null,
  device text default null,
  direction public.punch_direction default null,
  device_now timestamptz default null,
  site_id uuid default null
) returns jsonb
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  site uuid := app.kiosk_site_of(kiosk_punch.site_id);
  kiosk uuid := (select auth.uid());
  emp_key text := app.employee_key(employee_no);
  lim record;
  failures integer;
  last_failure timestamptz;
  a public.agents;
  stored_hash text;
  pin_ok boolean;
  allowance integer;
  skew interval := interval '0';
  counted timestamptz;
  waited interval;
  reasons text[] := '{}';
  existing public.punches;
  made uuid;
begin
  if coalesce(emp_key, '') = '' or length(emp_key) > 50 or pin is null or pin !~ '^[0-9]{1,16}$' then
    raise exception 'type an employee number and a PIN of digits' using errcode = 'CB079';
  end if;
  if device is not null and length(device) > 100 then
    raise exception 'a device name is at most 100 characters' using errcode = 'CB079';
  end if;
  select * into lim from app.kiosk_limits();
  -- Two tablets guessing the same number at once count one after the other.
  perform pg_advisory_xact_lock(hashtextextended('kiosk-pin:' || site || ':' || emp_key, 0));

  select count(*), max(f.failed_at) into failures, last_failure
  from app.kiosk_pin_failures f
  where f.kiosk_user = kiosk and f.failed_at > now() - lim.kiosk_window;
  if failures >= lim.kiosk_failures then
    return jsonb_build_object('result', 'kiosk_locked', 'until', last_failure + lim.kiosk_window);
  end if;
  select count(*), max(f.failed_at) into failures, last_failure
  from app.kiosk_pin_failures f
  where f.site_id = site and f.employee_no = emp_key and f.failed_at > now() - lim.employee_window;
  if failures >= lim.employee_failures then
    return jsonb_build_object('result', 'locked', 'until', last_failure + lim.employee_window);
  end if;

  select x.* into a from public.agents x
  where x.site_id = site and app.employee_key(x.employee_no) = emp_key and x.active;
  select p.pin_hash into stored_hash from app.agent_pins p where p.agent_id = a.id;
  -- An unknown number costs the same hashing as a known one, so timing does not tell them apart.
  pin_ok := coalesce(stored_hash, '$2a$10$abcdefghijklmnopqrstuu') = extensions.crypt(pin,
    coalesce(stored_hash, '$2a$10$abcdefghijklmnopqrstuu')) and stored_hash is not null;
  if not pin_ok then
    delete from app.kiosk_pin_failures f where f.failed_at < now() - interval '1 day';
    insert into app.kiosk_pin_failures (site_id, kiosk_user, employee_no) values (site, kiosk, emp_key);
    return jsonb_build_object('result', 'wrong_pin', 'attempts_left', greatest(lim.employee_failures - failures - 1, 0));
  end if;
  delete from app.kiosk_pin_failures f where f.site_id = site and f.employee_no = emp_key;

  if client_id is not null then
    select * into existing from public.punches p where p.id = client_id;
    if found then
      if existing.agent_id <> a.id then
        raise exception 'punch % was sent before for someone else', client_id using errcode = 'CB078';
      end if;
      return app.punch_outcome(existing.id, true, false);
    end if;
  end if;

  -- The device's clock against the server's: its error, then the moment the punch counts at.
  select p.offline_allowance_s into allowance from public.attendance_policies p
  where p.site_id = site and p.effective_from <= app.site_today(site, now())
  order by p.effective_from desc limit 1;
  if device_now is not null then
    if device_time is not null and device_time > device_now + interval '5 seconds' then
      raise exception 'the punch''s device time % is after the upload''s %', device_time, device_now using errcode = 'CB077';
    end if;
    skew := device_now - now();
    if abs(extract(epoch from skew)) <= 5 then
      skew := interval '0';
    end if;
  end if;
  counted := coalesce(device_time - skew, now());
  if counted > now() + interval '5 seconds' then
    raise exception 'a punch at % is in the future', counted using errcode = 'CB077';
  end if;
  if counted < now() - interval '7 days' then
    raise exception 'a punch from % is older than a week: a supervisor adds it by hand', counted using errcode = 'CB077';
  end if;
  counted := least(counted, now());
  waited := now() - counted;
  if abs(extract(epoch from skew)) > allowance then
    reasons := reasons || format('the device clock was off by %s s (allowed %s s)',
      round(extract(epoch from skew))::bigint, allowance);
  end if;
  if extract(epoch from waited) > allowance then
    reasons := reasons || format('sent %s s after it was made (allowed %s s offline)',
      round(extract(epoch from waited))::bigint, allowance);
  end if;
  if device_time is null or device_now is null then
    if device_time is not null and device_now is null and abs(extract(epoch from now() - device_time)) > allowance then
      reasons := reasons || format('the device time differs from the server''s by %s s (allowed %s s)',
        round(extract(epoch from now() - device_time))::bigint, allowance);
    end if;
  end if;

  perform app.require_month_open(site, app.site_today(site, counted), a.id, 'A punch at a kiosk');
  insert into public.punches (id, site_id, agent_id, punched_at, direction, source, device, device_time, received_at,
    needs_review, review_reason)
  values (coalesce(client_id, gen_random_uuid()), site, a.id, counted, kiosk_punch.direction, 'kiosk', kiosk_punch.device,
    device_time, now(), cardinality(reasons) > 0, nullif(array_to_string(reasons, '; '), ''))
  on conflict (agent_id, punched_at) where voided_at is null do nothing
  returning id into made;
  if made is null then
    select p.id into made from public.punches p where p.agent_id = a.id and p.punched_at = counted and p.voided_at is null;
    return app.punch_outcome(made, true, false);
  end if;
  return app.punch_outcome(made, false, false);
end;
$$;

revoke execute on function app.kiosk_limits(), app.employee_key(text),
  app.clock_shift_for(uuid, timestamptz, public.punch_direction),
  app.punch_outcome(uuid, boolean, boolean), app.kiosk_site_of(uuid)
  from public, anon, authenticated;
revoke execute on function public.set_agent_pin(uuid, text), public.kiosk_pin_status(uuid),
  public.clock_punch(public.punch_direction, uuid), public.kiosk_site(uuid),
  public.kiosk_punch(text, text, timestamptz, uuid, text, public.punch_direction, timestamptz, uuid)
  from public, anon;
grant execute on function public.set_agent_pin(uuid, text), public.kiosk_pin_status(uuid),
  public.clock_punch(public.punch_direction, uuid), public.kiosk_site(uuid),
  public.kiosk_punch(text, text, timestamptz, uuid, text, public.punch_direction, timestamptz, uuid)
  to authenticated;
