-- The seed's demo users can sign in on a real Supabase project as well as
-- on the single box. GoTrue reads aud, role and the token and change columns
-- of auth.users into strings and fails every sign-in on a NULL there ("Database
-- error querying schema", supabase/auth issue 1940); Supabase gives four of
-- them no default, so the seed must set them. GoTrue also finds the password
-- through the user's email identity.
begin;
select plan(14);

create temporary table demo_users on commit drop as
select * from auth.users where email like '%@demo.local';

select is((select count(*)::int from demo_users), 50, 'the seed has 50 demo users: 9 staff, a kiosk and 40 agents');

select is(
  array(select u.email::text from demo_users u where to_jsonb(u) ->> c.column_name is null order by 1),
  '{}'::text[],
  format('no demo user has a NULL %s (GoTrue reads it as a string)', c.column_name))
from (values ('aud'), ('role'), ('confirmation_token'), ('recovery_token'), ('email_change_token_current'),
  ('email_change_token_new'), ('email_change'), ('phone_change_token'), ('phone_change'), ('reauthentication_token')
) as c (column_name);

select is(
  array(select u.email::text from demo_users u where not exists (
    select 1 from auth.identities i where i.user_id = u.id and i.provider = 'email' and i.provider_id = u.id::text
  ) order by 1),
  '{}'::text[],
  'every demo user has an email identity');

select is(
  array(select email::text from demo_users where email_confirmed_at is null order by 1), '{}'::text[],
  'every demo user has a confirmed address');

select is(
  array(select email::text from demo_users where encrypted_password !~ '^\$2[ab]\$10\$' order by 1), '{}'::text[],
  'every demo password is a bcrypt hash of cost 10, as GoTrue makes them');

select * from finish();
rollback;
