-- The leave ledger of one agent as the staff's agent page shows it (the
-- "Leave balances" panel): every grant, take-back, leave taken by an
-- approved request and leave returned by a cancelled one, newest first,
-- with who made it as a name. public.leave_ledger is readable through RLS
-- but holds only the maker's user id, and auth.users is not readable
-- through the API; app.member_name (20261206100000) gives the name the
-- other pages show. Like public.leave_balances, whoever does not read the
-- agent's attendance gets no rows.
create function public.leave_ledger_history(agent_id uuid)
returns table (
  id uuid,
  leave_type text,
  minutes integer,
  reason text,
  request_id uuid,
  made_by_name text,
  made_at timestamptz
)
language sql
stable
security definer
set search_path = ''
as $$
  select l.id, l.leave_type, l.minutes, l.reason, l.request_id, app.member_name(l.made_by, l.site_id), l.made_at
  from public.leave_ledger l
  where l.agent_id = leave_ledger_history.agent_id and app.can_read_attendance(leave_ledger_history.agent_id)
  order by l.made_at desc, l.id desc
$$;
comment on function public.leave_ledger_history(uuid) is
  'An agent''s leave ledger, newest first, with who made each entry by name (null when the ledger does not say). Whoever reads the agent''s attendance; nothing for others.';
revoke execute on function public.leave_ledger_history(uuid) from public, anon, authenticated;
grant execute on function public.leave_ledger_history(uuid) to authenticated, service_role;
