-- QA scorecards, call scoring and CSAT import (20261209200000,
-- 20261209200100): who reads and edits scorecards, who reads scores and
-- ratings (the agent, their lead, qa, supervisors, managers, admins; not
-- other agents, analysts or displays), the weighted total computed in SQL,
-- nobody scoring their own call, CSAT lines refused by number with nothing
-- stored in all-or-nothing mode, and app.agent_quality on site-local days.
-- Everything counted here is this file's own rows (call ids T71-…).
begin;
select plan(104);

\ir test-helpers.psql

-- agent01 (Hotline A) and lead1, the other roles, then agent02 (also Hotline
-- A), lead2 (Hotline B) and a QA specialist who also takes calls (qa2).
select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');
insert into auth.users (id, aud, role, email)
values ('b0000000-0000-4000-8000-000000000071', 'authenticated', 'authenticated', 'qa2@test.local');
insert into public.members (user_id, site_id, role)
values ('b0000000-0000-4000-8000-000000000071', '5a000000-0000-4000-8000-000000000001', 'qa');
insert into public.agents (id, site_id, team_id, user_id, display_name, employee_no)
values ('ac000000-0000-4000-8000-000000007101', '5a000000-0000-4000-8000-000000000001',
  '7e000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000071', 'QA who takes calls', 'T71-QA');
insert into tests.actors (ord, name, id) values
  (10, 'agent02', 'a0000000-0000-4000-8000-000000000102'),
  (11, 'lead2', 'a0000000-0000-4000-8000-000000000012'),
  (12, 'qa2', 'b0000000-0000-4000-8000-000000000071');

-- Calls: T71-1 and T71-2 agent01's (23 and 24 November, site time; T71-2 is
-- 00:30 on the 24th, still the 23rd in UTC), T71-3 agent02's, T71-4
-- abandoned before reaching anyone, T71-5 taken by qa2.
insert into public.call_summaries (queue_id, call_id, site_id, direction, agent_id, offered_at, answered_at, waiting,
  interval_start, offered, answered, answered_within_sl, abandoned, abandoned_short, handled, talk_s, hold_s, acw_s,
  wait_answered_s)
select '9e000000-0000-4000-8000-000000000001', c.call_id, '5a000000-0000-4000-8000-000000000001', 'inbound',
  c.agent_id::uuid, c.at::timestamptz, case when c.agent_id is not null then c.at::timestamptz end, false,
  null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
from (values
  ('T71-1', 'ac000000-0000-4000-8000-000000000101', '2026-11-23 10:00+08'),
  ('T71-2', 'ac000000-0000-4000-8000-000000000101', '2026-11-24 00:30+08'),
  ('T71-3', 'ac000000-0000-4000-8000-000000000102', '2026-11-23 11:00+08'),
  ('T71-4', null, '2026-11-23 12:00+08'),
  ('T71-5', 'ac000000-0000-4000-8000-000000007101', '2026-11-23 13:00+08')
) as c (call_id, agent_id, at);

-- A scorecard added by qa: weights 2, 1, 1; the third item out of 3 points.
select tests.keep_as(tests.actor('qa'), $$
  insert into public.qa_scorecards (id, site_id, name, active)
  values ('c5000000-0000-4000-8000-000000007101', '5a000000-0000-4000-8000-000000000001', 'T71 card', false)$$);
select tests.keep_as(tests.actor('qa'), $$
  insert into public.qa_scorecard_items (id, site_id, scorecard_id, label, weight, max_points, position) values
    ('c5100000-0000-4000-8000-000000007101', '5a000000-0000-4000-8000-000000000001',
     'c5000000-0000-4000-8000-000000007101', 'Opening', 2, 5, 1),
    ('c5100000-0000-4000-8000-000000007102', '5a000000-0000-4000-8000-000000000001',
     'c5000000-0000-4000-8000-000000007101', 'Knowledge', 1, 5, 2),
    ('c5100000-0000-4000-8000-000000007103', '5a000000-0000-4000-8000-000000000001',
     'c5000000-0000-4000-8000-000000007101', 'Wording', 1, 3, 3)$$);

-- Points per item (opening, knowledge, wording) as score_call takes them.
create function tests.points(a integer, b integer, c integer) returns jsonb
language sql immutable as $$
  select jsonb_build_array(
    jsonb_build_object('item_id', 'c5100000-0000-4000-8000-000000007101', 'points', a),
    jsonb_build_object('item_id', 'c5100000-0000-4000-8000-000000007102', 'points', b),
    jsonb_build_object('item_id', 'c5100000-0000-4000-8000-000000007103', 'points', c))
