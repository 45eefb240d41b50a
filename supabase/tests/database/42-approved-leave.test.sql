-- Approved leave (20261205800000): who reads and records it, and the
-- schedule rule `leave` at its edges (the first and last day of a leave
-- count, the days around do not).
begin;
select plan(44);

\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');
select tests.add_second_site();

-- agent01's team draft (the seed's week after next) and the days agent01 works in it.
create table tests.demo as
select s.id as draft, s.week_start as week from schedules s
where s.team_id = '7e000000-0000-4000-8000-000000000001' and s.status = 'draft';

insert into approved_leave (site_id, agent_id, starts_on, ends_on, kind, note)
select '5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', week + 2, week + 3, 'annual', 'family trip'
from tests.demo;

-- ------------------------------------------------------------ RLS matrix
-- Columns: agent, lead, supervisor, manager, qa, analyst, admin, display, anon.
insert into tests.matrix (op, what, statement, expected)
select op, what, statement, expected::text[] from (values
  ('select', 'agent01''s leave', 'select * from approved_leave', '{1,1,1,1,1,1,1,0,0}'),
  ('insert', 'leave for agent03',
    format($$insert into approved_leave (site_id, agent_id, starts_on, ends_on, kind)
      values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000103', %L, %L, 'sick')$$,
      (select week from tests.demo), (select week from tests.demo)),
    '{42501,42501,1,1,42501,42501,1,42501,42501}'),
  ('update', 'agent01''s leave', 'update approved_leave set note = ''changed''', '{0,0,1,1,0,0,1,0,0}'),
  ('delete', 'agent01''s leave', 'delete from approved_leave', '{0,0,1,1,0,0,1,0,0}')
) as m (op, what, statement, expected);
select * from tests.check_matrix();

select is(tests.outcome(tests.actor('lead'), format(
  $$select * from approved_leave where agent_id = 'ac000000-0000-4000-8000-000000000201'$$)), '0',
  'a lead reads no leave of another team''s agent');

-- ------------------------------------------------------------ the rule
select is(
  (select array_agg(v.day - (select week from tests.demo) order by v.day) from app.schedule_violations_of((select draft from tests.demo)) v
   where v.rule = 'leave'),
  (select array_agg(sh.day - (select week from tests.demo) order by sh.day) from schedule_shifts sh
   where sh.schedule_id = (select draft from tests.demo) and sh.agent_id = 'ac000000-0000-4000-8000-000000000101'
     and sh.day between (select week + 2 from tests.demo) and (select week + 3 from tests.demo)),
  'every shift on a day of leave, first and last day included, is a violation');
select is(
  (select count(*) from app.schedule_violations_of((select draft from tests.demo)) v
   where v.rule = 'leave' and v.day not between (select week + 2 from tests.demo) and (select week + 3 from tests.demo)),
  0::bigint, 'the days around the leave are not');
select ok(
  (select bool_and(v.detail ~ '^on approved annual leave from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$')
   from app.schedule_violations_of((select draft from tests.demo)) v where v.rule = 'leave'),
  'the reason names the kind and the days');
delete from approved_leave;
select is(
  (select count(*) from app.schedule_violations_of((select draft from tests.demo)) v where v.rule = 'leave'),
  0::bigint, 'no leave, no leave violation');

-- ------------------------------------------------------------ checks
select throws_ok(
  $$insert into approved_leave (site_id, agent_id, starts_on, ends_on, kind)
    values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', '2026-03-05', '2026-03-04', 'annual')$$,
  '23514', null, 'a leave ends on or after its first day');
select throws_ok(
  $$insert into approved_leave (site_id, agent_id, starts_on, ends_on, kind)
    values ('5a000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000101', '2026-03-04', '2026-03-04', 'holiday')$$,
  '23514', null, 'a leave has a known kind');
select throws_ok(
  format($$insert into approved_leave (site_id, agent_id, starts_on, ends_on, kind)
    values (%L, 'ac000000-0000-4000-8000-000000000101', '2026-03-04', '2026-03-04', 'annual')$$, '5b000000-0000-4000-8000-000000000002'),
  '23503', null, 'an agent''s leave belongs to the agent''s site');

select * from finish();
rollback;
