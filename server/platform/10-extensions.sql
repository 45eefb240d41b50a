-- Platform shim: Supabase installs extensions into their own schema
-- `extensions`, so migrations and seeds call e.g. extensions.crypt().
create schema if not exists extensions;
create extension if not exists pgcrypto with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role;
