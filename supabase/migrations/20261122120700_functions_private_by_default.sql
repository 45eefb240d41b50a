-- Functions are private until granted, for real this time.
--
-- Postgres gives EXECUTE on every new function to PUBLIC through its global
-- defaults, and a per-schema `alter default privileges ... revoke` (as in the
-- tenancy migration) cannot take a global default back. So anon could call
-- any new function in public by RPC. Revoke the global default for the role
-- that runs migrations; each function is then granted explicitly (STYLE.md 13).

alter default privileges revoke execute on functions from public;
