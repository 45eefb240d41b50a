-- The database's clock, for boards that tick (longest wait, time in state):
-- they measure their offset from it at every (re)connect, so a TV whose clock
-- is minutes off still shows the right waiting times (DESIGN.md §3).
-- clock_timestamp(), not now(): the time of the call, not of the transaction.

create function public.server_time() returns timestamptz
language sql
volatile
set search_path = ''
as $$
  select clock_timestamp()
$$;

revoke execute on function public.server_time() from public, anon, authenticated;
grant execute on function public.server_time() to authenticated, service_role;
