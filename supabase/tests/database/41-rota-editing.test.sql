-- The rota editor's database side (20261205700000): batches of cell edits
-- against the revision the editor saw, one live message per schedule per
-- transaction on `schedule:<team>`, QA and analysts reading schedules and
-- following them live, and the admins' member directory.
begin;
select plan(28);

\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

create table tests.demo as
select s.id as draft, s.week_start as week, s.revision as rev,
  (select p.id from schedules p where p.team_id = s.team_id and p.status = 'published' order by p.week_start limit 1) as published
from schedules s where s.team_id = '7e000000-0000-4000-8000-000000000001' and s.status = 'draft';

create function tests.edits(actor text, rev integer, edits text) returns text language sql as $$
  select tests.outcome(tests.actor(actor),
    format('select public.apply_schedule_edits(%L, %s, %L::jsonb)', (select draft from tests.demo), rev, edits))
$$;
create function tests.cell(agent text, d integer) returns text language sql as $$
  select coalesce(string_agg(coalesce(right(template_id::text, 1), 'own') || ' ' || to_char(starts_at, 'HH24:MI') || '-' || to_char(ends_at, 'HH24:MI'), ', '), 'rest')
  from public.schedule_shifts
  where schedule_id = (select draft from tests.demo) and agent_id = agent::uuid and day = (select week + d from tests.demo)
$$;
create function tests.rev() returns integer language sql as $$
  select revision from public.schedules where id = (select draft from tests.demo)
$$;
-- Runs the deferred broadcast triggers now (a test never commits) and counts this file's messages.
create function tests.sent(topic text) returns bigint language plpgsql as $$
begin
  set constraints public.schedules_broadcast_change immediate;
  set constraints public.schedules_broadcast_change deferred;
  return (select count(*) from realtime.messages m where m.topic = sent.topic and m.event = 'schedule_changed');
end;
$$;
create function tests.forget_sent() returns void language sql as $$
  select set_config('callboard.schedule_sent_' || replace((select draft from tests.demo)::text, '-', ''), '', true)
$$;

select tests.sent('schedule:7e000000-0000-4000-8000-000000000001') as before,
  tests.sent('schedule:7e000000-0000-4000-8000-000000000002') as before2 \gset

-- ------------------------------------------------------------ batches
-- agent03 (…103): Wednesday to the Late template, Thursday a rest day, Friday own times.
select is(
  tests.edits('lead', (select rev from tests.demo), format($$[
    {"op": "set", "agent_id": "ac000000-0000-4000-8000-000000000103", "day": "%s", "template_id": "57000000-0000-4000-8000-000000000003"},
    {"op": "clear", "agent_id": "ac000000-0000-4000-8000-000000000103", "day": "%s"},
    {"op": "set", "agent_id": "ac000000-0000-4000-8000-000000000103", "day": "%s", "starts_at": "10:00", "ends_at": "15:00"}
  ]$$, (select week + 2 from tests.demo), (select week + 3 from tests.demo), (select week + 4 from tests.demo))),
  '1', 'a team lead applies a batch (run_as undoes it)');
select tests.keep_as(tests.actor('lead'), format($$select public.apply_schedule_edits(%L, %s, %L::jsonb)$$,
  (select draft from tests.demo), (select rev from tests.demo), format($$[
    {"op": "set", "agent_id": "ac000000-0000-4000-8000-000000000103", "day": "%s", "template_id": "57000000-0000-4000-8000-000000000003"},
    {"op": "clear", "agent_id": "ac000000-0000-4000-8000-000000000103", "day": "%s"},
    {"op": "set", "agent_id": "ac000000-0000-4000-8000-000000000103", "day": "%s", "starts_at": "10:00", "ends_at": "15:00"}
  ]$$, (select week + 2 from tests.demo), (select week + 3 from tests.demo), (select week + 4 from tests.demo))));
select is(tests.cell('ac000000-0000-4000-8000-000000000103', 2), '3 13:00-21:30', 'set: the template gives the times');
select is(tests.cell('ac000000-0000-4000-8000-000000000103', 3), 'rest', 'clear: a rest day');
select is(tests.cell('ac000000-0000-4000-8000-000000000103', 4), 'own 10:00-15:00', 'set with own times and no template');
select cmp_ok(tests.rev(), '>', (select rev from tests.demo), 'the revision moved on');
select is(tests.sent('schedule:7e000000-0000-4000-8000-000000000001'), (:before + 1)::bigint, 'one live message for the whole batch');
select is(
  (select payload->>'revision' from realtime.messages where topic = 'schedule:7e000000-0000-4000-8000-000000000001'
   order by inserted_at desc, id desc limit 1),
  tests.rev()::text, 'the message carries the final revision');
select is(tests.sent('schedule:7e000000-0000-4000-8000-000000000002'), :before2::bigint, 'nothing on another team''s topic');

-- ------------------------------------------------------------ conflicts and refusals
select tests.rev() as r1 \gset
select is(tests.edits('supervisor', (select rev from tests.demo), format(
  $$[{"op": "clear", "agent_id": "ac000000-0000-4000-8000-000000000104", "day": "%s"}]$$, (select week from tests.demo))),
  'error PT409', 'an edit against an old revision is refused: someone else changed the draft');
