-- The duplicate check of a call list before import (20261209500000):
-- who may ask (team leads and managers of the site, nobody else), what it
-- answers (the earliest lead's owner per known number, written any way:
-- separators, +86), what it never answers (customer names; another site's
-- leads), and the size limits (CB140).
begin;
select plan(17);

\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000131', 'a0000000-0000-4000-8000-000000000014');
select tests.add_second_site();

\set site '''5a000000-0000-4000-8000-000000000001'''
\set site2 '''5b000000-0000-4000-8000-000000000002'''
\set agent31 '''ac000000-0000-4000-8000-000000000131'''
\set agent32 '''ac000000-0000-4000-8000-000000000132'''
\set lead4 '''a0000000-0000-4000-8000-000000000014'''
\set lead1 '''a0000000-0000-4000-8000-000000000011'''
\set manager '''a0000000-0000-4000-8000-000000000002'''

-- Fixtures: a number agent31 had first and agent32 got again later, and one
-- number only the second site knows.
insert into public.leads (site_id, owner_agent_id, customer_name, phone, source, created_at) values
  (:site, :agent31, '测试客户甲', '139-7400-0001', 'own_project', now() - interval '2 days'),
  (:site, :agent32, '测试客户乙', '13974000001', 'agency', now() - interval '1 day'),
  (:site2, 'ab000000-0000-4000-8000-000000000201', 'Site 2 customer', '13974000002', 'outreach', now());

-- Who may ask: the matrix's actors (agent31, lead4, supervisor, manager, qa, analyst, admin, display, anon).
insert into tests.matrix (op, what, statement, expected) values
  --  agent  lead   sup    mgr    qa     anlyst admin  disp   anon
  ('select', 'the owners of a call list''s numbers',
    $$select * from public.lead_phone_owners('5a000000-0000-4000-8000-000000000001', array['+86 139 7400 0001', '13974000002', '13974000003'])$$,
    '{42501, 1,     42501, 1,     42501, 42501, 42501, 42501, 42501}');
select * from tests.check_matrix();

-- What it answers: the earliest lead's owner, by name; nothing of the customer; not the other site's lead.
select tests.keep_as(:lead4, $$create temp table answer as
  select * from public.lead_phone_owners('5a000000-0000-4000-8000-000000000001',
    array['+86 139 7400 0001', '139-7400-0001', '13974000002', '13974000003'])$$);
select results_eq(
  $$select phone, owner_agent_id from answer order by phone$$,
  format($$values ('+86 139 7400 0001', %L::uuid), ('139-7400-0001', %L::uuid)$$, :agent31, :agent31),
  'lead4: each known number written any way names its earliest lead''s caller; unknown and other-site numbers are absent');
select is(
  (select count(*)::int from answer where owner_name = (select display_name from public.agents where id = :agent31)),
  2, 'lead4: the owner is named by display name');
select hasnt_column('pg_temp', 'answer', 'customer_name', 'the answer has no customer name');

-- A lead of another team asks too (they hand out lists of their own team; the site's numbers are shared).
select is(tests.outcome(:lead1,
  $$select * from public.lead_phone_owners('5a000000-0000-4000-8000-000000000001', array['13974000001'])$$),
  '1', 'lead1: may check a list against the site');
-- The second site's lead asks about the demo site: refused.
select tests.check('b0000000-0000-4000-8000-000000000211',
  $$select * from public.lead_phone_owners('5a000000-0000-4000-8000-000000000001', array['13974000001'])$$,
  '42501', 'a lead of another site: refused');

-- Size limits.
select tests.check(:manager,
  $$select * from public.lead_phone_owners('5a000000-0000-4000-8000-000000000001', array[]::text[])$$,
  'CB140', 'manager: an empty list is refused');
select tests.check(:manager,
  $$select * from public.lead_phone_owners('5a000000-0000-4000-8000-000000000001',
    (select array_agg('1390000' || lpad(n::text, 4, '0')) from generate_series(1, 5001) n))$$,
  'CB140', 'manager: more than 5000 numbers are refused');
select is(tests.outcome(:manager,
  $$select * from public.lead_phone_owners('5a000000-0000-4000-8000-000000000001', array['', 'none'])$$),
  '0', 'manager: text without digits matches nothing');

select * from finish();
rollback;
