-- Working days (20261205100000): who reads and edits a site's calendar, the
-- 2026 Spring Festival as the State Council set it (15–23 February off, 16–19
-- statutory, Saturdays 14 and 28 February worked), National Day and its
-- make-up Saturday, deadlines counted across them, and a year nobody has
-- filled in (2027 in the seed) refused instead of counted as weekdays.
begin;
select plan(157);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- ------------------------------------------------------------ RLS matrix
-- Columns: agent, lead, supervisor, manager, qa, analyst, admin, display, anon
-- (anon holds the table grants every API role has, and RLS gives it nothing).
insert into tests.matrix (op, what, statement, expected) values
  ('select', 'the demo site''s calendar days',
    $$select * from site_calendar_days where site_id = '5a000000-0000-4000-8000-000000000001'$$,
    '{72,72,72,72,72,72,72,72,0}'),
  ('insert', 'a calendar day',
    $$insert into site_calendar_days (site_id, day, kind, name)
      values ('5a000000-0000-4000-8000-000000000001', '2026-12-24', 'rest_day', 'Company day off')$$,
    '{42501,42501,42501,1,42501,42501,1,42501,42501}'),
  ('update', 'a calendar day',
    $$update site_calendar_days set name = 'Spring Festival'
      where site_id = '5a000000-0000-4000-8000-000000000001' and day = '2026-02-17'$$,
    '{0,0,0,1,0,0,1,0,0}'),
  ('delete', 'a calendar day',
    $$delete from site_calendar_days where site_id = '5a000000-0000-4000-8000-000000000001' and day = '2026-02-17'$$,
    '{0,0,0,1,0,0,1,0,0}'),
  ('select', 'the demo site''s calendar years',
    $$select * from site_calendar_years where site_id = '5a000000-0000-4000-8000-000000000001'$$,
    '{2,2,2,2,2,2,2,2,0}'),
  ('insert', 'a calendar year',
    $$insert into site_calendar_years (site_id, year, source)
      values ('5a000000-0000-4000-8000-000000000001', 2027, 'entered by hand')$$,
    '{42501,42501,42501,1,42501,42501,1,42501,42501}'),
  ('update', 'a calendar year',
    $$update site_calendar_years set source = 'checked'
      where site_id = '5a000000-0000-4000-8000-000000000001' and year = 2026$$,
    '{0,0,0,1,0,0,1,0,0}'),
  ('delete', 'a calendar year',
    $$delete from site_calendar_years where site_id = '5a000000-0000-4000-8000-000000000001' and year = 2025$$,
    '{0,0,0,1,0,0,1,0,0}'),
  ('select', 'the national holidays',
    $$select * from national_holidays where country = 'CN'$$,
    '{72,72,72,72,72,72,72,72,0}'),
  ('insert', 'a national holiday',
    $$insert into national_holidays (country, day, kind, name_zh, name_en)
      values ('CN', '2026-12-25', 'rest_day', '假', 'Fake')$$,
    '{42501,42501,42501,42501,42501,42501,42501,42501,42501}');

select * from tests.check_matrix();

-- The calendar's writers are asked of one helper.
select is(
  (select count(*)::int from pg_policies
   where schemaname = 'public' and tablename in ('site_calendar_days', 'site_calendar_years')
     and cmd in ('INSERT', 'UPDATE', 'DELETE')
     and (coalesce(qual, '') || coalesce(with_check, '')) not like '%can_edit_site_calendar(site_id)%'),
  0, 'every write policy of the site calendar asks app.can_edit_site_calendar');

-- ------------------------------------------------------------ the shipped data

select is(
  (select array_agg(n.day order by n.day) from national_holidays n where n.year = 2026 and n.kind = 'statutory_holiday'),
  '{2026-01-01,2026-02-16,2026-02-17,2026-02-18,2026-02-19,2026-04-05,2026-05-01,2026-05-02,2026-06-19,2026-09-25,2026-10-01,2026-10-02,2026-10-03}'::date[],
  '2026: the 13 statutory days (New Year 1, Spring Festival 4 from New Year''s Eve, Qingming 1, Labour Day 2, Dragon Boat 1, Mid-Autumn 1, National Day 3)');
select is(
  (select count(*)::int from national_holidays n where n.year = 2025 and n.kind = 'statutory_holiday'),
  13, '2025: 13 statutory days too');
