-- Private realtime channels, authorized as Supabase Realtime does it: with
-- realtime.topic set to the channel's topic, a user may join when they can
-- select a message of it, and may publish presence when they can insert one
-- (DESIGN.md §3-4). wall:<site_id> is for every member of the site, displays
-- included, but only the site's displays publish presence there (the TV list
-- on /settings); agent:<agent_id> for that agent, their lead and the site's
-- supervisors, managers and admins. Broadcasts come only from the database.
begin;
select plan(67);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

-- tests.check_topic(): tests.check() on a channel, with realtime.topic set.
create function tests.check_topic(topic text, actor uuid, statement text, expected text, description text) returns text
language sql as $$
  select set_config('realtime.topic', topic, true);
  select tests.check(actor, statement, expected, description);
$$;

-- Site 2 with an agent, a supervisor and a display, and a qa and an analyst
-- at site 1 (test-helpers.psql).
select tests.add_second_site();
select tests.add_qa_and_analyst();

insert into tests.actors (ord, name, id) values
  (1, 'agent01', 'a0000000-0000-4000-8000-000000000101'),      -- team 1
  (2, 'agent02', 'a0000000-0000-4000-8000-000000000102'),      -- team 1
  (3, 'agent11', 'a0000000-0000-4000-8000-000000000111'),      -- team 2
  (4, 'lead1', 'a0000000-0000-4000-8000-000000000011'),        -- leads team 1
  (5, 'lead2', 'a0000000-0000-4000-8000-000000000012'),        -- leads team 2
  (6, 'supervisor', 'a0000000-0000-4000-8000-000000000003'),
  (7, 'manager', 'a0000000-0000-4000-8000-000000000002'),
  (8, 'qa', 'b0000000-0000-4000-8000-000000000005'),
  (9, 'analyst', 'b0000000-0000-4000-8000-000000000006'),
  (10, 'admin', 'a0000000-0000-4000-8000-000000000001'),
  (11, 'display', 'a0000000-0000-4000-8000-000000000004'),
  (12, 'agent of site 2', 'b0000000-0000-4000-8000-000000000201'),
  (13, 'supervisor of site 2', 'b0000000-0000-4000-8000-000000000203'),
  (14, 'display of site 2', 'b0000000-0000-4000-8000-000000000204'),
  (15, 'anon', null);

-- One message on every topic below, inserted as the database would.
create table tests.topics (name text primary key, topic text not null);
insert into tests.topics values
  ('wall:<site 1>', 'wall:5a000000-0000-4000-8000-000000000001'),
  ('wall:<site 2>', 'wall:5b000000-0000-4000-8000-000000000002'),
  ('agent:<agent01>', 'agent:ac000000-0000-4000-8000-000000000101'),
  ('wall:not-a-uuid', 'wall:not-a-uuid'),
  ('wall:<site 1>:x', 'wall:5a000000-0000-4000-8000-000000000001:x'),
  ('wall:<site 1>1', 'wall:5a000000-0000-4000-8000-0000000000011'),
  ('WALL:<site 1>', 'WALL:5a000000-0000-4000-8000-000000000001'),
  ('wall', 'wall'),
  ('an empty topic', ''),
  ('agent:<site 1>', 'agent:5a000000-0000-4000-8000-000000000001'),
  ('wall:<agent01>', 'wall:ac000000-0000-4000-8000-000000000101');
insert into realtime.messages (topic, extension, event, payload, private)
select topic, 'broadcast', 'test-message', '{"table": "queue_live"}', true from tests.topics;
-- And a TV's presence report on site 1's wall.
insert into realtime.messages (topic, extension, event, payload, private)
values ('wall:5a000000-0000-4000-8000-000000000001', 'presence', 'test-presence', '{"board": "/wall"}', true);

select is(
  (select relrowsecurity from pg_class where oid = 'realtime.messages'::regclass), true,
  'realtime.messages has row level security enabled'
);

select tests.check_topic(t.topic, a.id, c.statement, c.expected,
  format('%s: %s %s', a.name, c.verb, t.name))
