-- Platform shim: Supabase Realtime's `realtime` schema as far as Broadcast
-- from Database and private-channel authorization need it. Signatures and
-- behaviour follow supabase/realtime's tenant migrations:
--   realtime.messages      rows RLS decides channel access on, and the rows
--                          realtime.send() writes for fan-out;
--   realtime.topic()       the topic being authorized, from a setting;
--   realtime.send()        insert a broadcast message, never fail the caller;
--   realtime.broadcast_changes()  send a row change as a broadcast.
-- Known differences: messages is not partitioned by day (the single-box
-- server prunes old rows instead), and a NOTIFY tells the single-box server
-- about new rows where Supabase reads them from the WAL. Both deliver only
-- after commit.

create schema if not exists realtime;
grant usage on schema realtime to anon, authenticated, service_role;

create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  id uuid not null default gen_random_uuid(),
  primary key (id, inserted_at)
);
create index if not exists messages_inserted_at_topic_index
  on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated;
-- As on Supabase, the service role reads, writes and updates messages but
-- deletes none (the single-box server prunes as the table's owner).
grant select, insert, update on realtime.messages to service_role;
revoke delete, truncate, references, trigger on realtime.messages from service_role;

create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;
grant execute on function realtime.topic() to anon, authenticated, service_role;

create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  generated_id uuid;
  final_payload jsonb;
begin
  begin
    generated_id := gen_random_uuid();
    -- Clients de-duplicate on payload.id; keep one the caller chose.
    if payload ? 'id' then
      final_payload := payload;
    else
      final_payload := jsonb_set(payload, '{id}', to_jsonb(generated_id));
    end if;
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception
    when others then
      -- A failed broadcast must not roll back the caller's transaction.
      raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
language plpgsql
as $$
declare
  row_data jsonb := '{}'::jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation in ('INSERT', 'UPDATE', 'DELETE') then
    row_data := jsonb_build_object(
      'old_record', old, 'record', new, 'operation', operation,
      'table', table_name, 'schema', table_schema
    );
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
exception
  when others then
    raise exception 'Failed to process the row: %', sqlerrm;
end;
$$;

-- Single-box fan-out: tell the server a broadcast row was committed. The
-- payload carries only the id, far below NOTIFY's 8000-byte limit.
create or replace function realtime.notify_new_message() returns trigger
language plpgsql
as $$
begin
  if new.extension = 'broadcast' then
    perform pg_notify('realtime_messages', new.id::text);
  end if;
  return null;
end;
$$;

drop trigger if exists notify_new_message on realtime.messages;
create trigger notify_new_message
  after insert on realtime.messages
  for each row execute function realtime.notify_new_message();

do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;