select is(
  (select array_agg(n.day order by n.day) from national_holidays n where n.year = 2026 and n.kind = 'working_day'),
  '{2026-01-04,2026-02-14,2026-02-28,2026-05-09,2026-09-20,2026-10-10}'::date[],
  '2026: the six make-up working days');
select is(
  (select array_agg(format('%s %s', to_char(c.day, 'MM-DD'), c.kind) order by c.day) from site_calendar_days c
   where c.site_id = '5a000000-0000-4000-8000-000000000001' and c.day between '2026-02-14' and '2026-02-28'),
  array['02-14 working_day', '02-15 rest_day', '02-16 statutory_holiday', '02-17 statutory_holiday',
    '02-18 statutory_holiday', '02-19 statutory_holiday', '02-20 rest_day', '02-21 rest_day', '02-22 rest_day',
    '02-23 rest_day', '02-28 working_day'],
  'the demo site''s Spring Festival 2026: statutory days apart from the bridged days off, both Saturdays worked');
select is(
  (select c.name from site_calendar_days c where c.site_id = '5a000000-0000-4000-8000-000000000001' and c.day = '2026-02-17'),
  '春节', 'loaded in the site''s language');
select is(
  (select c.source from site_calendar_years c where c.site_id = '5a000000-0000-4000-8000-000000000001' and c.year = 2026),
  (select n.source from national_holiday_years n where n.country = 'CN' and n.year = 2026),
  'the site''s year names where its data came from');
select ok(
  (select n.source like '%国务院办公厅关于2026年部分节假日安排的通知%' from national_holiday_years n
   where n.country = 'CN' and n.year = 2026),
  'the 2026 data names the State Council notice');

-- ------------------------------------------------------------ is_working_day

select is(
  array(select format('%s %s', to_char(d, 'MM-DD Dy'), app.is_working_day('5a000000-0000-4000-8000-000000000001', d::date)::text)
        from generate_series(date '2026-02-12', date '2026-03-02', interval '1 day') as d order by d),
  array['02-12 Thu true', '02-13 Fri true', '02-14 Sat true', '02-15 Sun false', '02-16 Mon false', '02-17 Tue false',
    '02-18 Wed false', '02-19 Thu false', '02-20 Fri false', '02-21 Sat false', '02-22 Sun false', '02-23 Mon false',
    '02-24 Tue true', '02-25 Wed true', '02-26 Thu true', '02-27 Fri true', '02-28 Sat true', '03-01 Sun false',
    '03-02 Mon true'],
  'Spring Festival 2026 day by day: the make-up Saturdays work, the nine days off do not, weekends around them rest');
select is(app.is_working_day('5a000000-0000-4000-8000-000000000001', '2026-04-06'), false,
  '6 April 2026, a Monday, is off in lieu of Qingming on a Sunday');
select is(app.is_working_day('5a000000-0000-4000-8000-000000000001', '2026-12-07'), true, 'an ordinary Monday works');
select is(app.is_working_day('5a000000-0000-4000-8000-000000000001', '2026-12-06'), false, 'an ordinary Sunday rests');
select is(app.is_working_day('5e000000-0000-4000-8000-0000000000ff', '2026-12-07'), null, 'an unknown site: null');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000101',
    $$select 1 where app.is_working_day('5a000000-0000-4000-8000-000000000001', '2026-02-14')$$),
  '1', 'an agent may ask (a deadline of theirs is counted with it)');
select is(
  tests.outcome(null, $$select app.is_working_day('5a000000-0000-4000-8000-000000000001', '2026-02-14')$$),
  'error 42501', 'anon may not');

-- ------------------------------------------------------------ add_working_days

