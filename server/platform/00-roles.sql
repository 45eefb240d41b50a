-- Platform shim: the database roles a Supabase project has, and the default
-- grants Supabase gives them on schema public. Applied by the single-box
-- server before our migrations on a bare Postgres or PGlite; never applied to
-- a real Supabase project, which already has all of this.
--
-- Written to be re-runnable: every statement checks before it creates.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  -- PostgREST logs in as authenticator and switches to the role in the JWT.
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator noinherit nologin;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;

-- Supabase's API roles inherit (supabase/postgres made them so in 2023).
-- Nothing is granted to them, so this changes no privilege; it keeps the
-- roles as they are on Supabase (tests/conformance checks them).
alter role anon inherit;
alter role authenticated inherit;
alter role service_role inherit;

-- Supabase's defaults: API roles may use public and get table, sequence and
-- function privileges on everything created there; row-level security is what
-- actually decides. Our migrations narrow these where a table is write-only
-- through RPC.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