$$;
-- score_call as an actor; the evaluation's total.
create function tests.score(actor text, call_id text, items jsonb, comment text default null) returns numeric
language plpgsql as $$
declare
  result numeric;
begin
  perform tests.become(tests.actor(actor));
  select e.total into result
  from public.score_call('9e000000-0000-4000-8000-000000000001', call_id, 'c5000000-0000-4000-8000-000000007101',
    items, comment) e;
  perform set_config('role', 'none', true);
  return result;
end;
$$;

-- Weighted total: 100 × (2·p1/5 + p2/5 + p3/3) / 4, rounded to 2 decimals.
select is(tests.score('qa', 'T71-1', tests.points(5, 3, 1), '  good opening '), 73.33,
  'weights 2,1,1, points 5/5, 3/5, 1/3: 73.33');
select is(tests.score('qa', 'T71-2', tests.points(0, 0, 0)), 0.00, 'no points: 0');
select is(tests.score('manager', 'T71-2', tests.points(4, 0, 2)), 56.67,
  'scored again (by a manager): 4/5, 0/5, 2/3 make 56.67');
select is(tests.score('admin', 'T71-3', tests.points(5, 5, 3)), 100.00, 'full points: 100');
select is(
  (select count(*)::integer from public.qa_evaluations where call_id = 'T71-2'), 1,
  'scoring again replaces the evaluation');
select results_eq(
  $$select i.label, i.weight, i.max_points, i.points from public.qa_evaluation_items i
    join public.qa_evaluations e on e.id = i.evaluation_id where e.call_id = 'T71-2' order by i.position$$,
  $$values ('Opening'::text, 2.00::numeric, 5::smallint, 4::smallint), ('Knowledge', 1.00, 5::smallint, 0::smallint),
    ('Wording', 1.00, 3::smallint, 2::smallint)$$,
  'the items keep the label, weight and maximum they were scored with');
select results_eq(
  $$select e.agent_id, e.scored_by, e.comment, e.call_at from public.qa_evaluations e where e.call_id = 'T71-1'$$,
  $$values ('ac000000-0000-4000-8000-000000000101'::uuid, 'b0000000-0000-4000-8000-000000000005'::uuid,
    'good opening'::text, '2026-11-23 10:00+08'::timestamptz)$$,
  'the evaluation names the call''s agent, the scorer, the trimmed comment and the time of the call');

-- Editing the scorecard later does not move a past score.
update public.qa_scorecard_items set weight = 10 where id = 'c5100000-0000-4000-8000-000000007101';
select is((select total from public.qa_evaluations where call_id = 'T71-1'), 73.33,
  'a later change of weights leaves past totals alone');
update public.qa_scorecard_items set weight = 2 where id = 'c5100000-0000-4000-8000-000000007101';

-- Who scores, and what is refused.
insert into tests.cases (actor, statement, expected, description) values
  ('agent', $$select public.score_call('9e000000-0000-4000-8000-000000000001', 'T71-3',
    'c5000000-0000-4000-8000-000000007101', '[]', null)$$, 'CB111', 'an agent may not score'),
  ('lead', $$select public.score_call('9e000000-0000-4000-8000-000000000001', 'T71-3',
    'c5000000-0000-4000-8000-000000007101', '[]', null)$$, 'CB111', 'a team lead may not score'),
  ('supervisor', $$select public.score_call('9e000000-0000-4000-8000-000000000001', 'T71-3',
    'c5000000-0000-4000-8000-000000007101', '[]', null)$$, 'CB111', 'a supervisor may not score'),
  ('display', $$select public.score_call('9e000000-0000-4000-8000-000000000001', 'T71-3',
    'c5000000-0000-4000-8000-000000007101', '[]', null)$$, 'CB111', 'a display may not score'),
  ('anon', $$select public.score_call('9e000000-0000-4000-8000-000000000001', 'T71-3',
    'c5000000-0000-4000-8000-000000007101', '[]', null)$$, '42501', 'anon may not call it'),
  ('qa', $$select public.score_call('9e000000-0000-4000-8000-000000000001', 'T71-nope',
    'c5000000-0000-4000-8000-000000007101', '[]', null)$$, 'CB110', 'an unknown call'),
  ('qa', $$select public.score_call('9e000000-0000-4000-8000-000000000001', 'T71-4',
    'c5000000-0000-4000-8000-000000007101', '[]', null)$$, 'CB112', 'a call that reached no agent'),
  ('qa', $$select public.score_call('9e000000-0000-4000-8000-000000000001', 'T71-3',
    'c5000000-0000-4000-8000-000000009999', '[]', null)$$, 'CB114', 'an unknown scorecard');
