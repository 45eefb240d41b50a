-- The leave ledger as the staff's agent page reads it (20261208300000):
-- newest first, who made each entry by name (null when the ledger does not
-- say), the request an entry came from; readers of the agent's attendance
-- only, nothing for the others. Counts are of this file's own rows beside
-- whatever the seed holds.
begin;
select plan(13);

\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');
insert into tests.actors (ord, name, id) values
  (10, 'kiosk', 'a0000000-0000-4000-8000-000000000005'),
  (11, 'agent02', 'a0000000-0000-4000-8000-000000000102'),
  (12, 'lead2', 'a0000000-0000-4000-8000-000000000012');

-- Three entries of agent01's after anything the seed wrote: a grant by the
-- supervisor an hour from now, one with no maker a minute later, and a
-- take-back two hours from now. Made as postgres so the times differ in one
-- transaction (now() does not move inside it).
insert into public.leave_ledger (site_id, agent_id, leave_type, minutes, reason, made_by, made_at) values
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', 'annual', 1200,
   'test: 2.5 days granted', 'a0000000-0000-4000-8000-000000000003', now() + interval '1 hour'),
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', 'compensatory', 90,
   'test: no maker', null, now() + interval '61 minutes'),
  ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', 'annual', -240,
   'test: half a day back', 'a0000000-0000-4000-8000-000000000002', now() + interval '2 hours');

-- The history as an actor reads it through the API.
create function tests.history(actor text)
returns table (reason text, minutes integer, leave_type text, made_by_name text)
language plpgsql as $$
begin
  perform tests.become(tests.actor(actor));
  return query select h.reason, h.minutes, h.leave_type, h.made_by_name
    from public.leave_ledger_history('ac000000-0000-4000-8000-000000000101') h;
  perform set_config('role', 'none', true);
end;
$$;

create table tests.all_rows as
select count(*)::text as n from public.leave_ledger where agent_id = 'ac000000-0000-4000-8000-000000000101';

select is(
  (select array_agg(reason) from (
    select reason from tests.history('supervisor') limit 3) h),
  array['test: half a day back', 'test: no maker', 'test: 2.5 days granted'],
  'newest first');
select is(
  (select made_by_name from tests.history('lead')
   where reason = 'test: 2.5 days granted'),
  '运营主管 Supervisor', 'the maker by name (their account''s display name)');
select is(
  (select made_by_name from tests.history('lead')
   where reason = 'test: no maker'),
  null, 'no name when the ledger does not say who');
select is(
  (select minutes || '/' || leave_type from tests.history('lead')
   where reason = 'test: half a day back'),
  '-240/annual', 'a take-back keeps its sign and type');

insert into tests.cases (actor, statement, expected, description)
select actor, $$select * from public.leave_ledger_history('ac000000-0000-4000-8000-000000000101')$$, expected, description
from (values
  ('agent', (select n from tests.all_rows), 'the agent reads their whole ledger'),
  ('lead', (select n from tests.all_rows), 'their lead reads it'),
  ('supervisor', (select n from tests.all_rows), 'a supervisor reads it'),
  ('admin', (select n from tests.all_rows), 'an admin reads it'),
  ('agent02', '0', 'a colleague reads nothing'),
  ('lead2', '0', 'another team''s lead reads nothing'),
  ('display', '0', 'a display reads nothing'),
  ('kiosk', '0', 'a kiosk reads nothing'),
  ('anon', '42501', 'anon may not call it')
) as c (actor, expected, description);
select * from tests.check_cases();

select * from finish();
rollback;
