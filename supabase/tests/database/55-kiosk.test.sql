-- The kiosk (20261207140000): a kiosk member reads nothing and does nothing
-- but kiosk_site() and kiosk_punch(); PINs are bcrypt hashes nobody reads,
-- set by the agent or the site's staff; wrong PINs lock a number and then a
-- kiosk. Time is frozen: now() is the start of the transaction.
begin;
select plan(58);

\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');
insert into tests.actors (ord, name, id) values (10, 'kiosk', 'a0000000-0000-4000-8000-000000000005');

-- tests.rpc_as(actor, call): one call as a signed-in user, its jsonb answer; the effect stays.
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

create function tests.kiosk(employee_no text, pin text) returns jsonb
language sql as $$
  select tests.rpc_as('a0000000-0000-4000-8000-000000000005',
    format('public.kiosk_punch(employee_no => %L, pin => %L, device_time => now(), device_now => now())', employee_no, pin))
$$;

-- ------------------------------------------------------------ a kiosk reads nothing

select is(
  array(
    select c.relname::text from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
      and tests.outcome(tests.actor('kiosk'), format('select * from public.%I', c.relname)) not in ('0', 'error 42501')
    order by 1),
  -- The country's public holidays are reference data every signed-in user reads, no site's.
  '{members,national_holiday_years,national_holidays}'::text[],
  'a kiosk sees rows of no table or view but its membership and the national holiday lists');
select is(tests.outcome(tests.actor('kiosk'), 'select * from members'), '1', 'of members, only its own membership');
select is(tests.outcome(tests.actor('display'), 'select * from sites'), '1', 'a display still reads its site');
select is(tests.outcome(tests.actor('kiosk'), 'select 1 where app.can_read_topic(''wall:5a000000-0000-4000-8000-000000000001'')'),
  '0', 'a kiosk may not join its site''s wall topic');
select is(tests.outcome(tests.actor('kiosk'),
  'select 1 where app.can_read_topic(''agent:ac000000-0000-4000-8000-000000000101'')'), '0', 'nor an agent''s topic');
select is(tests.outcome(tests.actor('kiosk'),
  'select 1 where app.can_read_topic(''attendance:5a000000-0000-4000-8000-000000000001'')'), '0',
  'nor the site''s attendance topic');

