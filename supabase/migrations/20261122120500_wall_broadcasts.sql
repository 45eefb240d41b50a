-- Broadcast from Database for the wallboards (DESIGN.md §3): every change to
-- a live table is sent to the private topic `wall:<site_id>` as a small
-- payload {table, operation, record} (for deletes, the old row's keys), and
-- realtime.messages policies decide who may join which topic:
--   wall:<site_id>    any member of the site, displays included;
--   agent:<agent_id>  that agent, their team lead, and the site's
--                     supervisors, managers and admins.
-- Members may also publish presence on those topics (TVs report they are
-- alive); broadcasts themselves come only from the database.

create function app.broadcast_live_row() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  row_json jsonb;
begin
  if tg_op = 'DELETE' then
    row_json := to_jsonb(old);
  else
    row_json := to_jsonb(new);
  end if;
  perform realtime.send(
    jsonb_build_object('table', tg_table_name, 'operation', tg_op, 'record', row_json),
    tg_table_name,
    'wall:' || (row_json ->> 'site_id'),
    true
  );
  return null;
end;
$$;
revoke execute on function app.broadcast_live_row() from public, anon, authenticated;

create trigger broadcast_to_wall after insert or update or delete on public.queue_live
  for each row execute function app.broadcast_live_row();
create trigger broadcast_to_wall after insert or update or delete on public.agent_live
  for each row execute function app.broadcast_live_row();
create trigger broadcast_to_wall after insert or update or delete on public.queue_intervals
  for each row execute function app.broadcast_live_row();

-- The uuid inside a topic 'prefix:<uuid>', or null when the topic has another
-- shape (so a malformed topic authorizes nothing instead of raising).
create function app.topic_uuid(topic text, prefix text) returns uuid
language sql immutable
set search_path = ''
as $$
  select case
    when topic ~ ('^' || prefix || ':[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')
    then substr(topic, length(prefix) + 2)::uuid
  end
$$;

-- May the caller receive messages on this topic?
create function app.can_read_topic(topic text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select coalesce(
    app.is_site_member(app.topic_uuid(topic, 'wall'))
    or app.is_own_agent(app.topic_uuid(topic, 'agent'))
    or app.leads_agent(app.topic_uuid(topic, 'agent'))
    or exists (
      select 1 from public.agents a
      where a.id = app.topic_uuid(topic, 'agent')
        and app.has_site_role(a.site_id, '{supervisor,manager,admin}')
    ),
    false
  )
$$;

revoke execute on function app.topic_uuid(text, text), app.can_read_topic(text) from public, anon, authenticated;
grant execute on function app.topic_uuid(text, text), app.can_read_topic(text) to authenticated, service_role;

create policy "members receive their site wall and permitted agent topics" on realtime.messages
  for select to authenticated using (
    extension in ('broadcast', 'presence') and app.can_read_topic((select realtime.topic()))
  );

create policy "members can publish presence on topics they can receive" on realtime.messages
  for insert to authenticated with check (
    extension = 'presence' and app.can_read_topic((select realtime.topic()))
  );
