-- Only a site admin may link or unlink the login of an agent row.
--
-- `app.is_own_agent()` trusts agents.user_id, and the update policy on agents
-- lets supervisors and managers edit agent rows. Without this guard a
-- supervisor could point an outbound caller's row at their own login and then
-- read that caller's leads (customer names and phone numbers), which only the
-- owner, their team lead and managers may see (DESIGN.md §4). Admins may
-- change it: they can already grant themselves any role.

create function app.guard_agent_user_id() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.user_id is distinct from old.user_id
     and (select auth.role()) = 'authenticated'
     and not app.has_site_role(old.site_id, '{admin}') then
    raise exception 'only a site admin may change which login an agent row belongs to'
      using errcode = '42501', hint = 'Ask an administrator to link the login.';
  end if;
  return new;
end;
$$;
revoke execute on function app.guard_agent_user_id() from public, anon, authenticated;

create trigger guard_user_id before update on public.agents
  for each row execute function app.guard_agent_user_id();