from (values
  -- receive: can the user select the test message of the topic?
  (1, 'wall:<site 1>', 'receive', '{agent01, lead1, supervisor, manager, qa, analyst, admin, display}', '1'),
  (2, 'wall:<site 1>', 'receive', '{agent of site 2, display of site 2, anon}', '0'),
  (3, 'wall:<site 2>', 'receive', '{agent of site 2, display of site 2}', '1'),
  (4, 'wall:<site 2>', 'receive', '{display, admin}', '0'),
  (5, 'agent:<agent01>', 'receive', '{agent01, lead1, supervisor, manager, admin}', '1'),
  (6, 'agent:<agent01>', 'receive', '{agent02, agent11, lead2, qa, analyst, display, supervisor of site 2, anon}', '0'),
  -- presence: may the user publish their presence on the topic? On a wall, only its site's displays
  (7, 'wall:<site 1>', 'presence', '{display}', '1'),
  (8, 'wall:<site 1>', 'presence',
    '{agent01, lead1, supervisor, manager, qa, analyst, admin, agent of site 2, display of site 2, anon}', '42501'),
  (9, 'wall:<site 2>', 'presence', '{display of site 2}', '1'),
  (10, 'wall:<site 2>', 'presence', '{display, supervisor of site 2}', '42501'),
  -- ...and who reads the TVs' presence there (the settings page lists them)
  (11, 'wall:<site 1>', 'receive presence', '{supervisor, manager, admin, display}', '1'),
  (12, 'wall:<site 1>', 'receive presence', '{display of site 2, anon}', '0'),
  (13, 'agent:<agent01>', 'presence', '{agent01, lead1}', '1'),
  (14, 'agent:<agent01>', 'presence', '{agent02, display}', '42501'),
  -- broadcasts come only from the database; messages are never changed
  (15, 'wall:<site 1>', 'broadcast', '{admin, display}', '42501'),
  (16, 'wall:<site 1>', 'update', '{admin}', '0'),
  (17, 'wall:<site 1>', 'delete', '{admin}', '42501'),
  -- a malformed topic authorizes nothing, even for an admin
  (18, 'wall:not-a-uuid', 'receive', '{admin}', '0'),
  (19, 'wall:<site 1>:x', 'receive', '{admin}', '0'),
  (20, 'wall:<site 1>1', 'receive', '{admin}', '0'),
  (21, 'WALL:<site 1>', 'receive', '{admin}', '0'),
  (22, 'wall', 'receive', '{admin}', '0'),
  (23, 'an empty topic', 'receive', '{admin}', '0'),
  (24, 'agent:<site 1>', 'receive', '{admin}', '0'),
  (25, 'wall:<agent01>', 'receive', '{admin}', '0'),
  (26, 'wall:not-a-uuid', 'presence', '{admin}', '42501'),
  (27, 'an empty topic', 'presence', '{admin}', '42501')
) as r (ord, topic_name, op, actors, expected)
join tests.topics t on t.name = r.topic_name
cross join lateral unnest(r.actors::text[]) with ordinality as u (actor, actor_ord)
join tests.actors a on a.name = u.actor
cross join lateral (
  select
    case r.op
      when 'receive' then format('select * from realtime.messages where topic = %L and event = %L', t.topic, 'test-message')
      when 'receive presence' then
        format('select * from realtime.messages where topic = %L and event = %L', t.topic, 'test-presence')
      when 'presence' then format($$insert into realtime.messages (topic, extension, event, payload, private)
        values (%L, 'presence', 'presence', '{}', true)$$, t.topic)
      when 'broadcast' then format($$insert into realtime.messages (topic, extension, event, payload, private)
        values (%L, 'broadcast', 'forged', '{}', true)$$, t.topic)
      when 'update' then format($$update realtime.messages set payload = '{}' where topic = %L$$, t.topic)
      when 'delete' then format('delete from realtime.messages where topic = %L', t.topic)
    end as statement,
    r.expected,
    case
      when r.op = 'receive' and r.expected = '0' then 'cannot receive'
      when r.op = 'receive' then 'receives'
      when r.op = 'receive presence' and r.expected = '0' then 'cannot read presence on'
      when r.op = 'receive presence' then 'reads presence on'
      when r.op = 'presence' and r.expected = '1' then 'publishes presence on'
      when r.op = 'presence' then 'cannot publish presence on'
      when r.op = 'broadcast' then 'cannot broadcast on'
      else format('cannot %s messages of', r.op)
    end as verb
) as c
order by r.ord, u.actor_ord;

select * from finish();
rollback;
