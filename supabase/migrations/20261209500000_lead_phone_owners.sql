-- The duplicate check of a call list before it is imported (issue 13,
-- DOMAIN.md "Outbound teams"): a team lead previews a file and sees which
-- phone numbers the site already has, and whose lead each one is, before
-- import_leads stores anything. It tells no more than import_leads tells
-- after the fact (the owner's name, never the earlier customer's name or
-- notes), and only to those who hand out call lists: team leads and managers.
--
-- Codes: CB140 a check that is not valid (no phones, too many).

create function public.lead_phone_owners(site_id uuid, phones text[])
returns table (phone text, owner_agent_id uuid, owner_name text)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  if not app.has_site_role(lead_phone_owners.site_id, '{lead,manager}') then
    raise exception 'only team leads and managers check call lists' using errcode = '42501';
  end if;
  if phones is null or cardinality(phones) not between 1 and 5000 then
    raise exception 'a call list has 1 to 5000 phone numbers' using errcode = 'CB140';
  end if;
  -- The earliest lead of each number, as import_leads names it.
  return query
    select p.phone, earliest.owner_agent_id, a.display_name
    from (select distinct unnest(phones) as phone) p
    cross join lateral (
      select l.owner_agent_id from public.leads l
      where l.site_id = lead_phone_owners.site_id and l.phone_key = app.phone_key(p.phone)
      order by l.created_at
      limit 1
    ) earliest
    join public.agents a on a.id = earliest.owner_agent_id
    where app.phone_key(p.phone) <> '';
end;
$$;
comment on function public.lead_phone_owners(uuid, text[]) is
  'Which of these phone numbers the site already has as leads, and the caller who owns each (no customer data). Team leads and managers.';
revoke execute on function public.lead_phone_owners(uuid, text[]) from public, anon, authenticated;
grant execute on function public.lead_phone_owners(uuid, text[]) to authenticated, service_role;
