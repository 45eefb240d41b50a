-- board_settings (20261123200000): every member of the site reads the
-- wallboard settings, displays included; supervisors, managers and admins
-- create and change them; nobody deletes them from the API; the document
-- must be an object; every write is stamped with a live version and the
-- writer, and broadcast to the site's wall topic.
begin;
select plan(17);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- Actors (test-helpers.psql): agent01, team 1 (Hotline A) and lead1, leads team 1, then one of each other role.
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- Before anyone has saved settings.
insert into tests.cases (actor, statement, expected, description) values
  ('display', $$select * from board_settings$$, '0', 'no settings row at first: the boards use defaults'),
  ('display', $$insert into board_settings (site_id, settings) values ('5a000000-0000-4000-8000-000000000001', '{}')$$,
    '42501', 'a display cannot create the settings'),
  ('agent', $$insert into board_settings (site_id, settings) values ('5a000000-0000-4000-8000-000000000001', '{}')$$,
    '42501', 'an agent cannot create the settings'),
  ('lead', $$insert into board_settings (site_id, settings) values ('5a000000-0000-4000-8000-000000000001', '{}')$$,
    '42501', 'a team lead cannot create the settings'),
  ('anon', $$insert into board_settings (site_id, settings) values ('5a000000-0000-4000-8000-000000000001', '{}')$$,
    '42501', 'anon cannot create the settings'),
  ('supervisor', $$insert into board_settings (site_id, settings) values ('5a000000-0000-4000-8000-000000000001', '[1, 2]')$$,
    '23514', 'the settings document must be an object');
select * from tests.check_cases();

select lives_ok(
  format('select tests.keep_as(%L, %L)', tests.actor('supervisor'),
    $$insert into board_settings (site_id, settings)
      values ('5a000000-0000-4000-8000-000000000001', '{"quiet_reload_hour": 3}')$$),
  'a supervisor creates the settings');

select ok(
  (select version > 0 and updated_by = tests.actor('supervisor') from board_settings),
  'the row is stamped with a live version and the writer');
select is(
  (select count(*)::int from realtime.messages
   where topic = 'wall:5a000000-0000-4000-8000-000000000001' and event = 'board_settings'
     and payload -> 'record' -> 'settings' ->> 'quiet_reload_hour' = '3'),
  1, 'the new settings are broadcast to the wall topic');

-- Once they exist.
insert into tests.cases (actor, statement, expected, description) values
  ('display', $$select * from board_settings$$, '1', 'a display reads the settings'),
  ('agent', $$select * from board_settings$$, '1', 'an agent reads the settings'),
  ('anon', $$select * from board_settings$$, '42501', 'anon may not read the settings at all'),
  ('admin', $$update board_settings set settings = '{"quiet_reload_hour": 5}'$$, '1', 'an admin changes the settings'),
  ('manager', $$update board_settings set settings = '{"quiet_reload_hour": 5}'$$, '1', 'a manager changes the settings'),
  ('display', $$update board_settings set settings = '{"quiet_reload_hour": 5}'$$, '0', 'a display changes nothing'),
  ('admin', $$delete from board_settings$$, '42501', 'nobody deletes the settings from the API');
select * from tests.check_cases();

create table tests.before as select version from public.board_settings;
select tests.keep_as(tests.actor('admin'), $$update board_settings set settings = '{}'$$);
select ok(
  (select b.version > t.version from public.board_settings b, tests.before t),
  'every change takes a newer version');

select * from finish();
rollback;
