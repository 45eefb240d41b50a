-- The rota editor's database side.
--
-- * apply_schedule_edits: a batch of cell edits to a draft (set a day's shift,
--   clear it to a rest day, remove one shift) applied together against the
--   revision the editor saw. Two supervisors editing the same draft never
--   overwrite each other unseen: the second gets PT409 (HTTP 409) and reloads.
--   Undo in the editor is another batch, so it is checked the same way.
-- * Every change to a schedule version (a new draft, a revision, a publish,
--   a draft thrown away) is broadcast to the private topic
--   `schedule:<team_id>`, so the other editors' grids follow live. One message
--   per schedule per transaction, sent at commit, not one per shift.
-- * QA and analysts read schedules (every version), as the app's navigation
--   offers them; they change nothing.
-- * site_member_directory: the members page's list, with each user's email
--   (auth.users is not readable through the API). Admins only.

-- ---------------------------------------------------------------- readers

create or replace function app.can_read_schedule(schedule_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.schedules s
    where s.id = can_read_schedule.schedule_id
      and (app.can_plan_team(s.team_id)
        or app.has_site_role(s.site_id, '{qa,analyst}')
        or (s.status = 'published' and app.has_site_role(s.site_id, '{agent}') and app.is_team_member(s.team_id)))
  )
$$;

-- May the caller follow a team's schedule changes live? Whoever reads its drafts.
create function app.can_follow_team_schedules(team_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.teams t
    where t.id = can_follow_team_schedules.team_id
      and (app.can_plan_team(t.id) or app.has_site_role(t.site_id, '{qa,analyst}'))
  )
$$;
revoke execute on function app.can_follow_team_schedules(uuid) from public, anon, authenticated;
grant execute on function app.can_follow_team_schedules(uuid) to authenticated, service_role;

create or replace function app.can_read_topic(topic text) returns boolean
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
    )
    or app.can_follow_team_schedules(app.topic_uuid(topic, 'schedule')),
    false
  )
$$;

-- ---------------------------------------------------------------- live

-- A constraint trigger deferred to commit: a batch, a new draft copied from
-- the published week or a publish changes the schedules row once per shift
-- (the revision), but the editors get one message with the final state. The
-- transaction-local setting remembers which schedules were already sent.
create function app.broadcast_schedule_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  target uuid := coalesce(new.id, old.id);
  sent_key text := 'callboard.schedule_sent_' || replace(target::text, '-', '');
  s public.schedules;
  gone boolean;
begin
  if current_setting(sent_key, true) = 'yes' then
    return null;
  end if;
  perform set_config(sent_key, 'yes', true);
  select * into s from public.schedules where id = target;
  gone := not found;
  if gone then
    s := old;
  end if;
  perform realtime.send(
    jsonb_build_object(
      'schedule_id', s.id, 'week_start', s.week_start, 'version', s.version, 'revision', s.revision,
      'status', case when gone then 'deleted' else s.status::text end, 'by', (select auth.uid())),
    'schedule_changed', 'schedule:' || s.team_id, true);
  return null;
end;
$$;
revoke execute on function app.broadcast_schedule_change() from public, anon, authenticated;

create constraint trigger schedules_broadcast_change after insert or update or delete on public.schedules
  deferrable initially deferred
  for each row execute function app.broadcast_schedule_change();

-- ---------------------------------------------------------------- edits

-- edits: a JSON array, applied in order; each element one of
--   {"op": "set", "agent_id": uuid or null, "day": date, "template_id": uuid or null,
--    "starts_at": "HH:MM" or null, "ends_at": ..., "breaks": [...] or null, "note": text or null}
--       the agent's shifts that day are replaced by this one (agent null: an
--       open shift is added); times and breaks not given come from the template
--   {"op": "add", ...the same fields as set}          one more shift, nothing replaced
--   {"op": "clear", "agent_id": uuid, "day": date}   the agent rests that day
--   {"op": "remove", "shift_id": uuid}               one shift goes (an open one)
-- Returns the draft's new revision.
create function public.apply_schedule_edits(schedule_id uuid, expected_revision integer, edits jsonb)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.schedules;
  edit jsonb;
  n integer := 0;
begin
  select * into s from public.schedules where id = apply_schedule_edits.schedule_id for update;
  if not found or not app.can_plan_team(s.team_id) then
    raise exception 'only the team''s planners change its schedules' using errcode = '42501';
  end if;
  if s.status <> 'draft' then
    raise exception 'version % of this schedule is %: only a draft can be changed; start a new draft', s.version, s.status
      using errcode = 'CB011';
  end if;
  if s.revision <> expected_revision then
    raise exception 'someone else changed this draft since you loaded it (now revision %, yours %): their changes are shown now, make yours again',
      s.revision, expected_revision using errcode = 'PT409';
  end if;
  if jsonb_typeof(edits) is distinct from 'array' then
    raise exception 'edits must be a JSON array' using errcode = '22023';
  end if;
  for edit in select value from jsonb_array_elements(edits) loop
    n := n + 1;
    case edit->>'op'
      when 'set', 'add' then
        if edit->>'op' = 'set' and edit->>'agent_id' is not null then
          delete from public.schedule_shifts sh
          where sh.schedule_id = s.id and sh.agent_id = (edit->>'agent_id')::uuid and sh.day = (edit->>'day')::date;
        end if;
        insert into public.schedule_shifts (site_id, schedule_id, agent_id, day, template_id, starts_at, ends_at, breaks, note)
        values (s.site_id, s.id, (edit->>'agent_id')::uuid, (edit->>'day')::date, (edit->>'template_id')::uuid,
          (edit->>'starts_at')::time, (edit->>'ends_at')::time, coalesce(edit->'breaks', '[]'::jsonb), edit->>'note');
      when 'clear' then
        delete from public.schedule_shifts sh
        where sh.schedule_id = s.id and sh.agent_id = (edit->>'agent_id')::uuid and sh.day = (edit->>'day')::date;
      when 'remove' then
        delete from public.schedule_shifts sh where sh.schedule_id = s.id and sh.id = (edit->>'shift_id')::uuid;
      else
        raise exception 'edit % has no known op (set, add, clear or remove): %', n, edit using errcode = '22023';
    end case;
  end loop;
  select * into s from public.schedules where id = s.id;
  return s.revision;
end;
$$;
comment on function public.apply_schedule_edits(uuid, integer, jsonb) is
  'Applies a batch of cell edits to a draft against the revision the editor saw (PT409 when it moved on); returns the new revision. Planners only.';
revoke execute on function public.apply_schedule_edits(uuid, integer, jsonb) from public, anon, authenticated;
grant execute on function public.apply_schedule_edits(uuid, integer, jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------- members

create function public.site_member_directory(site_id uuid)
returns table (user_id uuid, email text, role public.app_role, team_id uuid, agent_name text, created_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not app.has_site_role(site_member_directory.site_id, '{admin}') then
    raise exception 'only the site''s admins list its members' using errcode = '42501';
  end if;
  return query
    select m.user_id, u.email::text, m.role, m.team_id, a.display_name, m.created_at
    from public.members m
    join auth.users u on u.id = m.user_id
    left join public.agents a on a.user_id = m.user_id and a.site_id = m.site_id
    where m.site_id = site_member_directory.site_id
    order by m.role, u.email;
end;
$$;
comment on function public.site_member_directory(uuid) is 'The site''s members with email, role, team and agent name. Admins only.';
revoke execute on function public.site_member_directory(uuid) from public, anon, authenticated;
grant execute on function public.site_member_directory(uuid) to authenticated, service_role;