select * from tests.check_cases();

-- tests.points is in schema tests, which API roles may not use: build the
-- items first and hand them over as text.
create function tests.try(actor text, call_id text, items jsonb) returns text
language plpgsql as $$
begin
  return tests.outcome(tests.actor(actor), format(
    $f$select public.score_call('9e000000-0000-4000-8000-000000000001', %L,
      'c5000000-0000-4000-8000-000000007101', %L::jsonb, null)$f$, call_id, items));
end;
$$;
select is(tests.try('qa2', 'T71-5', tests.points(5, 5, 3)), 'error CB113', 'nobody scores a call they took themself');
select is(tests.try('qa2', 'T71-3', tests.points(5, 5, 3)), '1', '… but qa2 scores a colleague''s call');
select is(tests.try('qa', 'T71-3', tests.points(5, 5, 4)), 'error CB115', 'points above an item''s maximum');
select is(tests.try('qa', 'T71-3', tests.points(5, -1, 1)), 'error CB115', 'negative points');
select is(tests.try('qa', 'T71-3', tests.points(5, 5, 3) - 2), 'error CB115', 'an item left out');
select is(tests.try('qa', 'T71-3', tests.points(5, 5, 3) || tests.points(5, 5, 3) -> 0), 'error CB115',
  'an item twice');
select is(tests.try('qa', 'T71-3', '[{"item_id": "c5100000-0000-4000-8000-000000007101", "points": 2.5}]'),
  'error CB115', 'points that are not whole');
select is(tests.try('qa', 'T71-3', '{"total": 100}'), 'error CB115', 'items that are not an array');
select is(tests.try('qa', 'T71-3', jsonb_set(tests.points(5, 5, 3), '{0,item_id}',
    '"c5100000-0000-4000-8000-000000000001"')), 'error CB115', 'an item of no such scorecard');

-- Who reads scores, items, scorecards; nobody writes scores directly.
insert into tests.cases (actor, statement, expected, description)
select d.actor, t.statement, x.expected, d.description
from (values
  ($$select * from public.qa_evaluations where call_id like 'T71-%'$$, 'qa_evaluations',
    array['2', '3', '3', '3', '3', '0', '3', '0', '0', '1', '0', '3']),
  ($$select * from public.qa_evaluation_items i where exists (
      select 1 from public.qa_evaluations e where e.id = i.evaluation_id and e.call_id like 'T71-%')$$, 'qa_evaluation_items',
    array['6', '9', '9', '9', '9', '0', '9', '0', '0', '3', '0', '9']),
  ($$select * from public.qa_scorecard_items where scorecard_id = 'c5000000-0000-4000-8000-000000007101'$$,
    'qa_scorecard_items', array['3', '3', '3', '3', '3', '0', '3', '0', '0', '3', '3', '3'])
) as t (statement, what, expected)
cross join lateral unnest(t.expected) with ordinality as x (expected, ord)
join tests.actors a on a.ord = x.ord
cross join lateral (select a.name as actor,
  format('%s sees %s %s', a.name, x.expected, t.what) as description) d
order by t.what, a.ord;
select * from tests.check_cases();

insert into tests.cases (actor, statement, expected, description) values
  ('qa', $$insert into public.qa_evaluations (site_id, agent_id, queue_id, call_id, call_at, scored_by, total)
    values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101',
    '9e000000-0000-4000-8000-000000000001', 'T71-4', now(), auth.uid(), 100)$$, '42501',
    'not even qa writes an evaluation directly'),
  ('manager', $$update public.qa_evaluations set total = 100 where call_id like 'T71-%'$$, '42501',
    'nor changes a total'),
  ('agent', $$update public.qa_scorecards set name = 'x' where id = 'c5000000-0000-4000-8000-000000007101'$$, '0',
    'an agent changes no scorecard'),
  ('supervisor', $$update public.qa_scorecard_items set weight = 9
    where scorecard_id = 'c5000000-0000-4000-8000-000000007101'$$, '0', 'a supervisor changes no scorecard item'),
  ('manager', $$update public.qa_scorecard_items set weight = 9
    where scorecard_id = 'c5000000-0000-4000-8000-000000007101'$$, '3', 'a manager changes scorecard items'),
  ('admin', $$delete from public.qa_scorecard_items where scorecard_id = 'c5000000-0000-4000-8000-000000007101'$$, '3',
    'an admin removes them'),
  ('lead', $$insert into public.qa_scorecards (site_id, name) values ('5a000000-0000-4000-8000-000000000001', 'x')$$,
    '42501', 'a lead adds no scorecard'),
  ('manager', $$insert into public.qa_scorecards (site_id, name, active)
    values ('5a000000-0000-4000-8000-000000000001', 'Second', false)$$, '1', 'a manager adds one');