select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-02-13', 1), date '2026-02-14',
  'Friday 13 February + 1 working day: the make-up Saturday');
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-02-13', 2), date '2026-02-24',
  '+ 2: the first day after the holiday');
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-02-12', 3), date '2026-02-24',
  'an appeal seen on Thursday 12 February: 3 working days end on 24 February');
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-02-24', 4), date '2026-02-28',
  '24 February + 4: Saturday the 28th, a make-up working day');
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-02-24', 5), date '2026-03-02',
  'answered within 5 working days of the 24th: by Monday 2 March');
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-09-30', 1), date '2026-10-08',
  '30 September + 1: 8 October, after the National Day week');
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-09-30', 3), date '2026-10-10',
  '+ 3: Saturday 10 October, a make-up working day');
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-09-30', 5), date '2026-10-13',
  '+ 5: Tuesday 13 October');
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-02-24', -1), date '2026-02-14',
  '24 February − 1: back across the holiday to the make-up Saturday');
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-02-15', 0), date '2026-02-15',
  '+ 0 is the day itself, worked or not');
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-12-30', 1), date '2026-12-31',
  '30 December + 1 stays in 2026 and needs no 2027 data');

-- ------------------------------------------------------------ working_days_between

select is(app.working_days_between('5a000000-0000-4000-8000-000000000001', '2026-02-13', '2026-02-24'), 2,
  'from Friday 13 to Tuesday 24 February: two working days (the 14th and the 24th)');
select is(app.working_days_between('5a000000-0000-4000-8000-000000000001', '2026-02-24', '2026-02-13'), -2,
  'backwards: negative');
select is(app.working_days_between('5a000000-0000-4000-8000-000000000001', '2026-02-24', '2026-02-24'), 0, 'same day: 0');
select is(app.working_days_between('5a000000-0000-4000-8000-000000000001', '2026-02-15', '2026-02-23'), 0,
  'inside the holiday: none');
select is(app.working_days_between('5a000000-0000-4000-8000-000000000001', '2026-01-01', '2026-12-31'), 248,
  '2026: 248 working days (New Year''s Day itself is not one; chinese-days 1.5.7 counts 248 too)');
select is(
  app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-03-03',
    app.working_days_between('5a000000-0000-4000-8000-000000000001', '2026-03-03', '2026-10-10')),
  date '2026-10-10', 'add_working_days undoes working_days_between up to a working day');

-- ------------------------------------------------------------ the page's RPCs

select is(
  tests.outcome(a.id, $$select * from public.site_calendar_editable_sites()$$),
  case when a.name in ('manager', 'admin') then '1' when a.name = 'anon' then 'error 42501' else '0' end,
  format('%s: site_calendar_editable_sites lists %s', a.name,
    case when a.name in ('manager', 'admin') then 'the demo site' when a.name = 'anon' then 'nothing (refused)' else 'no site' end))
from tests.actors a order by a.ord;
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000002',
    $$select 1 where public.working_days_in_year('5a000000-0000-4000-8000-000000000001', 2026) = 248$$),
  '1', 'working_days_in_year: 248 in 2026 at the demo site, for its manager');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000002',
    $$select 1 where public.working_days_in_year('5a000000-0000-4000-8000-000000000001', 2027) is not null$$),
  'error CB001', 'and CB001 for 2027, not filled in');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000101',
    $$select 1 where public.working_days_in_year('5a000000-0000-4000-8000-000000000001', 2026) = 248$$),
  '1', 'an agent of the site may ask');
select tests.add_second_site();
select is(
  tests.outcome('b0000000-0000-4000-8000-000000000202',
    $$select 1 where public.working_days_in_year('5a000000-0000-4000-8000-000000000001', 2026) is not null$$),
  'error 42501', 'another site''s manager may not');

-- ------------------------------------------------------------ a year nobody filled in

select throws_ok($$select app.is_working_day('5a000000-0000-4000-8000-000000000001', '2027-01-04')$$,
  'CB001', 'the site''s calendar has no public holiday data for 2027',
  '2027 is not filled in: is_working_day refuses instead of guessing');
select throws_ok($$select app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-12-30', 5)$$,
  'CB001', 'the site''s calendar has no public holiday data for 2027',
  'a deadline that runs into 2027 is refused');
select throws_ok($$select app.working_days_between('5a000000-0000-4000-8000-000000000001', '2026-12-01', '2027-01-10')$$,
  'CB001', 'the site''s calendar has no public holiday data for 2027', 'a count across into 2027 is refused');
select throws_ok($$select app.is_working_day('5a000000-0000-4000-8000-000000000001', '2024-12-31')$$,
  'CB001', 'the site''s calendar has no public holiday data for 2024', 'so is a year before the data');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000002',
    $$select public.load_national_holidays('5a000000-0000-4000-8000-000000000001', 2027)$$),
  'error CB003', 'loading 2027 says Callboard ships no data for it');

