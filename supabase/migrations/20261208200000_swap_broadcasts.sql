-- Shift swaps reach their inboxes live (issue 10, items 6 and 7): whenever a
-- swap is proposed or moves on (accepted, declined, cancelled, approved,
-- rejected, made stale by a newer version of its week), `swap_changed` goes
-- to the private topics of its two agents, `agent:<agent_id>`, and of its
-- team's planners, `schedule:<team_id>` (who may join either is
-- app.can_read_topic, 20261207160000), so an open "My swaps" page or the
-- planners' swap desk reads its list again.
--
-- The payload is the swap's id and status only: no names, shifts or times.
-- The schedule topic is also followed by the site's QA and analysts, who do
-- not read swaps; from it they learn no more than that some swap of the team
-- moved on. Whoever may read the swap reads it through RLS.
--
-- Also here: public.shift_swaps_waiting(site_id), the navigation's count of
-- swaps waiting for the caller.

-- A constraint trigger deferred to commit, like the rota's broadcasts
-- (20261205700000): proposing inserts the swap and then records its first
-- step, an approval changes the swap before publishing, so the row changes
-- more than once per transaction; the topics get one message with the state
-- the transaction leaves. The transaction-local setting remembers the status
-- already sent for the swap, so the other queued firings send nothing, while
-- a status reached later in the same transaction (a test firing the trigger
-- at once after each step) is still sent.
create function app.broadcast_swap_changed() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  sent_key text := 'callboard.swap_sent_' || replace(new.id::text, '-', '');
  w public.shift_swaps;
  topic text;
begin
  select * into w from public.shift_swaps where id = new.id;
  if not found then
    return null; -- gone with its week in the same transaction: no inbox shows it any more
  end if;
  if current_setting(sent_key, true) = w.status::text then
    return null;
  end if;
  perform set_config(sent_key, w.status::text, true);
  foreach topic in array array[
    'agent:' || w.proposer_agent_id, 'agent:' || w.colleague_agent_id, 'schedule:' || w.team_id
  ] loop
    perform realtime.send(jsonb_build_object('swap_id', w.id, 'status', w.status), 'swap_changed', topic, true);
  end loop;
  return null;
end;
$$;
revoke execute on function app.broadcast_swap_changed() from public, anon, authenticated;

create constraint trigger shift_swaps_broadcast_change after insert or update of status on public.shift_swaps
  deferrable initially deferred
  for each row execute function app.broadcast_swap_changed();

-- ---------------------------------------------------------------- the count

-- The number the navigation shows: swaps waiting for the caller — proposed
-- to them as the colleague, or accepted and waiting for the decision of a
-- team they plan. Only swaps whose shifts are still to come: one begun can
-- be neither accepted nor approved any more (CB021).
create function public.shift_swaps_waiting(site_id uuid) returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select count(*)::integer
  from public.shift_swaps w
  join public.schedule_shifts mine on mine.id = w.proposer_shift_id
  left join public.schedule_shifts theirs on theirs.id = w.colleague_shift_id
  where w.site_id = shift_swaps_waiting.site_id
    and mine.start_ts > now() and (theirs.id is null or theirs.start_ts > now())
    and ((w.status = 'proposed' and app.is_own_agent(w.colleague_agent_id))
      or (w.status = 'accepted' and app.can_plan_team(w.team_id)))
$$;
comment on function public.shift_swaps_waiting(uuid) is
  'How many of the site''s swaps wait for the caller: to answer as the colleague asked, or to decide as a planner of the team (the navigation badge).';
revoke execute on function public.shift_swaps_waiting(uuid) from public, anon, authenticated;
grant execute on function public.shift_swaps_waiting(uuid) to authenticated, service_role;
