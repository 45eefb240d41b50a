-- Publishing reaches agents (20261205400000): a version that becomes the
-- published one sends `schedule_published` to the private topic of each
-- affected agent — the team's active agents and whoever holds a shift in the
-- new or the superseded version — once each, with the version's ids only.
-- Starting or editing a draft, throwing it away and a refused publish send
-- nothing; a swap's approval publishes and so sends too; agents of other
-- teams and sites get nothing. And who published, for the planners.
begin;
select plan(24);

\ir test-helpers.psql

insert into tests.actors (ord, name, id) values
  (1, 'agent01', 'a0000000-0000-4000-8000-000000000101'),
  (2, 'agent02', 'a0000000-0000-4000-8000-000000000102'),
  (3, 'lead1', 'a0000000-0000-4000-8000-000000000011'),
  (4, 'supervisor', 'a0000000-0000-4000-8000-000000000003'),
  (5, 'display', 'a0000000-0000-4000-8000-000000000004');
select tests.add_second_site();

-- Next week: published by the seed (version 1) for every team. Its years get
-- holiday data if they have none, so publishing is never refused for that.
create table tests.w as
select date_trunc('week', app.site_today('5a000000-0000-4000-8000-000000000001')::timestamp)::date + 7 as w1;
insert into public.site_calendar_years (site_id, year, source)
select '5a000000-0000-4000-8000-000000000001', y, 'test: a year with no holidays'
from generate_series(extract(year from (select w1 from tests.w))::integer, extract(year from (select w1 + 8 from tests.w))::integer) y
on conflict do nothing;

create function tests.agent(n integer) returns uuid language sql as $$
  select format('ac000000-0000-4000-8000-%s', lpad((100 + n)::text, 12, '0'))::uuid
$$;
create function tests.version(v integer) returns public.schedules language sql as $$
  select * from public.schedules
  where team_id = '7e000000-0000-4000-8000-000000000001' and week_start = (select w1 from tests.w) and version = v
$$;
-- The broadcasts sent since the last tests.mark(): topic → count.
create table tests.seen (id uuid primary key);
create function tests.mark() returns void language sql as $$
  insert into tests.seen select id from realtime.messages on conflict do nothing
$$;
create function tests.sent() returns table (topic text, n bigint) language sql as $$
  select m.topic, count(*) from realtime.messages m
  where m.event = 'schedule_published' and m.id not in (select id from tests.seen)
  group by m.topic
$$;
create function tests.topics_of(agents integer[]) returns text[] language sql as $$
  select array_agg('agent:' || tests.agent(n) order by 'agent:' || tests.agent(n)) from unnest(agents) n
$$;
create function tests.sent_topics() returns text[] language sql as $$
  select coalesce(array_agg(topic order by topic), '{}') from tests.sent()
$$;
-- One value of a query evaluated as an actor, the way the API would.
create function tests.value_as(actor text, query text) returns text language plpgsql as $$
declare
  result text;
begin
  perform tests.become(tests.actor(actor));
  execute query into result;
  perform set_config('role', 'none', true);
  return result;
end;
$$;
create function tests.try(actor text, statement text) returns text language plpgsql as $$
begin
  perform tests.keep_as(tests.actor(actor), statement);
  return 'ok';
exception
  when others then return sqlstate || ' ' || sqlerrm;
end;
$$;

-- ------------------------------------------------------------ a draft sends nothing
select tests.mark();
select is(tests.try('lead1', format($$select public.create_schedule_draft('7e000000-0000-4000-8000-000000000001', %L)$$,
  (select w1 from tests.w))), 'ok', 'lead1 starts version 2 of next week (a copy of version 1)');
-- agent03 leaves the new version and moves to team 2; agent99 joins team 1
-- with no shift, agent98 too but inactive.
select is(tests.try('lead1', format('delete from public.schedule_shifts where schedule_id = %L and agent_id = %L',
  (tests.version(2)).id, tests.agent(3))), 'ok', 'lead1 takes agent03 off the draft');
update public.agents set team_id = '7e000000-0000-4000-8000-000000000002' where id = tests.agent(3);
insert into public.agents (id, site_id, team_id, display_name, employee_no, active) values
  (tests.agent(99), '5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', 'New in team 1', 'T099', true),
  (tests.agent(98), '5a000000-0000-4000-8000-000000000001', '7e000000-0000-4000-8000-000000000001', 'Gone from team 1', 'T098', false);
select is(tests.sent_topics(), '{}', 'starting and editing a draft sends no schedule_published');

-- ------------------------------------------------------------ refused publishes send nothing
select is(left(tests.try('lead1', format('select public.publish_schedule(%L, %s)', (tests.version(2)).id,
  (tests.version(2)).revision - 1)), 5), 'PT409', 'a publish against an old revision is refused');
