-- Bodies for the Supabase functions that Callboard's migrations, seed and
-- pgTAP suite execute, written by us from Supabase's documentation (the
-- catalog records signatures only). Every other auth and realtime function
-- of the conformance database refuses to run, so this list stays as short
-- as what we actually call. `create or replace` fails if a signature here
-- drifts from the catalog's, which keeps the two honest.

-- The user id of the request: the JWT's `sub`, as PostgREST passes it in
-- request.jwt.claims (older PostgREST: request.jwt.claim.sub).
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
  )::uuid
$$;

-- The API role of the request (anon, authenticated, service_role), from the JWT's `role`.
create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'
  )::text
$$;

-- The topic Realtime is authorizing, which it sets before it asks the
-- realtime.messages policies whether a user may join or send.
create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;

-- Broadcast from the database: one row in realtime.messages that Realtime
-- delivers to the topic's subscribers after commit. The payload gets the
-- message id unless it has one (clients drop repeats by it), the topic is set
-- for policies that read realtime.topic(), and a failure (no partition for
-- today, a policy) is a warning: a broadcast never fails the caller.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql volatile
as $$
declare
  message_id uuid := gen_random_uuid();
begin
  begin
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, topic, extension, event, private, payload)
    values (
      message_id, topic, 'broadcast', event, private,
      case when payload ? 'id' then payload else payload || jsonb_build_object('id', message_id) end
    );
  exception
    when others then
      raise warning 'realtime.send to %: %', topic, sqlerrm;
  end;
end;
$$;
