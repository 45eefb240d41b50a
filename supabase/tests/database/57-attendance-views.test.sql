-- Attendance screens (20261207160000): who may join `attendance:<site_id>`
-- (the site's leads, supervisors, managers and admins; not its agents,
-- displays, kiosks, QA or analysts, nor another site's staff; nobody
-- publishes presence there), what a change of judged days sends there (one
-- message per site and date per transaction, dates only, nothing for a
-- re-judge that changed nothing), and public.attendance_today: where each
-- agent stands at a frozen moment, at the grace and half-day boundaries, a
-- night shift from yesterday, leave and an outing, and who may call it.
begin;
select plan(52);

\ir test-helpers.psql

select tests.add_second_site();
select tests.add_qa_and_analyst();
-- A kiosk tablet of site 1.
insert into auth.users (id, aud, role, email)
values ('b0000000-0000-4000-8000-000000000007', 'authenticated', 'authenticated', 'kiosk@test.local');
insert into public.members (user_id, site_id, role)
values ('b0000000-0000-4000-8000-000000000007', '5a000000-0000-4000-8000-000000000001', 'kiosk');

insert into tests.actors (ord, name, id) values
  (1, 'supervisor', 'a0000000-0000-4000-8000-000000000003'),
  (2, 'manager', 'a0000000-0000-4000-8000-000000000002'),
  (3, 'admin', 'a0000000-0000-4000-8000-000000000001'),
  (4, 'lead1', 'a0000000-0000-4000-8000-000000000011'),
  (5, 'lead2', 'a0000000-0000-4000-8000-000000000012'),
  (6, 'agent01', 'a0000000-0000-4000-8000-000000000101'),
  (7, 'display', 'a0000000-0000-4000-8000-000000000004'),
  (8, 'kiosk', 'b0000000-0000-4000-8000-000000000007'),
  (9, 'qa', 'b0000000-0000-4000-8000-000000000005'),
  (10, 'analyst', 'b0000000-0000-4000-8000-000000000006'),
  (11, 'supervisor of site 2', 'b0000000-0000-4000-8000-000000000203'),
  (12, 'agent of site 2', 'b0000000-0000-4000-8000-000000000201'),
  (13, 'anon', null);

-- ------------------------------------------------------------ the topic
create function tests.check_topic(topic text, actor uuid, statement text, expected text, description text) returns text
language sql as $$
  select set_config('realtime.topic', topic, true);
  select tests.check(actor, statement, expected, description);
$$;
insert into realtime.messages (topic, extension, event, payload, private) values
  ('attendance:5a000000-0000-4000-8000-000000000001', 'broadcast', 'test-message', '{}', true),
  ('attendance:5b000000-0000-4000-8000-000000000002', 'broadcast', 'test-message', '{}', true),
  ('attendance:7e000000-0000-4000-8000-000000000001', 'broadcast', 'test-message', '{}', true);

select tests.check_topic(r.topic, a.id, c.statement, r.expected, format('%s: %s %s', a.name, r.verb, r.topic_name))
from (values
  (1, 'attendance:5a000000-0000-4000-8000-000000000001', 'attendance:<site 1>', 'receive', 'receives',
    '{supervisor, manager, admin, lead1, lead2}', '1'),
  (2, 'attendance:5a000000-0000-4000-8000-000000000001', 'attendance:<site 1>', 'receive', 'cannot receive',
    '{agent01, display, kiosk, qa, analyst, supervisor of site 2, agent of site 2, anon}', '0'),
  (3, 'attendance:5b000000-0000-4000-8000-000000000002', 'attendance:<site 2>', 'receive', 'receives',
    '{supervisor of site 2}', '1'),
  (4, 'attendance:5b000000-0000-4000-8000-000000000002', 'attendance:<site 2>', 'receive', 'cannot receive',
    '{supervisor, admin, agent of site 2}', '0'),
  -- a team's id is not a site: nothing
  (5, 'attendance:7e000000-0000-4000-8000-000000000001', 'attendance:<team 1>', 'receive', 'cannot receive',
    '{admin, lead1}', '0'),
  (6, 'attendance:5a000000-0000-4000-8000-000000000001', 'attendance:<site 1>', 'presence', 'cannot publish presence on',
    '{supervisor, admin}', '42501'),
  (7, 'attendance:5a000000-0000-4000-8000-000000000001', 'attendance:<site 1>', 'broadcast', 'cannot broadcast on',
    '{supervisor, admin}', '42501')
) as r (ord, topic, topic_name, op, verb, actors, expected)
cross join lateral unnest(r.actors::text[]) with ordinality as u (actor, actor_ord)
join tests.actors a on a.name = u.actor
cross join lateral (
  select case r.op
    when 'receive' then format('select * from realtime.messages where topic = %L and event = %L', r.topic, 'test-message')
    when 'presence' then format($$insert into realtime.messages (topic, extension, event, payload, private)
      values (%L, 'presence', 'presence', '{}', true)$$, r.topic)
    else format($$insert into realtime.messages (topic, extension, event, payload, private)
      values (%L, 'broadcast', 'forged', '{}', true)$$, r.topic)
  end as statement
) as c
order by r.ord, u.actor_ord;
-- 5 + 8 + 1 + 3 + 2 + 2 + 2 = 23

