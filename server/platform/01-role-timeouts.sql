-- Platform shim: the statement timeouts Supabase sets on its API roles, so a
-- runaway request is cut off here the way it is there: anon 3 s,
-- authenticated 8 s, and authenticator 8 s (the limit of API roles without
-- their own, such as service_role). PostgREST, and the single box's REST API
-- with it, applies the role a request runs as to that request's transaction.
-- On the single box CALLBOARD_STATEMENT_TIMEOUT replaces all three.
--
-- Re-runnable: alter role … set replaces the value it had.

alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
