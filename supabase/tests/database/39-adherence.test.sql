-- Adherence (20261205600000): the scheduled activity against the actual
-- state at the boundaries — a late login exactly at the grace and a second
-- past it, a break's edges, a night shift 22:00–06:00 after midnight and a
-- logout after it, a stretch running across midnight, a rest day, an agent
-- with no shift in a published week and one whose team has no published
-- week —, the grace as a site policy, second-site isolation, and who may
-- call public.agent_adherence (every member of the site, displays included,
-- who still read nothing of schedules).
begin;
select plan(62);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- Demo agent n (ac…1nn); a state fact of it; a shift of it in the test week.
create function tests.agent(n integer) returns uuid language sql as $$
  select ('ac000000-0000-4000-8000-' || lpad((100 + n)::text, 12, '0'))::uuid
$$;
create sequence tests.event_no;
create function tests.state(n integer, state text, at timestamptz) returns void language sql as $$
  insert into public.agent_state_events (event_id, site_id, agent_id, state, occurred_at)
  values ('adh-' || nextval('tests.event_no'), '5a000000-0000-4000-8000-000000000001', tests.agent(n),
    state::public.agent_state, at)
$$;
create function tests.shift(n integer, day date, starts text, ends text, breaks text default '[]') returns void
language sql as $$
  insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at, breaks)
  values ('5a000000-0000-4000-8000-000000000001', '5c000000-0000-4000-8000-0000000000a1', tests.agent(n), day,
    starts::time, ends::time, breaks::jsonb)
$$;
-- One agent's adherence at a moment in short: activity, until (site time), state, in adherence, minutes out today.
create function tests.adh(n integer, moment timestamptz) returns text language sql as $$
  select format('%s %s %s %s %s', a.scheduled_activity,
    coalesce(to_char(a.scheduled_until at time zone 'Asia/Shanghai', 'MM-DD HH24:MI'), '-'),
    a.actual_state, coalesce(a.in_adherence::text, '-'), a.minutes_out_today)
  from app.adherence_at('5a000000-0000-4000-8000-000000000001', moment) a
  where a.agent_id = tests.agent(n)
$$;
create function tests.out_since(n integer, moment timestamptz) returns text language sql as $$
  select coalesce(to_char(a.out_since at time zone 'Asia/Shanghai', 'MM-DD HH24:MI:SS'), '-')
  from app.adherence_at('5a000000-0000-4000-8000-000000000001', moment) a
  where a.agent_id = tests.agent(n)
$$;

-- Hotline A's week of Monday 9 March 2026, published; Hotline B has no published week then.
insert into schedules (id, site_id, team_id, week_start, version)
values ('5c000000-0000-4000-8000-0000000000a1', '5a000000-0000-4000-8000-000000000001',
  '7e000000-0000-4000-8000-000000000001', '2026-03-09', 1);
-- agent 1: Tuesday 9:00–18:00, a paid break 11:00–11:15 and lunch 13:00–14:00.
select tests.shift(1, '2026-03-10', '09:00', '18:00',
  '[{"start_min": 120, "minutes": 15, "paid": true}, {"start_min": 240, "minutes": 60, "paid": false}]');
-- agent 2: Tuesday 9:00–18:00.
select tests.shift(2, '2026-03-10', '09:00', '18:00');
-- agent 3: nights Monday and Wednesday 22:00–06:00, lunch 02:00–02:30.
select tests.shift(3, '2026-03-09', '22:00', '06:00', '[{"start_min": 240, "minutes": 30, "paid": false}]');
select tests.shift(3, '2026-03-11', '22:00', '06:00', '[{"start_min": 240, "minutes": 30, "paid": false}]');
-- agent 4: rests on Tuesday, works Wednesday. agent 5: no shift all week.
select tests.shift(4, '2026-03-11', '09:00', '18:00');
update schedules set status = 'published' where id = '5c000000-0000-4000-8000-0000000000a1';

select tests.state(1, 'available', '2026-03-10 08:58+08');
select tests.state(1, 'break', '2026-03-10 10:58+08');
select tests.state(1, 'available', '2026-03-10 11:21+08');
select tests.state(1, 'lunch', '2026-03-10 13:00+08');
select tests.state(1, 'available', '2026-03-10 14:00+08');
select tests.state(2, 'available', '2026-03-10 09:06+08');
select tests.state(3, 'available', '2026-03-09 21:57+08');
select tests.state(3, 'lunch', '2026-03-10 02:00+08');
select tests.state(3, 'available', '2026-03-10 02:30+08');
select tests.state(3, 'offline', '2026-03-10 06:12+08');
select tests.state(3, 'available', '2026-03-10 23:30+08');
select tests.state(3, 'offline', '2026-03-11 00:10+08');
select tests.state(4, 'available', '2026-03-10 09:30+08');
select tests.state(11, 'available', '2026-03-10 09:00+08');