-- A manager fills 2027 in by hand (one day is enough to show it counts).
select tests.keep_as('a0000000-0000-4000-8000-000000000002',
  $$insert into site_calendar_years (site_id, year, source)
    values ('5a000000-0000-4000-8000-000000000001', 2027, '国务院办公厅关于2027年部分节假日安排的通知, typed in by the manager')$$);
select tests.keep_as('a0000000-0000-4000-8000-000000000002',
  $$insert into site_calendar_days (site_id, day, kind, name)
    values ('5a000000-0000-4000-8000-000000000001', '2027-01-01', 'statutory_holiday', '元旦')$$);
select is(app.add_working_days('5a000000-0000-4000-8000-000000000001', '2026-12-30', 2), date '2027-01-04',
  'with 2027 filled in: 30 December + 2 skips New Year''s Day and the weekend to Monday 4 January');
select is(
  (select c.updated_by from site_calendar_days c where c.site_id = '5a000000-0000-4000-8000-000000000001' and c.day = '2027-01-01'),
  'a0000000-0000-4000-8000-000000000002'::uuid, 'the day records who entered it');
select throws_ok(
  $$insert into site_calendar_days (site_id, day, kind, name)
    values ('5a000000-0000-4000-8000-000000000001', '2028-01-01', 'statutory_holiday', '元旦')$$,
  '23503', null, 'a day of a year not filled in cannot be recorded');

-- Emptying a year takes its days with it, and the helpers refuse it again.
delete from site_calendar_years where site_id = '5a000000-0000-4000-8000-000000000001' and year = 2025;
select is(
  (select count(*)::int from site_calendar_days where site_id = '5a000000-0000-4000-8000-000000000001' and year = 2025),
  0, 'removing 2025 removes its days');
select throws_ok($$select app.is_working_day('5a000000-0000-4000-8000-000000000001', '2025-10-08')$$,
  'CB001', 'the site''s calendar has no public holiday data for 2025', 'and 2025 is refused again');

-- Loading: a supervisor may not, a manager may, once.
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000003',
    $$select public.load_national_holidays('5a000000-0000-4000-8000-000000000001', 2025)$$),
  'error 42501', 'a supervisor may not load a year');
select is(
  (select public.load_national_holidays('5a000000-0000-4000-8000-000000000001', 2025)), 33,
  'loading 2025 again brings back its 33 days');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000002',
    $$select public.load_national_holidays('5a000000-0000-4000-8000-000000000001', 2026)$$),
  'error 23505', 'a year already filled in is not loaded over the site''s own changes');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000002',
    $$select public.load_national_holidays('5e000000-0000-4000-8000-0000000000ff', 2026)$$),
  'error 22023', 'an unknown site is refused');

-- ------------------------------------------------------------ the weekly pattern

update sites set rest_weekdays = '{7}' where id = '5a000000-0000-4000-8000-000000000001';
select is(app.is_working_day('5a000000-0000-4000-8000-000000000001', '2026-12-05'), true,
  'a six-day site (Sundays off): Saturday works');
select is(app.is_working_day('5a000000-0000-4000-8000-000000000001', '2026-02-21'), false,
  'but not a Saturday inside the Spring Festival');
select is(app.working_days_between('5a000000-0000-4000-8000-000000000001', '2026-11-29', '2026-12-06'), 6,
  'six working days in its week');
select throws_ok($$update sites set rest_weekdays = '{1,2,3,4,5,6,7}' where id = '5a000000-0000-4000-8000-000000000001'$$,
  '23514', null, 'a week with no working day is refused');
select throws_ok($$update sites set rest_weekdays = '{0}' where id = '5a000000-0000-4000-8000-000000000001'$$,
  '23514', null, 'a weekday outside 1–7 is refused');

-- ------------------------------------------------------------ privileges

select ok(not has_function_privilege('authenticated', 'app.day_is_working(uuid, date)', 'execute'),
  'the unchecked day reader is internal');
select ok(not has_function_privilege('authenticated', 'app.require_calendar_years(uuid, date, date)', 'execute'),
  'so is the year check');
select ok(not has_function_privilege('anon', 'public.load_national_holidays(uuid, integer, text)', 'execute'),
  'anon may not load holidays');

select * from finish();
rollback;
