-- Per-site wallboard settings (issue 5): which queues the overview shows,
-- agent-state limits, the playlist, the quiet reload hour and outbound
-- targets. One JSON document per site; the app validates it with zod on read
-- and write, the database insists only that it is a small object. Members
-- (displays included) read it; supervisors, managers and admins write it.
-- Every change is stamped with a live version and broadcast to the site's
-- wall topic, so the TVs follow a new setting without a reload.

create table public.board_settings (
  site_id uuid primary key references public.sites (id) on delete cascade,
  settings jsonb not null default '{}'::jsonb
    constraint board_settings_settings_is_an_object check (jsonb_typeof(settings) = 'object')
    constraint board_settings_settings_is_small check (pg_column_size(settings) <= 16384),
  version bigint not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null
);
alter table public.board_settings enable row level security;
comment on table public.board_settings is 'Wallboard choices per site (queues, limits, playlist, reload hour, targets); validated by the app.';

-- Settings are set, never removed from the app: an absent row means defaults.
revoke all on public.board_settings from anon;
revoke delete, truncate on public.board_settings from authenticated;

-- security definer: the shared version sequence is not granted to API roles.
create function app.stamp_board_settings() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.version := nextval('app.live_version_seq');
  new.updated_at := now();
  new.updated_by := (select auth.uid());
  return new;
end;
$$;
revoke execute on function app.stamp_board_settings() from public, anon, authenticated;

create trigger stamp_version before insert or update on public.board_settings
  for each row execute function app.stamp_board_settings();
create trigger broadcast_to_wall after insert or update on public.board_settings
  for each row execute function app.broadcast_live_row();

create policy "members and displays can read their site's board settings" on public.board_settings
  for select to authenticated using (app.is_site_member(site_id));
create policy "supervisors, managers and admins can create board settings" on public.board_settings
  for insert to authenticated with check (app.has_site_role(site_id, '{supervisor,manager,admin}'));
create policy "supervisors, managers and admins can change board settings" on public.board_settings
  for update to authenticated
  using (app.has_site_role(site_id, '{supervisor,manager,admin}'))
  with check (app.has_site_role(site_id, '{supervisor,manager,admin}'));
