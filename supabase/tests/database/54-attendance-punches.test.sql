-- Punches in (20261207140000): the web clock and the kiosk's times. A
-- second site's agent has a published shift that began 10 minutes before
-- the frozen now() (the start of the transaction); the site has a kiosk.
begin;
select plan(38);

\ir test-helpers.psql

select tests.add_second_site();
insert into auth.users (id, aud, role, email)
values ('b0000000-0000-4000-8000-000000000205', 'authenticated', 'authenticated', 'kiosk@site2.test');
insert into public.members (user_id, site_id, role)
values ('b0000000-0000-4000-8000-000000000205', '5b000000-0000-4000-8000-000000000002', 'kiosk');
insert into tests.actors (ord, name, id) values
  (1, 'agent', 'b0000000-0000-4000-8000-000000000201'),
  (2, 'supervisor', 'b0000000-0000-4000-8000-000000000203'),
  (3, 'kiosk', 'b0000000-0000-4000-8000-000000000205'),
  (4, 'manager', 'b0000000-0000-4000-8000-000000000202'),
  (5, 'anon', null);
select tests.keep_as(tests.actor('agent'), $$select public.set_agent_pin('ab000000-0000-4000-8000-000000000201', '7391')$$);

-- The demo site's punches (the seed's month of them) are left alone: every
-- count and change below is of the second site's.

-- The shift: 8 hours from 10 minutes before now, on the site's clock.
create table tests.shift as
select date_trunc('minute', now() at time zone 'Asia/Shanghai') - interval '10 minutes' as local_start;
insert into public.schedules (id, site_id, team_id, week_start, version)
select '5cb00000-0000-4000-8000-000000000202', '5b000000-0000-4000-8000-000000000002',
  '7b000000-0000-4000-8000-000000000021', local_start::date - (extract(isodow from local_start)::integer - 1), 1
from tests.shift;
insert into public.schedule_shifts (id, site_id, schedule_id, agent_id, day, starts_at, ends_at)
select '5cc00000-0000-4000-8000-000000000201', '5b000000-0000-4000-8000-000000000002', '5cb00000-0000-4000-8000-000000000202',
  'ab000000-0000-4000-8000-000000000201', local_start::date, local_start::time, (local_start + interval '8 hours')::time
from tests.shift;
update public.schedules set status = 'published' where id = '5cb00000-0000-4000-8000-000000000202';
-- Whatever day the tests run on (a weekend, a holiday), the shift is judged.
update public.attendance_policies set judge_rest_days = true, judge_holidays = true
where site_id = '5b000000-0000-4000-8000-000000000002';

create function tests.rpc_as(actor uuid, call text) returns jsonb
language plpgsql as $$
declare
  result jsonb;
begin
  perform tests.become(actor);
  execute format('select %s', call) into result;
  perform set_config('role', 'none', true);
  return result;
end;
$$;

-- A kiosk upload: the punch's device time and the device's clock at upload, as seconds from now().
create function tests.upload(made_s integer, device_now_s integer, client uuid default null, pin text default '7391')
returns jsonb
language sql as $$
  select tests.rpc_as('b0000000-0000-4000-8000-000000000205', format(
    'public.kiosk_punch(employee_no => %L, pin => %L, device_time => %L, device_now => %L, client_id => %L, device => %L, direction => %L)',
    'S2-001', pin, now() + make_interval(secs => made_s), now() + make_interval(secs => device_now_s), client,
    'entrance tablet', 'in'))
$$;

-- ------------------------------------------------------------ web clock

select is(tests.outcome(tests.actor('anon'), 'select public.clock_punch()'), 'error 42501', 'signed out, no clock');
select is(tests.outcome(tests.actor('supervisor'), 'select public.clock_punch()'), 'error CB075',
  'a supervisor without an agent record has no clock');

