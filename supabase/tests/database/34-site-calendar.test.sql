-- The site's calendar in SQL (20261204500100): app.site_today, app.site_day
-- and app.site_week at the boundaries the browser's site-time.ts is tested
-- at — 23:59:59 and 00:00 in Asia/Shanghai against a UTC site, Sunday night
-- into Monday, a 23-hour daylight-saving day — and wall_outbound_today
-- counting by them (its own arithmetic is gone).
begin;
select plan(17);

create schema tests;
insert into public.sites (id, name, time_zone) values
  ('5c000000-0000-4000-8000-000000000001', 'UTC test site', 'UTC'),
  ('5c000000-0000-4000-8000-000000000002', 'London test site', 'Europe/London');

create function tests.day(site text, day date) returns text language sql as $$
  select format('[%s, %s)',
    to_char(lower(r) at time zone 'UTC', 'YYYY-MM-DD HH24:MI'), to_char(upper(r) at time zone 'UTC', 'YYYY-MM-DD HH24:MI'))
  from (select app.site_day(site::uuid, day) as r) d
$$;
create function tests.week(site text, day date) returns text language sql as $$
  select format('[%s, %s)',
    to_char(lower(r) at time zone 'UTC', 'YYYY-MM-DD HH24:MI'), to_char(upper(r) at time zone 'UTC', 'YYYY-MM-DD HH24:MI'))
  from (select app.site_week(site::uuid, day) as r) w
$$;

-- 23:59:59 on 23 Nov in Shanghai is 15:59:59 UTC; a second later it is the 24th there, still the 23rd in UTC.
select is(app.site_today('5a000000-0000-4000-8000-000000000001', '2026-11-23 15:59:59+00'), date '2026-11-23',
  'Shanghai, 23:59:59 local: still the 23rd');
select is(app.site_today('5a000000-0000-4000-8000-000000000001', '2026-11-23 16:00:00+00'), date '2026-11-24',
  'Shanghai, 00:00 local: the 24th');
select is(app.site_today('5c000000-0000-4000-8000-000000000001', '2026-11-23 16:00:00+00'), date '2026-11-23',
  'the same instant at a UTC site: still the 23rd');
select is(app.site_today('5a000000-0000-4000-8000-000000000001', '2026-11-24 00:00:00+00'), date '2026-11-24',
  'UTC midnight is 08:00 in Shanghai: the same site day');
select is(app.site_today('5a000000-0000-4000-8000-000000000001'),
  (now() at time zone 'Asia/Shanghai')::date, 'without a moment: the site''s date now');

select is(tests.day('5a000000-0000-4000-8000-000000000001', '2026-11-24'), '[2026-11-23 16:00, 2026-11-24 16:00)',
  'a Shanghai day runs from 16:00 UTC to 16:00 UTC');
select is(tests.day('5c000000-0000-4000-8000-000000000001', '2026-11-24'), '[2026-11-24 00:00, 2026-11-25 00:00)',
  'a UTC site''s day runs midnight to midnight UTC');
select is(tests.day('5c000000-0000-4000-8000-000000000002', '2026-03-29'), '[2026-03-29 00:00, 2026-03-29 23:00)',
  'the spring-forward day in London is 23 hours');
select is(tests.day('5c000000-0000-4000-8000-000000000002', '2026-10-25'), '[2026-10-24 23:00, 2026-10-26 00:00)',
  'the fall-back day in London is 25 hours');

select is(tests.week('5a000000-0000-4000-8000-000000000001',
    app.site_today('5a000000-0000-4000-8000-000000000001', '2026-11-29 15:59:00+00')),
  '[2026-11-22 16:00, 2026-11-29 16:00)', 'Sunday 23:59 in Shanghai: the week of Monday the 23rd');
select is(tests.week('5a000000-0000-4000-8000-000000000001',
    app.site_today('5a000000-0000-4000-8000-000000000001', '2026-11-29 16:00:00+00')),
  '[2026-11-29 16:00, 2026-12-06 16:00)', 'a minute later it is Monday the 30th there');
select is(tests.week('5c000000-0000-4000-8000-000000000001',
    app.site_today('5c000000-0000-4000-8000-000000000001', '2026-11-29 16:00:00+00')),
  '[2026-11-23 00:00, 2026-11-30 00:00)', 'at a UTC site that instant is still Sunday');

select ok(app.site_day('5d000000-0000-4000-8000-000000000009', '2026-11-24') is null
  and app.site_today('5d000000-0000-4000-8000-000000000009') is null, 'an unknown site has no calendar');

select ok(
  (select prosrc like '%app.site_day%' and prosrc like '%app.site_week%' and prosrc not like '%time zone%'
   from pg_proc where oid = 'public.wall_outbound_today(uuid)'::regprocedure),
  'wall_outbound_today takes its day and week from the helpers');
select is(
  (select format('[%s, %s)', to_char((r->>'from')::timestamptz at time zone 'UTC', 'YYYY-MM-DD HH24:MI'),
     to_char((r->>'to')::timestamptz at time zone 'UTC', 'YYYY-MM-DD HH24:MI'))
   from (select public.rebuild_live('5c000000-0000-4000-8000-000000000002', '2026-10-25') as r) x),
  '[2026-10-24 23:00, 2026-10-26 00:00)', 'rebuild_live rebuilds the 25-hour fall-back day whole');
select ok(
  (select prosrc like '%app.site_day%' and prosrc not like '%time zone%'
   from pg_proc where oid = 'public.rebuild_live(uuid, date)'::regprocedure),
  'rebuild_live takes its day from the helper');
select ok(
  not has_function_privilege('authenticated', 'app.site_day(uuid, date)', 'execute')
  and not has_function_privilege('anon', 'app.site_today(uuid, timestamptz)', 'execute'),
  'the helpers are not part of the API');

select * from finish();
rollback;