-- What the kiosk may call, and what nobody else may.
insert into tests.cases (actor, statement, expected, description) values
  ('kiosk', $$insert into punches (site_id, agent_id, punched_at, source)
    values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', now(), 'kiosk')$$, '42501',
    'a kiosk cannot write a punch itself'),
  ('supervisor', $$insert into punches (site_id, agent_id, punched_at, source)
    values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', now(), 'correction')$$, '42501',
    'nor can a supervisor (corrections go through their functions)'),
  ('kiosk', 'select * from public.kiosk_site()', '1', 'a kiosk reads its site through kiosk_site()'),
  ('supervisor', 'select * from public.kiosk_site()', '42501', 'kiosk_site() is for kiosks only'),
  ('agent', $$select public.kiosk_punch('E001', '2580')$$, '42501', 'an agent cannot punch by PIN'),
  ('admin', $$select public.kiosk_punch('E001', '2580')$$, '42501', 'nor an admin'),
  ('anon', $$select public.kiosk_punch('E001', '2580')$$, '42501', 'nor anyone signed out'),
  ('kiosk', 'select public.clock_punch()', 'CB075', 'a kiosk has no web clock'),
  ('kiosk', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000101', '7391')$$, '42501', 'a kiosk sets no PIN'),
  ('kiosk', $$select * from public.kiosk_pin_status('5a000000-0000-4000-8000-000000000001')$$, '0',
    'a kiosk sees no agent''s PIN status'),
  ('kiosk', 'select * from app.agent_pins', '42501', 'a kiosk cannot read the PIN table'),
  ('supervisor', 'select * from app.agent_pins', '42501', 'nor can a supervisor'),
  ('agent', 'select * from app.kiosk_pin_failures', '42501', 'nor anyone the failures');
select * from tests.check_cases();
select is(tests.rpc_as(tests.actor('kiosk'), 'public.kiosk_site()') ->> 'name', 'Demo Realty Call Center',
  'kiosk_site() names the site');
select throws_ok($$select tests.call_as('service_role', 'count(*) from app.agent_pins')$$, '42501', null,
  'the service role cannot read the PIN table either');

-- ------------------------------------------------------------ PINs

insert into tests.cases (actor, statement, expected, description) values
  ('agent', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000101', '7391')$$, '1', 'an agent sets their own PIN'),
  ('agent', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000102', '7391')$$, '42501', 'not a colleague''s'),
  ('lead', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000102', '7391')$$, '42501',
    'a lead does not set PINs'),
  ('supervisor', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000102', '7391')$$, '1',
    'a supervisor resets an agent''s PIN'),
  ('qa', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000102', '7391')$$, '42501', 'QA does not'),
  ('agent', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000101', '739')$$, 'CB076', 'a PIN has 4 digits or more'),
  ('agent', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000101', '123456789')$$, 'CB076', 'and 8 at most'),
  ('agent', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000101', '73a1')$$, 'CB076', 'digits only'),
  ('agent', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000101', '1234')$$, 'CB076', 'no run up'),
  ('agent', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000101', '8765')$$, 'CB076', 'no run down'),
  ('agent', $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000101', '0000')$$, 'CB076', 'no digit repeated'),
  ('agent', $$select * from public.kiosk_pin_status('5a000000-0000-4000-8000-000000000001')$$, '1',
    'an agent sees whether they have a PIN'),
  ('lead', $$select * from public.kiosk_pin_status('5a000000-0000-4000-8000-000000000001')$$, '10', 'a lead their team''s'),
  ('supervisor', $$select * from public.kiosk_pin_status('5a000000-0000-4000-8000-000000000001')$$, '40',
    'a supervisor the site''s');
select * from tests.check_cases();

select tests.keep_as(tests.actor('agent'), $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000101', '7391')$$);
select ok(
  (select pin_hash ~ '^\$2a\$10\$.{53}$' and pin_hash = extensions.crypt('7391', pin_hash)
   from app.agent_pins where agent_id = 'ac000000-0000-4000-8000-000000000101'),
  'the PIN is stored as a bcrypt hash (cost 10) of itself');
select is(
  (select set_by from app.agent_pins where agent_id = 'ac000000-0000-4000-8000-000000000101'),
  'a0000000-0000-4000-8000-000000000101'::uuid, 'and who set it');

-- ------------------------------------------------------------ punching and wrong PINs

select is(tests.kiosk('E001', '7391') ->> 'result', 'punched', 'the new PIN punches');
select is(tests.kiosk(' e001 ', '7391') -> 'agent' ->> 'name',
  (select display_name from agents where id = 'ac000000-0000-4000-8000-000000000101'),
  'the number is read without spaces and case, and the answer names the agent');
select ok(tests.kiosk('E002', '2580')::text || tests.kiosk('E002', '7391')::text !~ '\$2[aby]\$', 'no answer carries a hash');
select ok(not (tests.kiosk('E001', '7391') -> 'day' ? 'deduction'), 'a kiosk is not shown the deduction');

-- agent03's punches before the wrong PINs (the seed's month of them): the lock-out adds none.
create table tests.e003_before as select count(*)::int as n from punches where agent_id = 'ac000000-0000-4000-8000-000000000103';
select is(tests.kiosk('E003', '1111'), '{"result": "wrong_pin", "attempts_left": 4}'::jsonb, 'a wrong PIN is counted');
select is(tests.kiosk('E999', '1111'), '{"result": "wrong_pin", "attempts_left": 4}'::jsonb,
  'an unknown number is answered like a wrong PIN');
select is((select count(*)::int from app.kiosk_pin_failures where employee_no in ('E003', 'E999')), 2, 'both failures are kept (an answer, not an error)');
select is(tests.kiosk('E003', '1111') ->> 'attempts_left', '3', 'the count goes down');
select tests.kiosk('E003', '1111');
select tests.kiosk('E003', '1111');
select is(tests.kiosk('E003', '1111'), '{"result": "wrong_pin", "attempts_left": 0}'::jsonb, 'the fifth wrong PIN');
select is(tests.kiosk('E003', '2580'),
  jsonb_build_object('result', 'locked', 'until', now() + interval '15 minutes'),
  'locks the number for 15 minutes: even the right PIN is refused');
select is((select count(*)::int from punches where agent_id = 'ac000000-0000-4000-8000-000000000103'),
  (select n from tests.e003_before), 'and nothing is punched');
select is(tests.kiosk('E004', '2580') ->> 'result', 'punched', 'other numbers still punch');
select is(
  (tests.rpc_as(tests.actor('supervisor'), $$(select to_jsonb(s) from public.kiosk_pin_status('5a000000-0000-4000-8000-000000000001') s
    where s.agent_id = 'ac000000-0000-4000-8000-000000000103')$$) ->> 'locked_until')::timestamptz,
  now() + interval '15 minutes', 'the PIN status shows the lock to a supervisor');
update app.kiosk_pin_failures set failed_at = failed_at - interval '15 minutes 1 second' where employee_no = 'E003';
select is(tests.kiosk('E003', '2580') ->> 'result', 'punched', 'after 15 minutes the number punches again');
select is((select count(*)::int from app.kiosk_pin_failures where employee_no = 'E003'), 0,
  'and the right PIN clears its failures');

select tests.kiosk('E005', '1111') from generate_series(1, 4);
select tests.keep_as(tests.actor('supervisor'), $$select public.set_agent_pin('ac000000-0000-4000-8000-000000000105', '7391')$$);
select is(tests.kiosk('E005', '1111') ->> 'attempts_left', '4', 'a PIN reset clears the count');

-- The kiosk: 20 wrong PINs in 10 minutes, whatever the numbers.
delete from app.kiosk_pin_failures;
select tests.kiosk('E0' || (10 + n), '1111') from generate_series(1, 19) as n;
select is(tests.kiosk('E030', '1111') ->> 'result', 'wrong_pin', 'the 20th wrong PIN is still answered');
select is(tests.kiosk('E031', '2580'),
  jsonb_build_object('result', 'kiosk_locked', 'until', now() + interval '10 minutes'),
  'then the kiosk pauses for 10 minutes, right PIN or not');
update app.kiosk_pin_failures set failed_at = failed_at - interval '10 minutes 1 second';
select is(tests.kiosk('E031', '2580') ->> 'result', 'punched', 'and takes punches again after them');

select throws_ok($$select tests.kiosk('', '2580')$$, 'CB079', null, 'an empty number is refused');
select throws_ok($$select tests.kiosk('E001', '25 80')$$, 'CB079', null, 'a PIN is digits');

select * from finish();
rollback;