select * from tests.check_cases();

-- At most one active scorecard per site.
select throws_ok($$insert into public.qa_scorecards (site_id, name) values
    ('5a000000-0000-4000-8000-000000000001', 'T71 active 1'), ('5a000000-0000-4000-8000-000000000001', 'T71 active 2')$$,
  '23505', null, 'a site has at most one active scorecard');

-- CSAT import as an actor: the per-line report.
create function tests.csat(actor text, rows jsonb, all_or_nothing boolean, dry_run boolean default false)
returns table (line integer, call_id text, status text, reason text)
language plpgsql as $$
begin
  perform tests.become(tests.actor(actor));
  return query select * from public.import_csat('5a000000-0000-4000-8000-000000000001', rows, all_or_nothing, dry_run);
  perform set_config('role', 'none', true);
end;
$$;
create table tests.file as
select '[
  {"line": 2, "call_id": "T71-1", "score": "5"},
  {"line": 3, "call_id": "T71-nope", "score": "4"},
  {"line": 4, "call_id": "T71-2", "score": "6"},
  {"line": 5, "call_id": "T71-1", "score": "3"},
  {"line": 6, "call_id": "T71-4", "score": "2"},
  {"line": 7, "call_id": "", "score": "2"},
  {"line": 8, "call_id": "T71-3", "score": "4", "rated_at": "yesterday-ish"}
]'::jsonb as rows;

select results_eq(
  $$select * from tests.csat('qa', (select rows from tests.file), true)$$,
  $$values (2, 'T71-1'::text, 'not_imported'::text, null::text), (3, 'T71-nope', 'refused', 'unknown_call'),
    (4, 'T71-2', 'refused', 'bad_score'), (5, 'T71-1', 'refused', 'duplicate_in_file'),
    (6, 'T71-4', 'refused', 'no_agent'), (7, null, 'refused', 'missing_call_id'),
    (8, 'T71-3', 'refused', 'bad_time')$$,
  'all or nothing: every bad line by its number and reason, the good one not imported');
select is((select count(*)::integer from public.call_ratings where call_id like 'T71-%'), 0,
  'all or nothing with bad lines stores nothing');
select results_eq(
  $$select status from tests.csat('supervisor', '[{"call_id": "T71-1", "score": 5}]', false, true)$$,
  $$values ('not_imported'::text)$$, 'a dry run reports a good line as not imported');
select is((select count(*)::integer from public.call_ratings where call_id like 'T71-%'), 0, '… and stores nothing');
select results_eq(
  $$select line, status, reason from tests.csat('qa', (select rows from tests.file), false) where status <> 'refused'$$,
  $$values (2, 'imported'::text, null::text)$$,
  'valid lines only: the good line is imported, the rest refused');
select results_eq(
  $$select * from tests.csat('manager', '[{"call_id": "T71-2", "score": 4, "rated_at": "2026-11-25 09:00"},
      {"call_id": "T71-3", "score": "2.0"}, {"call_id": "T71-1", "score": 1}]', true)$$,
  $$values (1, 'T71-2'::text, 'not_imported'::text, null::text), (2, 'T71-3', 'not_imported', null),
    (3, 'T71-1', 'refused', 'already_rated')$$,
  'a call already rated is refused (lines numbered from 1 when the file gives none)');
select results_eq(
  $$select status from tests.csat('admin', '[{"call_id": "T71-2", "score": 4, "rated_at": "2026-11-25 09:00"},
      {"call_id": "T71-3", "score": "2.0"}]', true)$$,
  $$values ('imported'::text), ('imported')$$, 'an all-or-nothing import of good lines stores them all');