-- ------------------------------------------------------------ a day shift with a break and lunch
select is(tests.adh(1, '2026-03-10 08:59+08'), 'off 03-10 09:00 available true 0',
  'logged in a minute before the shift: off until 9:00, within the grace');
select is(tests.adh(1, '2026-03-10 10:00+08'), 'shift 03-10 11:00 available true 0',
  'on shift until the break at 11:00; the early login is not counted');
select is(tests.adh(1, '2026-03-10 10:59+08'), 'shift 03-10 11:00 break true 0',
  'on break a minute before the scheduled break: within the grace');
select is(tests.adh(1, '2026-03-10 11:14:59+08'), 'break 03-10 11:15 break true 0',
  'the last second of the scheduled break is a break');
select is(tests.adh(1, '2026-03-10 11:15+08'), 'shift 03-10 13:00 break true 0',
  'the break''s end is shift again, until lunch at 13:00');
select is(tests.adh(1, '2026-03-10 11:20+08'), 'shift 03-10 13:00 break true 0',
  'five minutes past the break''s end, exactly the grace: in adherence');
select is(tests.adh(1, '2026-03-10 11:20:01+08'), 'shift 03-10 13:00 break false 5',
  'a second past the grace: out of adherence, the whole stretch counts');
select is(tests.out_since(1, '2026-03-10 11:20:01+08'), '03-10 11:15:00', 'out since the break''s end');
select is(tests.out_since(1, '2026-03-10 11:20+08'), '-', 'not out while within the grace');
select is(tests.adh(1, '2026-03-10 12:00+08'), 'shift 03-10 13:00 available true 6',
  'back at 11:21: six minutes out today');
select is(tests.adh(1, '2026-03-10 13:30+08'), 'break 03-10 14:00 lunch true 6', 'lunch at its time: in adherence');
select is(tests.adh(1, '2026-03-10 18:30+08'), 'off - available false 36',
  'still logged in half an hour after the shift: out (6 + 30 minutes today), no next shift this week');

-- ------------------------------------------------------------ a late login, at the grace
select is(tests.adh(2, '2026-03-10 09:05+08'), 'shift 03-10 18:00 offline true 0',
  'not logged in five minutes into the shift, exactly the grace: in adherence');
select is(tests.adh(2, '2026-03-10 09:05:01+08'), 'shift 03-10 18:00 offline false 5',
  'a second later: out of adherence');
select is(tests.out_since(2, '2026-03-10 09:05:01+08'), '03-10 09:00:00', 'out since the shift began');
select is(tests.adh(2, '2026-03-10 09:10+08'), 'shift 03-10 18:00 available true 6',
  'logged in at 9:06: in adherence, six minutes out today');

-- ------------------------------------------------------------ a night shift across midnight
select is(tests.adh(3, '2026-03-09 23:00+08'), 'shift 03-10 02:00 available true 0',
  'the night shift on the evening it starts, until its lunch after midnight');
select is(tests.adh(3, '2026-03-10 01:00+08'), 'shift 03-10 02:00 available true 0',
  'after midnight the shift of the day before still holds');
select is(tests.adh(3, '2026-03-10 02:10+08'), 'break 03-10 02:30 lunch true 0', 'its lunch after midnight');
select is(tests.adh(3, '2026-03-10 06:05+08'), 'off 03-11 22:00 available true 0',
  'five minutes after the night shift ended, still logged in: exactly the grace');
select is(tests.adh(3, '2026-03-10 06:10+08'), 'off 03-11 22:00 available false 10',
  'ten minutes after: out of adherence, off until Wednesday night');
select is(tests.adh(3, '2026-03-10 07:00+08'), 'off 03-11 22:00 offline true 12', 'logged out at 6:12: twelve minutes');
select is(tests.adh(3, '2026-03-11 00:04+08'), 'off 03-11 22:00 available false 4',
  'logged in while off since 23:30: judged by the whole stretch, counted from midnight');
select is(tests.out_since(3, '2026-03-11 00:04+08'), '03-10 23:30:00', 'out since before midnight');

-- ------------------------------------------------------------ a rest day, no shift, no published week
select is(tests.adh(4, '2026-03-10 09:00+08'), 'off 03-11 09:00 offline true 0', 'a rest day: off until tomorrow''s shift');
select is(tests.adh(4, '2026-03-10 09:35+08'), 'off 03-11 09:00 available true 0',
  'logged in on the rest day for exactly the grace');
select is(tests.adh(4, '2026-03-10 09:40+08'), 'off 03-11 09:00 available false 10',
  'logged in on the rest day past the grace: out');
select is(tests.adh(5, '2026-03-10 10:00+08'), 'off - offline true 0',
  'no shift in a published week: off, and at home is in adherence');
