-- Publishing reaches agents (issue 10, item 6): when a version of a team's
-- week becomes the published one — by publish_schedule, or by a swap's
-- approval, which publishes through it — each affected agent gets a small
-- broadcast on their private topic `agent:<agent_id>` (who may join it is
-- app.can_read_topic, 20261122120500), so an open "My schedule" page reloads
-- the week. Affected: the team's active agents, and whoever holds a shift in
-- the new version or in the version it supersedes (an agent moved to another
-- team still learns that their old shifts are gone).
--
-- The payload names the version only (schedule, team, week, version): never
-- anyone's shifts, so no agent learns another's data from it; the page reads
-- its own rows through RLS.
--
-- Also here: public.schedule_publisher(schedule_id), the name of who
-- published a version, for the planners' print view (auth.users is not
-- readable through the API).

create function app.broadcast_schedule_published() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  superseded uuid;
  target uuid;
begin
  if tg_op = 'UPDATE' and old.status = 'published' then
    return null; -- already published: nothing new for anyone
  end if;
  -- The version this one replaces: the last one published before it. A
  -- draft set aside by a swap's approval is superseded too, but was never
  -- published (no published_at), so it is not it.
  select s.id into superseded
  from public.schedules s
  where s.team_id = new.team_id and s.week_start = new.week_start and s.id <> new.id
    and s.status = 'superseded' and s.published_at is not null
  order by s.published_at desc, s.version desc
  limit 1;

  for target in
    select a.id from public.agents a where a.team_id = new.team_id and a.active
    union
    select sh.agent_id from public.schedule_shifts sh
    where sh.schedule_id in (new.id, superseded) and sh.agent_id is not null
  loop
    perform realtime.send(
      jsonb_build_object('schedule_id', new.id, 'team_id', new.team_id, 'week_start', new.week_start,
        'version', new.version),
      'schedule_published', 'agent:' || target, true);
  end loop;
  return null;
end;
$$;
revoke execute on function app.broadcast_schedule_published() from public, anon, authenticated;

-- After the row changed: publish_schedule has already marked the version
-- before as superseded in its previous statement, and a published version's
-- shifts no longer change (CB011), so the lists are final here.
create trigger schedules_broadcast_published after insert or update of status on public.schedules
  for each row when (new.status = 'published') execute function app.broadcast_schedule_published();

-- Who published a version, as a name: their agent name at the site, the
-- display name of their account, or its email. The team's planners only.
create function public.schedule_publisher(schedule_id uuid) returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  s public.schedules;
  who text;
begin
  select * into s from public.schedules where id = schedule_publisher.schedule_id;
  if not found or not app.can_plan_team(s.team_id) then
    raise exception 'only the team''s planners see who published its schedules' using errcode = '42501';
  end if;
  select coalesce(a.display_name, nullif(btrim(u.raw_user_meta_data ->> 'display_name'), ''), u.email::text)
  into who
  from auth.users u
  left join public.agents a on a.user_id = u.id and a.site_id = s.site_id
  where u.id = s.published_by;
  return who;
end;
$$;
comment on function public.schedule_publisher(uuid) is
  'The name of who published a schedule version (null when not published or unknown). The team''s planners only.';
revoke execute on function public.schedule_publisher(uuid) from public, anon, authenticated;
grant execute on function public.schedule_publisher(uuid) to authenticated, service_role;
