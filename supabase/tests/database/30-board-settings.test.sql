-- board_settings (20261123200000): every member of the site reads the
-- wallboard settings, displays included; supervisors, managers and admins
-- create and change them; nobody deletes them from the API; the document
-- must be an object; every write is stamped with a live version and the
-- writer, and broadcast to the site's wall topic.
begin;
select plan(17);

-- tests.run_as comes from 00-test-helpers.
alter schema test_helpers rename to tests;

-- Like run_as, but the statement's effect stays (for a setup step).
create function tests.keep_as(actor uuid, statement text) returns void
language plpgsql as $$
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', json_build_object('sub', actor, 'role', 'authenticated')::text, true);
  execute statement;
  perform set_config('role', 'none', true);
end;
$$;

-- Seed users: agent01, lead1, supervisor, manager, admin, display.
\set agent '''a0000000-0000-4000-8000-000000000101'''
\set lead '''a0000000-0000-4000-8000-000000000011'''
\set supervisor '''a0000000-0000-4000-8000-000000000003'''
\set manager '''a0000000-0000-4000-8000-000000000002'''
\set admin '''a0000000-0000-4000-8000-000000000001'''
\set display '''a0000000-0000-4000-8000-000000000004'''

select is(tests.run_as(:display, $$select * from board_settings$$), 0::bigint, 'no settings row at first: the boards use defaults');

select throws_ok(
  format('select tests.run_as(%L, %L)', :display,
    $$insert into board_settings (site_id, settings) values ('5a000000-0000-4000-8000-000000000001', '{}')$$),
  '42501', null, 'a display cannot create the settings');
select throws_ok(
  format('select tests.run_as(%L, %L)', :agent,
    $$insert into board_settings (site_id, settings) values ('5a000000-0000-4000-8000-000000000001', '{}')$$),
  '42501', null, 'an agent cannot create the settings');
select throws_ok(
  format('select tests.run_as(%L, %L)', :lead,
    $$insert into board_settings (site_id, settings) values ('5a000000-0000-4000-8000-000000000001', '{}')$$),
  '42501', null, 'a team lead cannot create the settings');
select throws_ok(
  format('select tests.run_as(%L, %L)', null,
    $$insert into board_settings (site_id, settings) values ('5a000000-0000-4000-8000-000000000001', '{}')$$),
  '42501', null, 'anon cannot create the settings');
select throws_ok(
  format('select tests.run_as(%L, %L)', :supervisor,
    $$insert into board_settings (site_id, settings) values ('5a000000-0000-4000-8000-000000000001', '[1, 2]')$$),
  '23514', null, 'the settings document must be an object');

select lives_ok(
  format('select tests.keep_as(%L, %L)', :supervisor,
    $$insert into board_settings (site_id, settings)
      values ('5a000000-0000-4000-8000-000000000001', '{"quiet_reload_hour": 3}')$$),
  'a supervisor creates the settings');

select ok(
  (select version > 0 and updated_by = 'a0000000-0000-4000-8000-000000000003' from board_settings),
  'the row is stamped with a live version and the writer');
select is(
  (select count(*)::int from realtime.messages
   where topic = 'wall:5a000000-0000-4000-8000-000000000001' and event = 'board_settings'
     and payload -> 'record' -> 'settings' ->> 'quiet_reload_hour' = '3'),
  1, 'the new settings are broadcast to the wall topic');

select is(tests.run_as(:display, $$select * from board_settings$$), 1::bigint, 'a display reads the settings');
select is(tests.run_as(:agent, $$select * from board_settings$$), 1::bigint, 'an agent reads the settings');
select throws_ok(
  format('select tests.run_as(%L, %L)', null, $$select * from board_settings$$),
  '42501', null, 'anon may not read the settings at all');

select is(
  tests.run_as(:admin, $$update board_settings set settings = '{"quiet_reload_hour": 5}'$$), 1::bigint,
  'an admin changes the settings');
select is(
  tests.run_as(:manager, $$update board_settings set settings = '{"quiet_reload_hour": 5}'$$), 1::bigint,
  'a manager changes the settings');
select is(
  tests.run_as(:display, $$update board_settings set settings = '{"quiet_reload_hour": 5}'$$), 0::bigint,
  'a display changes nothing');
select throws_ok(
  format('select tests.run_as(%L, %L)', :admin, $$delete from board_settings$$),
  '42501', null, 'nobody deletes the settings from the API');

create table tests.before as select version from public.board_settings;
select tests.keep_as(:admin, $$update board_settings set settings = '{}'$$);
select ok(
  (select b.version > t.version from public.board_settings b, tests.before t),
  'every change takes a newer version');

select * from finish();
rollback;