select is(tests.adh(11, '2026-03-10 10:00+08'), 'unscheduled - available - 0',
  'a team with no published week: unscheduled, never judged');
select is(tests.adh(1, '2026-03-03 10:00+08'), 'unscheduled 03-10 09:00 offline - 0',
  'the week before the published one: unscheduled, with the next published shift');

-- ------------------------------------------------------------ the grace is the site's policy
update schedule_policies set adherence_grace_min = 10 where site_id = '5a000000-0000-4000-8000-000000000001';
select is(tests.adh(2, '2026-03-10 09:05:01+08'), 'shift 03-10 18:00 offline true 0',
  'with a grace of 10 minutes the late login is within it');
select is(tests.adh(2, '2026-03-10 09:10+08'), 'shift 03-10 18:00 available true 0',
  'and six minutes late counts nothing');
select throws_ok(
  $$update schedule_policies set adherence_grace_min = 61 where site_id = '5a000000-0000-4000-8000-000000000001'$$,
  '23514', null, 'a grace over an hour is refused');
select throws_ok(
  $$update schedule_policies set adherence_grace_min = -1 where site_id = '5a000000-0000-4000-8000-000000000001'$$,
  '23514', null, 'a negative grace is refused');
update schedule_policies set adherence_grace_min = 5 where site_id = '5a000000-0000-4000-8000-000000000001';

-- ------------------------------------------------------------ second site
select tests.add_second_site();
select tests.add_second_site_rows();
select is(
  (select count(*)::integer from app.adherence_at('5b000000-0000-4000-8000-000000000002', '2026-11-30 10:00+08')),
  1, 'site 2''s adherence has its own agent only');
select is(
  (select format('%s %s %s', a.scheduled_activity, a.in_adherence::text, a.minutes_out_today)
   from app.adherence_at('5b000000-0000-4000-8000-000000000002', '2026-11-30 10:00+08') a
   where a.agent_id = 'ab000000-0000-4000-8000-000000000201'),
  'shift false 60', 'site 2''s agent, not logged in an hour into its shift, is out for 60 minutes');
select is(
  (select count(*)::integer from app.adherence_at('5a000000-0000-4000-8000-000000000001', '2026-03-10 10:00+08')
   where agent_id = 'ab000000-0000-4000-8000-000000000201'),
  0, 'the demo site''s adherence has none of site 2''s agents');

-- ------------------------------------------------------------ who may call it
-- Columns: agent, lead, supervisor, manager, qa, analyst, admin, display, anon.
insert into tests.matrix (op, what, statement, expected) values
  ('select', 'the demo site''s adherence', $$select * from agent_adherence('5a000000-0000-4000-8000-000000000001')$$,
    '{40,40,40,40,40,40,40,40,42501}'),
  ('select', 'site 2''s adherence', $$select * from agent_adherence('5b000000-0000-4000-8000-000000000002')$$,
    '{42501,42501,42501,42501,42501,42501,42501,42501,42501}');
select * from tests.check_matrix();

insert into tests.actors (ord, name, id) values
  (10, 'site 2 supervisor', 'b0000000-0000-4000-8000-000000000203'),
  (11, 'site 2 display', 'b0000000-0000-4000-8000-000000000204');
insert into tests.cases (actor, statement, expected, description) values
  ('site 2 supervisor', $$select * from agent_adherence('5b000000-0000-4000-8000-000000000002')$$, '1',
    'site 2''s supervisor sees its one agent'),
  ('site 2 display', $$select * from agent_adherence('5b000000-0000-4000-8000-000000000002')$$, '1',
    'site 2''s display too'),
  ('site 2 supervisor', $$select * from agent_adherence('5a000000-0000-4000-8000-000000000001')$$, '42501',
    'site 2''s supervisor is refused the demo site''s'),
  ('display', $$select * from schedule_shifts$$, '0', 'the display that sees adherence still reads no shift'),
  ('display', $$select * from agent_adherence('5a000000-0000-4000-8000-000000000001') where scheduled_activity is null$$, '0',
    'every row says what is scheduled');
select * from tests.check_cases();

select is(
  tests.call_as('service_role', $$(select count(*) from public.agent_adherence('5a000000-0000-4000-8000-000000000001'))::text::jsonb$$),
  '40'::jsonb, 'the service role may read it (feeders and tools)');
select is(
  (select array_agg(p.parameter_name::text order by p.ordinal_position)
   from information_schema.parameters p
   join information_schema.routines r on r.specific_name = p.specific_name
   where r.routine_schema = 'public' and r.routine_name = 'agent_adherence' and p.parameter_mode = 'OUT'),
  array['agent_id', 'scheduled_activity', 'scheduled_until', 'actual_state', 'in_adherence', 'out_since', 'minutes_out_today'],
  'a board gets figures only: no shift, template or break details');

select * from finish();
rollback;