create table tests.web as select tests.rpc_as(tests.actor('agent'), $$public.clock_punch('in')$$) as r;
select is((select r ->> 'result' from tests.web), 'punched', 'the agent clocks in');
select is((select (r -> 'punch' ->> 'punched_at')::timestamptz from tests.web), now(), 'at the server''s time');
select is((select r -> 'punch' ->> 'source' from tests.web), 'web', 'from the web');
select is((select r -> 'punch' ->> 'device_time' from tests.web), null, 'with no device time');
select is((select r -> 'shift' ->> 'id' from tests.web), '5cc00000-0000-4000-8000-000000000201',
  'counted for the shift that began 10 minutes ago');
select is((select r ->> 'duplicate' from tests.web), 'false', 'a new punch');
select is((select r -> 'day' -> 'arrival' from tests.web), '{"code": "late", "minutes": 10}'::jsonb,
  'the engine judged the day at once: 10 minutes late (read back, not judged here)');
select is((select r -> 'day' ->> 'status' from tests.web), 'open', 'the day stays open until its window has passed');
select ok((select r -> 'day' ? 'deduction' and r -> 'day' ? 'explanation' from tests.web),
  'the agent''s own clock shows the deduction and the explanation');
select is((select (received_at, created_by, direction::text) from punches where site_id = '5b000000-0000-4000-8000-000000000002' and source = 'web'),
  (now(), 'b0000000-0000-4000-8000-000000000201'::uuid, 'in'::text), 'stored with its receipt time, author and direction');

select is(tests.rpc_as(tests.actor('agent'), $$public.clock_punch('in')$$) ->> 'duplicate', 'true',
  'a second tap within a minute is the same punch');
select is((select count(*)::int from punches where agent_id = 'ab000000-0000-4000-8000-000000000201'), 1, 'one row');
update punches set punched_at = punched_at - interval '61 seconds' where site_id = '5b000000-0000-4000-8000-000000000002' and source = 'web';
select is(tests.rpc_as(tests.actor('agent'), $$public.clock_punch('in')$$) ->> 'duplicate', 'false',
  'a minute later it is a new punch');
delete from punches where site_id = '5b000000-0000-4000-8000-000000000002';

-- ------------------------------------------------------------ kiosk times

select is(tests.outcome(tests.actor('agent'), 'select * from public.kiosk_site()'), 'error 42501',
  'an agent is no kiosk');
create table tests.on_time as select tests.upload(-180, 0) as r;
select is((select (punched_at, device_time, received_at, needs_review, source::text, device)
   from punches where id = ((select r from tests.on_time) -> 'punch' ->> 'id')::uuid),
  (now() - interval '3 minutes', now() - interval '3 minutes', now(), false, 'kiosk'::text, 'entrance tablet'::text),
  'a punch queued 3 minutes counts at its device time, keeps it and the receipt time, and is not flagged');
select is((select r -> 'agent' ->> 'name' from tests.on_time), 'Site 2 agent', 'the kiosk shows whose punch it was');
select is((select r -> 'shift' ->> 'id' from tests.on_time), '5cc00000-0000-4000-8000-000000000201', 'and the shift');
select is((select r -> 'day' -> 'arrival' from tests.on_time), '{"code": "late", "minutes": 7}'::jsonb,
  'and the engine''s word on the arrival at the device time: 7 minutes late');

create table tests.noisy as select tests.upload(-60, 3) as r;
select is((select punched_at from punches where id = ((select r from tests.noisy) -> 'punch' ->> 'id')::uuid),
  now() - interval '60 seconds', 'a clock 3 s ahead is network noise: the device time counts as it is');

create table tests.late_upload as select tests.upload(-1200, 0) as r;
select is((select (punched_at, needs_review) from punches where id = ((select r from tests.late_upload) -> 'punch' ->> 'id')::uuid),
  (now() - interval '20 minutes', true), 'a punch sent 20 minutes after it was made keeps its time and is flagged');