-- ------------------------------------------------------------ fixtures
create function tests.agent(n integer) returns uuid language sql as $$
  select ('ac000000-0000-4000-8000-' || lpad((100 + n)::text, 12, '0'))::uuid
$$;
-- Hotline A's week of Monday 9 March 2026, published: agents 1, 2, 3, 5, 6
-- work Tuesday 9:00–18:00; agent 7 works Monday night 22:00–06:00; agent 4
-- is on leave on Tuesday (no shift).
insert into public.schedules (id, site_id, team_id, week_start, version)
values ('5c000000-0000-4000-8000-0000000000f1', '5a000000-0000-4000-8000-000000000001',
  '7e000000-0000-4000-8000-000000000001', '2026-03-09', 1);
insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
select '5a000000-0000-4000-8000-000000000001', '5c000000-0000-4000-8000-0000000000f1', tests.agent(n),
  case when n = 7 then date '2026-03-09' else date '2026-03-10' end,
  case when n = 7 then time '22:00' else time '09:00' end,
  case when n = 7 then time '06:00' else time '18:00' end
from unnest('{1,2,3,5,6,7}'::integer[]) n;
update public.schedules set status = 'published', published_at = '2026-03-01 10:00+08'
where id = '5c000000-0000-4000-8000-0000000000f1';
insert into public.approved_leave (site_id, agent_id, starts_on, ends_on, kind)
values ('5a000000-0000-4000-8000-000000000001', tests.agent(4), '2026-03-10', '2026-03-10', 'annual');
insert into public.attendance_requests (site_id, agent_id, kind, starts_at, ends_at, status)
values ('5a000000-0000-4000-8000-000000000001', tests.agent(5), 'outing', '2026-03-10 13:00+08', '2026-03-10 16:00+08',
  'approved');

-- The judged days as this file sets them (whatever the engine made of the fixtures goes first).
delete from public.attendance_days where site_id = '5a000000-0000-4000-8000-000000000001'
  and work_date between '2026-03-09' and '2026-03-15';
create function tests.shift_of(n integer) returns public.schedule_shifts language sql as $$
  select * from public.schedule_shifts where schedule_id = '5c000000-0000-4000-8000-0000000000f1' and agent_id = tests.agent(n)
$$;
create function tests.judged(n integer, status text, first_in text, last_out text, late integer, early integer)
returns void language sql as $$
  insert into public.attendance_days (site_id, agent_id, work_date, shift_id, shift_start, shift_end, first_in, last_out,
    late_min, early_min, status)
  select '5a000000-0000-4000-8000-000000000001', tests.agent(n), s.day, s.id, s.start_ts, s.end_ts,
    (s.day::text || ' ' || first_in || '+08')::timestamptz, (s.day::text || ' ' || last_out || '+08')::timestamptz,
    late, early, status::public.attendance_status
  from tests.shift_of(n) s
$$;
select tests.judged(1, 'open', '09:05:59', null, 5, 0);    -- exactly at the grace: not late
select tests.judged(2, 'open', '09:06:00', null, 6, 0);    -- a minute past it
select tests.judged(3, 'open', null, null, 0, 0);          -- not in yet
select tests.judged(6, 'open', '08:55', '17:30', 0, 30);   -- left half an hour early
select tests.judged(7, 'open', '22:03', null, 3, 0);       -- the night shift, in since Monday 22:03

-- Where each agent stands at a moment, as the supervisor sees it: agent → "state minutes".
create function tests.stand(moment timestamptz) returns text language plpgsql as $$
declare
  result text;
