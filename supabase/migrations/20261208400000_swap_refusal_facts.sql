-- A swap refused for a broken rule (CB023) carries the rule's facts in its
-- DETAIL beside the rule, agent and day, so the browser words the reason in
-- the user's language as the rota editor does (facts: 20261208100000)
-- instead of showing the message's English sentence. The message itself is
-- unchanged for API users and logs.
create or replace function app.refuse_swap_violations(w public.shift_swaps, built uuid) returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v record;
  who text;
begin
  with before as materialized (
    select * from app.schedule_violations_of(w.schedule_id)
  ), after as materialized (
    select * from app.schedule_violations_of(built)
  )
  select a.* into v
  from after a
  where a.agent_id in (w.proposer_agent_id, w.colleague_agent_id)
    and not exists (
      select 1 from before b
      where b.agent_id = a.agent_id and b.day is not distinct from a.day and b.rule = a.rule
    )
  order by a.rule, a.agent_id = w.colleague_agent_id desc, a.day nulls first
  limit 1;
  if found then
    select a.display_name into who from public.agents a where a.id = v.agent_id;
    raise exception 'the swap would break the rule "%" for %: %', v.rule, who, v.detail
      using errcode = 'CB023',
        detail = jsonb_build_object('rule', v.rule, 'agent', who, 'day', v.day, 'facts', v.facts)::text;
  end if;
end;
$$;
revoke execute on function app.refuse_swap_violations(public.shift_swaps, uuid) from public, anon, authenticated;