select is((select r -> 'punch' ->> 'review_reason' from tests.late_upload),
  'sent 1200 s after it was made (allowed 600 s offline)', 'with the reason');

create table tests.skewed as select tests.upload(1750, 1800) as r;
select is((select (punched_at, device_time, needs_review) from punches
   where id = ((select r from tests.skewed) -> 'punch' ->> 'id')::uuid),
  (now() - interval '50 seconds', now() + interval '1750 seconds', true),
  'a clock 30 minutes fast: the punch counts at the corrected time, the device''s own is kept, and it is flagged');
select is((select r -> 'punch' ->> 'review_reason' from tests.skewed),
  'the device clock was off by 1800 s (allowed 600 s)', 'with the clock''s error as the reason');

update attendance_policies set offline_allowance_s = 1800 where site_id = '5b000000-0000-4000-8000-000000000002';
select is((tests.upload(-1500, 0) -> 'punch' ->> 'needs_review'), 'false', 'the allowance is the site policy''s');
update attendance_policies set offline_allowance_s = 600 where site_id = '5b000000-0000-4000-8000-000000000002';

select throws_ok($$select tests.upload(120, 60)$$, 'CB077', null, 'a punch made after its upload is refused');
select throws_ok($$select tests.upload(3600, 0)$$, 'CB077', null, 'so is one in the future');
select throws_ok($$select tests.upload(-8 * 86400, 0)$$, 'CB077', null, 'and one older than a week');

-- ------------------------------------------------------------ sent twice

delete from punches where site_id = '5b000000-0000-4000-8000-000000000002';
select is(tests.upload(-300, 0, 'c1000000-0000-4000-8000-000000000001') ->> 'duplicate', 'false', 'a queued punch is sent');
select is(tests.upload(-300, 0, 'c1000000-0000-4000-8000-000000000001') ->> 'duplicate', 'true',
  'sent again (the answer was lost), it is the same punch');
select is((select count(*)::int from punches where site_id = '5b000000-0000-4000-8000-000000000002'), 1, 'stored once');
select is((select id from punches where site_id = '5b000000-0000-4000-8000-000000000002'), 'c1000000-0000-4000-8000-000000000001'::uuid, 'under the kiosk''s own id');
select is(tests.upload(-300, 3, 'c1000000-0000-4000-8000-000000000002') ->> 'duplicate', 'true',
  'the same instant under another id is the same punch too');
insert into public.agents (id, site_id, team_id, display_name, employee_no)
values ('ab000000-0000-4000-8000-000000000203', '5b000000-0000-4000-8000-000000000002',
  '7b000000-0000-4000-8000-000000000021', 'Site 2 third', 'S2-003');
select tests.keep_as(tests.actor('supervisor'), $$select public.set_agent_pin('ab000000-0000-4000-8000-000000000203', '5820')$$);
select throws_ok(format($$select tests.rpc_as(%L, %L)$$, 'b0000000-0000-4000-8000-000000000205',
  $c$public.kiosk_punch('S2-003', '5820', now(), 'c1000000-0000-4000-8000-000000000001')$c$),
  'CB078', null, 'an id already used for someone else''s punch is refused');
select is(tests.outcome(tests.actor('kiosk'),
  $$select public.kiosk_punch('S2-003', '5820', device_time => now(), device => repeat('x', 101))$$), 'error CB079',
  'a device name is at most 100 characters');

-- ------------------------------------------------------------ a locked month

insert into attendance_month_locks (site_id, month)
values ('5b000000-0000-4000-8000-000000000002', date_trunc('month', now() at time zone 'Asia/Shanghai')::date);
select throws_ok($$select tests.upload(-60, 0)$$, 'CB070', null, 'a kiosk cannot punch into a locked month');
select is(tests.outcome(tests.actor('agent'), $$select public.clock_punch('out')$$), 'error CB070',
  'nor can the web clock');

select * from finish();
rollback;