begin
  perform tests.become('a0000000-0000-4000-8000-000000000003');
  select string_agg(format('%s:%s %s', right(t.agent_id::text, 2), t.state, coalesce(t.minutes::text, '-')), ', '
    order by t.agent_id)
  into result
  from public.attendance_today('5a000000-0000-4000-8000-000000000001', moment) t;
  perform set_config('role', 'none', true);
  return result;
end;
$$;

-- ------------------------------------------------------------ today
select is(tests.stand('2026-03-10 09:05:59+08'),
  '01:in -, 02:late 6, 03:due -, 04:leave -, 05:due -, 06:left 30',
  '09:05:59: on time at the grace, late a minute past it, not in yet within the grace, on leave, left early');
select is(tests.stand('2026-03-10 09:06:00+08'),
  '01:in -, 02:late 6, 03:overdue 6, 04:leave -, 05:overdue 6, 06:left 30',
  '09:06: not in a minute past the grace is overdue, with the minutes so far');
select is(tests.stand('2026-03-10 11:00:59+08'),
  '01:in -, 02:late 6, 03:overdue 120, 04:leave -, 05:overdue 120, 06:left 30',
  '11:00:59: still overdue at the half-day tier''s last minute');
select is(tests.stand('2026-03-10 11:01:00+08'),
  '01:in -, 02:late 6, 03:absent -, 04:leave -, 05:absent -, 06:left 30',
  '11:01: absent so far past it');
select is(tests.stand('2026-03-10 13:30+08'),
  '01:in -, 02:late 6, 03:absent -, 04:leave -, 05:outing -, 06:left 30',
  'agent05 is out on an approved outing while it lasts');
select is(tests.stand('2026-03-10 01:00+08'),
  '01:in -, 02:late 6, 03:due -, 04:leave -, 05:due -, 06:left 30, 07:in -',
  'at 01:00 the night shift that began yesterday is on the board beside today''s shifts');
select is(
  (select work_date::text from public.attendance_today('5a000000-0000-4000-8000-000000000001', '2026-03-10 01:00+08') t
   where t.agent_id = tests.agent(7)),
  '2026-03-09', 'the night shift counts for the day it began');
select is(tests.stand('2026-03-10 06:30+08'),
  '01:in -, 02:late 6, 03:due -, 04:leave -, 05:due -, 06:left 30',
  'once it has ended it is yesterday''s');
select is(tests.stand('2026-03-11 10:00+08'), null, 'Wednesday: nobody of Hotline A is due');

-- A judged absence stays absence; the engine's own minutes are shown for a late arrival.
update public.attendance_days set status = 'absent' where agent_id = tests.agent(3) and work_date = '2026-03-10';
select is(
  (select state from public.attendance_today('5a000000-0000-4000-8000-000000000001', '2026-03-10 09:00+08') t
   where t.agent_id = tests.agent(3)),
  'absent', 'a day the engine judged absent is absent');

-- The board's other columns.
select is(
  (select format('%s|%s|%s|%s', t.display_name, t.team_name, t.status, to_char(t.first_in at time zone 'Asia/Shanghai', 'HH24:MI:SS'))
   from public.attendance_today('5a000000-0000-4000-8000-000000000001', '2026-03-10 10:00+08') t
   where t.agent_id = tests.agent(2)),
  (select format('%s|%s|open|09:06:00', a.display_name, tm.name) from public.agents a join public.teams tm on tm.id = a.team_id
   where a.id = tests.agent(2)),
  'each row names the agent, the team, the judged status and the first punch');

