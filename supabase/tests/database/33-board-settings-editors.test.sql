-- Who may edit board settings, written once (20261204500000): the helper
-- app.can_edit_board_settings answers per role; both board_settings write
-- policies ask it and name no role themselves; the settings page's RPC
-- board_settings_editable_sites() lists exactly the sites where it says yes,
-- and a second site's supervisor gets only their own.
begin;
select plan(22);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');
select tests.add_second_site();

-- The helper, per actor, at the demo site.
select is(
  tests.outcome(a.id, $$select 1 where app.can_edit_board_settings('5a000000-0000-4000-8000-000000000001')$$),
  case when a.name in ('supervisor', 'manager', 'admin') then '1'
       when a.name = 'anon' then 'error 42501'
       else '0' end,
  format('%s: can_edit_board_settings is %s', a.name,
    case when a.name in ('supervisor', 'manager', 'admin') then 'true'
         when a.name = 'anon' then 'not callable' else 'false' end))
from tests.actors a order by a.ord;

-- The RPC the settings page reads, per actor: one site for the editors, none for the rest.
select is(
  tests.outcome(a.id, $$select * from public.board_settings_editable_sites()$$),
  case when a.name in ('supervisor', 'manager', 'admin') then '1'
       when a.name = 'anon' then 'error 42501'
       else '0' end,
  format('%s: board_settings_editable_sites lists %s', a.name,
    case when a.name in ('supervisor', 'manager', 'admin') then 'the demo site'
         when a.name = 'anon' then 'nothing (refused)' else 'no site' end))
from tests.actors a order by a.ord;

select is(
  tests.outcome('b0000000-0000-4000-8000-000000000203',
    $$select * from public.board_settings_editable_sites() where site_id = '5b000000-0000-4000-8000-000000000002'$$),
  '1', 'the second site''s supervisor may edit their own site''s settings');
select is(
  tests.outcome('b0000000-0000-4000-8000-000000000203',
    $$select 1 where app.can_edit_board_settings('5a000000-0000-4000-8000-000000000001')$$),
  '0', 'but not the demo site''s');

-- The policies ask the helper and nothing else about roles.
select is(
  (select count(*)::int from pg_policies
   where schemaname = 'public' and tablename = 'board_settings' and cmd in ('INSERT', 'UPDATE')
     and coalesce(qual, with_check) like '%can_edit_board_settings(site_id)%'
     and coalesce(with_check, '') like '%can_edit_board_settings(site_id)%'),
  2, 'both write policies of board_settings use app.can_edit_board_settings');
select is(
  (select count(*)::int from pg_policies
   where schemaname = 'public' and tablename = 'board_settings'
     and (coalesce(qual, '') || coalesce(with_check, '')) like '%has_site_role%'),
  0, 'no board_settings policy names the roles itself');

select * from finish();
rollback;
