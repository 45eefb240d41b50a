-- Who may edit a site's wallboard settings, written once (issue 9): the
-- board_settings policies and the settings page both ask
-- app.can_edit_board_settings(site_id), instead of the policies naming the
-- roles and the page keeping its own copy of the list. The page reads it
-- through board_settings_editable_sites(): the sites where the caller may.

create function app.can_edit_board_settings(site_id uuid) returns boolean
language sql
stable
set search_path = ''
as $$
  select app.has_site_role(can_edit_board_settings.site_id, '{supervisor,manager,admin}')
$$;

comment on function app.can_edit_board_settings(uuid) is
  'Whether the caller may create or change the site''s wallboard settings: supervisors, managers and admins.';

revoke execute on function app.can_edit_board_settings(uuid) from public, anon, authenticated;
grant execute on function app.can_edit_board_settings(uuid) to authenticated, service_role;

drop policy "supervisors, managers and admins can create board settings" on public.board_settings;
drop policy "supervisors, managers and admins can change board settings" on public.board_settings;

create policy "board settings editors can create board settings" on public.board_settings
  for insert to authenticated with check (app.can_edit_board_settings(site_id));
create policy "board settings editors can change board settings" on public.board_settings
  for update to authenticated
  using (app.can_edit_board_settings(site_id))
  with check (app.can_edit_board_settings(site_id));

-- Security invoker: the caller sees only their own memberships (RLS on
-- members), and the helper answers for the caller.
create function public.board_settings_editable_sites()
returns table (site_id uuid)
language sql
stable
set search_path = ''
as $$
  select m.site_id
  from public.members m
  where m.user_id = (select auth.uid()) and app.can_edit_board_settings(m.site_id)
  order by m.site_id
$$;

comment on function public.board_settings_editable_sites() is
  'The sites whose wallboard settings the caller may edit (app.can_edit_board_settings).';

revoke execute on function public.board_settings_editable_sites() from public, anon, authenticated;
grant execute on function public.board_settings_editable_sites() to authenticated;