-- Who may call it, and what each sees.
insert into tests.cases (actor, statement, expected, description) values
  ('supervisor', $$select * from public.attendance_today('5a000000-0000-4000-8000-000000000001', '2026-03-10 10:00+08')$$,
    '6', 'the supervisor sees every agent due today'),
  ('manager', $$select * from public.attendance_today('5a000000-0000-4000-8000-000000000001', '2026-03-10 10:00+08')$$,
    '6', 'so does the manager'),
  ('lead1', $$select * from public.attendance_today('5a000000-0000-4000-8000-000000000001', '2026-03-10 10:00+08')$$,
    '6', 'lead1 sees their team'),
  ('lead2', $$select * from public.attendance_today('5a000000-0000-4000-8000-000000000001', '2026-03-10 10:00+08')$$,
    '0', 'lead2 sees nobody of Hotline A'),
  ('agent01', $$select * from public.attendance_today('5a000000-0000-4000-8000-000000000001')$$,
    '42501', 'an agent may not call it'),
  ('display', $$select * from public.attendance_today('5a000000-0000-4000-8000-000000000001')$$,
    '42501', 'nor a display'),
  ('kiosk', $$select * from public.attendance_today('5a000000-0000-4000-8000-000000000001')$$,
    '42501', 'nor a kiosk'),
  ('analyst', $$select * from public.attendance_today('5a000000-0000-4000-8000-000000000001')$$,
    '42501', 'nor an analyst'),
  ('supervisor of site 2', $$select * from public.attendance_today('5a000000-0000-4000-8000-000000000001')$$,
    '42501', 'nor another site''s supervisor'),
  ('anon', $$select * from public.attendance_today('5a000000-0000-4000-8000-000000000001')$$,
    '42501', 'nor anon');
select * from tests.check_cases();

-- ------------------------------------------------------------ broadcasts
create table tests.seen (id uuid primary key);
create function tests.mark() returns void language sql as $$
  insert into tests.seen select id from realtime.messages on conflict do nothing;
  -- A new transaction as far as the once-per-transaction memory goes.
  select set_config('callboard.attendance_sent_' || replace(s::text, '-', ''), '', true)
  from unnest('{5a000000-0000-4000-8000-000000000001,5b000000-0000-4000-8000-000000000002}'::uuid[]) s;
$$;
create function tests.sent() returns text language sql as $$
  select coalesce(string_agg(format('%s %s', m.topic, m.payload ->> 'work_dates'), '; ' order by m.topic, m.payload ->> 'work_dates'), '')
  from realtime.messages m
  where m.event = 'attendance_changed' and m.id not in (select id from tests.seen)
$$;

select tests.mark();
select tests.judged(5, 'open', '09:20', null, 20, 0);
select is(tests.sent(), 'attendance:5a000000-0000-4000-8000-000000000001 ["2026-03-10"]',
  'a judged day sends the site and its date to the site''s attendance topic');
select is(
  (select m.payload - 'id' from realtime.messages m where m.event = 'attendance_changed' and m.id not in (select id from tests.seen)),
  '{"site_id": "5a000000-0000-4000-8000-000000000001", "work_dates": ["2026-03-10"]}'::jsonb,
  'and nothing else (beside the message id): no agent, no status, no time');
update public.attendance_days set late_min = 4 where agent_id = tests.agent(7) and work_date = '2026-03-09';
update public.attendance_days set late_min = 21 where agent_id = tests.agent(5) and work_date = '2026-03-10';
select is(tests.sent(), 'attendance:5a000000-0000-4000-8000-000000000001 ["2026-03-09"]; attendance:5a000000-0000-4000-8000-000000000001 ["2026-03-10"]',
  'within one transaction a date is sent once; a new date is sent');

select tests.mark();
update public.attendance_days set judged_at = judged_at + interval '1 minute' where site_id = '5a000000-0000-4000-8000-000000000001';
select is(tests.sent(), '', 'a re-judge that changed nothing but judged_at sends nothing');
update public.attendance_days set status = 'late' where agent_id = tests.agent(5) and work_date = '2026-03-10';
select is(tests.sent(), 'attendance:5a000000-0000-4000-8000-000000000001 ["2026-03-10"]', 'a changed status is sent');

select tests.mark();
update public.attendance_days set work_date = '2026-03-11' where agent_id = tests.agent(6) and work_date = '2026-03-10';
select is(tests.sent(), 'attendance:5a000000-0000-4000-8000-000000000001 ["2026-03-10", "2026-03-11"]',
  'a day moved to another date tells both dates');

select tests.mark();
delete from public.attendance_days where agent_id = tests.agent(1) and work_date = '2026-03-10';
select is(tests.sent(), 'attendance:5a000000-0000-4000-8000-000000000001 ["2026-03-10"]', 'a day removed is sent');

select tests.mark();
insert into public.attendance_days (site_id, agent_id, work_date, status)
values ('5b000000-0000-4000-8000-000000000002', 'ab000000-0000-4000-8000-000000000201', '2026-03-10', 'rest');
select is(tests.sent(), 'attendance:5b000000-0000-4000-8000-000000000002 ["2026-03-10"]',
  'a day of site 2 goes to site 2''s topic only');

select * from finish();
rollback;