select throws_like(
  format($$select tests.run_as(%L, %L)$$, tests.actor('supervisor'),
    format('select public.apply_schedule_edits(%L, %s, %L::jsonb)', (select draft from tests.demo), (select rev from tests.demo), '[]')),
  '%someone else changed this draft%', 'and says so in words');
select is(tests.edits('supervisor', tests.rev(), format(
  $$[{"op": "clear", "agent_id": "ac000000-0000-4000-8000-000000000104", "day": "%s"}, {"op": "paint"}]$$, (select week from tests.demo))),
  'error 22023', 'an unknown op is refused');
select is(tests.edits('supervisor', tests.rev(), '{"op": "clear"}'), 'error 22023', 'edits must be an array');
select is(tests.edits('supervisor', tests.rev(), format(
  $$[{"op": "set", "agent_id": "ac000000-0000-4000-8000-000000000201", "day": "%s", "starts_at": "09:00", "ends_at": "17:00"}]$$,
  (select week from tests.demo))), 'error 23514', 'an agent of another team is refused by the shift trigger');
select is(tests.edits('supervisor', tests.rev(), format(
  $$[{"op": "set", "agent_id": "ac000000-0000-4000-8000-000000000104", "day": "%s"}]$$, (select week from tests.demo))),
  'error 23502', 'a shift needs a template or times');
select is(tests.rev(), :r1, 'refused batches change nothing, not even their first good edit');
select is(tests.edits('agent', tests.rev(), '[]'), 'error 42501', 'an agent may not edit');
select is(tests.edits('qa', tests.rev(), '[]'), 'error 42501', 'QA reads but may not edit');
select is(tests.edits('display', tests.rev(), '[]'), 'error 42501', 'a display may not edit');
select is(tests.outcome(tests.actor('supervisor'),
  format('select public.apply_schedule_edits(%L, 0, %L::jsonb)', (select published from tests.demo), '[]')),
  'error CB011', 'a published version cannot be edited');
-- Open shifts: added with no agent, removed by id.
select tests.keep_as(tests.actor('supervisor'), format($$select public.apply_schedule_edits(%L, %s, %L::jsonb)$$,
  (select draft from tests.demo), tests.rev(), format(
  $$[{"op": "set", "agent_id": null, "day": "%s", "template_id": "57000000-0000-4000-8000-000000000002"}]$$, (select week + 5 from tests.demo))));
select is((select count(*) from schedule_shifts where schedule_id = (select draft from tests.demo) and agent_id is null), 1::bigint,
  'an open shift is added');
select tests.keep_as(tests.actor('supervisor'), format($$select public.apply_schedule_edits(%L, %s, %L::jsonb)$$,
  (select draft from tests.demo), tests.rev(), format($$[{"op": "remove", "shift_id": "%s"}]$$,
  (select id from schedule_shifts where schedule_id = (select draft from tests.demo) and agent_id is null))));
select is((select count(*) from schedule_shifts where schedule_id = (select draft from tests.demo) and agent_id is null), 0::bigint,
  'and removed by its id');

-- ------------------------------------------------------------ readers and topics
select is(tests.outcome(tests.actor('qa'), 'select * from schedules where status = ''draft'''), '4', 'QA reads every team''s drafts');
select is(tests.outcome(tests.actor('analyst'), 'select * from schedule_shifts'),
  (select count(*)::text from schedule_shifts), 'analysts read every shift of the site');
select is(tests.outcome(tests.actor('display'), 'select * from schedules'), '0', 'a display still reads no schedule');
select is(
  array(select tests.outcome(tests.actor(who), $$select 1 where app.can_read_topic('schedule:7e000000-0000-4000-8000-000000000001')$$)
        from unnest(array['lead', 'supervisor', 'qa', 'agent', 'display']) with ordinality as w (who, n) order by n),
  array['1', '1', '1', '0', '0'],
  'planners and QA follow a team''s schedule topic; its agents and displays do not');

-- ------------------------------------------------------------ member directory
select is(tests.outcome(tests.actor('admin'), format('select * from public.site_member_directory(%L)', '5a000000-0000-4000-8000-000000000001')),
  (select count(*)::text from members where site_id = '5a000000-0000-4000-8000-000000000001'), 'an admin lists the site''s members');
select u.email as display_email, tests.actor('admin') as admin_id
from auth.users u join members m on m.user_id = u.id where m.role = 'display' limit 1 \gset
select tests.become(:'admin_id');
select email as listed_email from public.site_member_directory('5a000000-0000-4000-8000-000000000001') where role = 'display' limit 1 \gset
select set_config('role', 'none', true);
select is(:'listed_email'::text, :'display_email'::text, 'with their email');
select is(tests.outcome(tests.actor('supervisor'), format('select * from public.site_member_directory(%L)', '5a000000-0000-4000-8000-000000000001')),
  'error 42501', 'nobody else');

select * from finish();
rollback;
