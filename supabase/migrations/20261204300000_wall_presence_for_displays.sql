-- Presence on a site's wall topic is how a TV reports that it is alive and
-- what it shows; the settings page lists those reports. Until now any member
-- who could receive the topic could also publish presence on it, so any
-- agent could add a fake TV, with any metadata, to that list. From here on
-- only `display` members of the site may publish presence on `wall:<site>`.
-- Everyone who receives the topic still reads presence (supervisors,
-- managers and admins see the TVs on /settings). agent:<agent> topics keep
-- their rule: whoever may receive one may publish presence on it.
--
-- Supabase Realtime authorizes a private channel's presence track by
-- inserting a realtime.messages row with extension 'presence' as the caller
-- under realtime.topic; this insert policy is what it meets.

create function app.can_publish_presence(topic text) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select case
    when app.topic_uuid(topic, 'wall') is not null
      then app.has_site_role(app.topic_uuid(topic, 'wall'), '{display}')
    else app.can_read_topic(topic)
  end
$$;

revoke execute on function app.can_publish_presence(text) from public, anon, authenticated;
grant execute on function app.can_publish_presence(text) to authenticated, service_role;

drop policy "members can publish presence on topics they can receive" on realtime.messages;

create policy "displays publish presence on their site wall, readers on agent topics" on realtime.messages
  for insert to authenticated with check (
    extension = 'presence' and app.can_publish_presence((select realtime.topic()))
  );