select results_eq(
  $$select call_id, agent_id, score, coalesce(rated_at = now(), false) or rated_at = '2026-11-25 09:00+08', call_at
    from public.call_ratings where call_id like 'T71-%' order by call_id$$,
  $$values ('T71-1'::text, 'ac000000-0000-4000-8000-000000000101'::uuid, 5::smallint, true,
      '2026-11-23 10:00+08'::timestamptz),
    ('T71-2', 'ac000000-0000-4000-8000-000000000101', 4::smallint, true, '2026-11-24 00:30+08'),
    ('T71-3', 'ac000000-0000-4000-8000-000000000102', 2::smallint, true, '2026-11-23 11:00+08')$$,
  'ratings: the call''s agent, the score, rated_at (site-local without a zone, else now), the call''s time');
select is(
  (select count(distinct batch_id)::integer from public.call_ratings where call_id like 'T71-%'), 2,
  'each import is one batch');

insert into tests.cases (actor, statement, expected, description) values
  ('agent', $$select * from public.import_csat('5a000000-0000-4000-8000-000000000001', '[]', true)$$, 'CB111',
    'an agent may not import'),
  ('lead', $$select * from public.import_csat('5a000000-0000-4000-8000-000000000001', '[]', true)$$, 'CB111',
    'a lead may not import'),
  ('analyst', $$select * from public.import_csat('5a000000-0000-4000-8000-000000000001', '[]', true)$$, 'CB111',
    'an analyst may not import'),
  ('display', $$select * from public.import_csat('5a000000-0000-4000-8000-000000000001', '[]', true)$$, 'CB111',
    'a display may not import'),
  ('anon', $$select * from public.import_csat('5a000000-0000-4000-8000-000000000001', '[]', true)$$, '42501',
    'anon may not call it'),
  ('supervisor', $$select * from public.import_csat('5a000000-0000-4000-8000-000000000001', '{"a": 1}', true)$$,
    'CB116', 'rows are an array'),
  ('supervisor', $$select * from public.import_csat('5a000000-0000-4000-8000-000000000001',
    (select jsonb_agg(jsonb_build_object('call_id', 'x', 'score', 1)) from generate_series(1, 5001)), true)$$,
    'CB116', 'at most 5,000 rows'),
  ('qa', $$insert into public.call_ratings (site_id, queue_id, call_id, agent_id, call_at, score)
    values ('5a000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000001', 'T71-4',
    'ac000000-0000-4000-8000-000000000101', now(), 5)$$, '42501', 'nobody writes a rating directly');
select * from tests.check_cases();

-- Who reads ratings.
insert into tests.cases (actor, statement, expected, description)
select a.name, $$select * from public.call_ratings where call_id like 'T71-%'$$, x.expected,
  format('%s sees %s ratings', a.name, x.expected)
from unnest(array['2', '3', '3', '3', '3', '0', '3', '0', '0', '1', '0', '3']) with ordinality as x (expected, ord)
join tests.actors a on a.ord = x.ord
order by a.ord;
select * from tests.check_cases();

-- app.agent_quality: on the site-local day of each call, both ends inclusive.
select results_eq(
  $$select * from app.agent_quality('ac000000-0000-4000-8000-000000000101', '2026-11-23', '2026-11-24')$$,
  $$values (4.50::numeric, 2, 65.00::numeric, 2)$$,
  'agent01 on 23–24 November: CSAT (5 + 4) / 2, QA (73.33 + 56.67) / 2');
select results_eq(
  $$select * from app.agent_quality('ac000000-0000-4000-8000-000000000101', '2026-11-24', '2026-11-24')$$,
  $$values (4.00::numeric, 1, 56.67::numeric, 1)$$,
  '24 November site time holds the call of 00:30 (16:30 UTC the day before)');
select results_eq(
  $$select * from app.agent_quality('ac000000-0000-4000-8000-000000000101', '2026-11-25', '2026-11-30')$$,
  $$values (null::numeric, 0, null::numeric, 0)$$,
  'no calls in the range: no averages, counts 0 (the day a rating was given does not count)');
select results_eq(
  $$select * from app.agent_quality('ac000000-0000-4000-8000-000000000102', '2026-11-23', '2026-11-23')$$,
  $$values (2.00::numeric, 1, 100.00::numeric, 1)$$, 'agent02''s own figures');
select is(
  (select has_function_privilege('anon', 'app.agent_quality(uuid, date, date)', 'execute')), false,
  'anon may not call app.agent_quality');

select * from finish();
rollback;