select is(left(tests.try('supervisor', format('select public.publish_schedule(%L, %s)',
  (select id from public.schedules where team_id = '7e000000-0000-4000-8000-000000000001' and status = 'draft'
     and week_start = (select w1 + 7 from tests.w)),
  (select revision from public.schedules where team_id = '7e000000-0000-4000-8000-000000000001' and status = 'draft'
     and week_start = (select w1 + 7 from tests.w)))), 5), 'CB010', 'the demo draft with violations is refused without a reason');
select is(tests.sent_topics(), '{}', 'and neither sends anything');

-- ------------------------------------------------------------ publishing
select is(tests.try('lead1', format('select public.publish_schedule(%L, %s)', (tests.version(2)).id, (tests.version(2)).revision)),
  'ok', 'lead1 publishes version 2');
select is(tests.sent_topics(), tests.topics_of('{1,2,3,4,5,6,7,8,9,10,99}'),
  'the team''s active agents and agent03 (a shift in the version superseded) are told; not agent98 (inactive, no shift)');
select is((select max(n) from tests.sent()), 1::bigint, 'once each');
select is(
  (select array_agg(distinct m.payload - 'id') from realtime.messages m
   where m.event = 'schedule_published' and m.id not in (select id from tests.seen)),
  array[jsonb_build_object('schedule_id', (tests.version(2)).id, 'team_id', '7e000000-0000-4000-8000-000000000001',
    'week_start', (select w1 from tests.w), 'version', 2)],
  'the payload names the version only: schedule, team, week and version number');
select is((select bool_and(m.private) from realtime.messages m
  where m.event = 'schedule_published' and m.id not in (select id from tests.seen)), true, 'on private topics');
select is((select count(*) from tests.sent() where topic in ('agent:' || tests.agent(11), 'agent:ab000000-0000-4000-8000-000000000201')),
  0::bigint, 'an agent of another team and the agent of another site get nothing');

-- ------------------------------------------------------------ a draft thrown away sends nothing
select tests.mark();
select is(tests.try('supervisor', format($$select public.create_schedule_draft('7e000000-0000-4000-8000-000000000001', %L)$$,
  (select w1 from tests.w))), 'ok', 'the supervisor starts version 3');
select is(tests.try('supervisor', format($$insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, starts_at, ends_at)
  values ('5a000000-0000-4000-8000-000000000001', %L, %L, %L, '10:00', '12:00')$$,
  (tests.version(3)).id, tests.agent(99), (select w1 + 6 from tests.w))), 'ok', 'adds a shift');
select is(tests.try('supervisor', format('delete from public.schedules where id = %L', (tests.version(3)).id)), 'ok',
  'and throws the draft away');
select is(tests.sent_topics(), '{}', 'nothing is sent for any of it');

-- ------------------------------------------------------------ a swap's approval publishes, and so sends
-- agent01 and agent02 exchange their Monday shifts (early and split) of version 2.
select is(tests.try('agent01', format('select public.propose_shift_swap(%L, %L, %L, null)',
  (select id from public.schedule_shifts where schedule_id = (tests.version(2)).id and agent_id = tests.agent(1) and day = (select w1 from tests.w)),
  tests.agent(2),
  (select id from public.schedule_shifts where schedule_id = (tests.version(2)).id and agent_id = tests.agent(2) and day = (select w1 from tests.w)))),
  'ok', 'agent01 offers Monday''s early shift for agent02''s split shift');
select is(tests.try('agent02', format('select public.answer_shift_swap(%L, true)',
  (select id from public.shift_swaps where proposer_agent_id = tests.agent(1) and status = 'proposed'))), 'ok', 'agent02 accepts');
select is(tests.try('lead1', format('select public.decide_shift_swap(%L, true, null)',
  (select id from public.shift_swaps where proposer_agent_id = tests.agent(1) and status = 'accepted'))), 'ok',
  'lead1 approves the swap: version 3 is published');
select is(tests.sent_topics(), tests.topics_of('{1,2,4,5,6,7,8,9,10,99}'),
  'the team''s active agents are told (agent03 held no shift in version 2 and is in another team now)');
select is((select array_agg(distinct (m.payload ->> 'version')::integer) from realtime.messages m
  where m.event = 'schedule_published' and m.id not in (select id from tests.seen)), array[3], 'about version 3');

-- ------------------------------------------------------------ who may join, and who published
select is(
  array(select tests.outcome(tests.actor(who), format('select 1 where app.can_read_topic(%L)', 'agent:' || tests.agent(1)))
        from unnest(array['agent01', 'agent02', 'display']) with ordinality as w (who, n) order by n),
  array['1', '0', '0'], 'agent01 joins their own topic; a colleague and a display do not');
select is(
  tests.value_as('lead1', format('select public.schedule_publisher(%L)', (tests.version(2)).id)),
  '组长一 Lead 1', 'the planners see who published a version by name');
select is(left(tests.try('agent01', format('select public.schedule_publisher(%L)', (tests.version(2)).id)), 5),
  '42501', 'agents do not');

select * from finish();
rollback;
