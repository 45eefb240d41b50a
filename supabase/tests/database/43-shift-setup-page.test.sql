-- What the seasons and shift templates pages call (20261205710000): which
-- sites a user may read and change, a year copied from an earlier one with
-- month ends kept, the product's default seasons, a template saved with its
-- seasons and queues in one go, and a used template that cannot be deleted.
begin;
select plan(33);

\ir test-helpers.psql

select tests.add_second_site();

-- ------------------------------------------------------------ who may

select is(tests.outcome('a0000000-0000-4000-8000-000000000003', 'select * from shift_setup_sites() where may_edit'), '1',
  'the supervisor may change the demo site''s setup');
select is(tests.outcome('a0000000-0000-4000-8000-000000000101', 'select * from shift_setup_sites() where not may_edit'),
  '1', 'an agent reads it and may not change it');
select is(tests.outcome('a0000000-0000-4000-8000-000000000011', 'select * from shift_setup_sites() where not may_edit'),
  '1', 'a team lead reads it and may not change it');
select is(tests.outcome('a0000000-0000-4000-8000-000000000004', 'select * from shift_setup_sites()'), '0',
  'a wall display reads none of it');
select is(tests.outcome(null, 'select * from shift_setup_sites()'), 'error 42501', 'anon may not ask');
select is(tests.outcome('b0000000-0000-4000-8000-000000000203',
    $$select * from shift_setup_sites() where site_id = '5b000000-0000-4000-8000-000000000002' and may_edit$$),
  '1', 'the second site''s supervisor: their own site only');

-- ------------------------------------------------------------ moving dates by years

select is(app.move_period_end('2027-02-28', 1), '2028-02-29'::date, 'the end of February stays the end (into a leap year)');
select is(app.move_period_end('2028-02-29', 1), '2029-02-28'::date, 'and out of one');
select is(app.move_period_end('2027-04-30', 1), '2028-04-30'::date, 'the end of April');
select is(app.move_period_end('2027-03-14', 2), '2029-03-14'::date, 'a day within a month keeps its date');
select is(app.move_period_end('2027-02-28', 1) + 1, '2028-03-01'::date,
  'a period starting 1 March 2027 (the day after 28 February) starts 1 March 2028');

-- ------------------------------------------------------------ copying a year

select lives_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000003',
    $q$select public.copy_season_periods('5a000000-0000-4000-8000-000000000001', 2027, 2028)$q$)$$,
  'the supervisor copies 2027 into 2028');
select is(
  array(select format('%s %s..%s', s.name, p.starts_on, p.ends_on) from season_periods p join seasons s on s.id = p.season_id
        where p.site_id = '5a000000-0000-4000-8000-000000000001' and p.starts_on >= '2028-01-01' order by p.starts_on),
  array['冬季 Winter 2028-01-01..2028-04-30', '夏季 Summer 2028-05-01..2028-09-30', '冬季 Winter 2028-10-01..2028-12-31'],
  'the same seasons on the same dates a year later');
select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000003',
    $q$select public.copy_season_periods('5a000000-0000-4000-8000-000000000001', 2027, 2028)$q$)$$,
  '23P01', 'season periods may not overlap: 冬季 Winter already covers 2028-01-01 to 2028-04-30',
  'copying into a year that has periods is refused, naming the season there');
select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000003',
    $q$select public.copy_season_periods('5a000000-0000-4000-8000-000000000001', 2031, 2032)$q$)$$,
  'CB040', 'no season period starts in 2031, so there is nothing to copy', 'an empty year has nothing to copy');
select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000101',
    $q$select public.copy_season_periods('5a000000-0000-4000-8000-000000000001', 2027, 2029)$q$)$$,
  '42501', 'only the site''s supervisors, managers and admins change its seasons and shift templates',
  'an agent may not copy');
select throws_ok(
  $$select tests.keep_as('b0000000-0000-4000-8000-000000000203',
    $q$select public.copy_season_periods('5a000000-0000-4000-8000-000000000001', 2027, 2029)$q$)$$,
  '42501', null, 'nor another site''s supervisor');

-- ------------------------------------------------------------ the defaults

select lives_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000002',
    $q$select public.add_default_seasons('5a000000-0000-4000-8000-000000000001', 2029, 'Summer', 'Winter')$q$)$$,
  'the manager fills 2029 with the defaults');
select is(
  array(select format('%s %s..%s', s.name, p.starts_on, p.ends_on) from season_periods p join seasons s on s.id = p.season_id
        where p.site_id = '5a000000-0000-4000-8000-000000000001' and p.starts_on >= '2029-01-01' order by p.starts_on),
  array['冬季 Winter 2029-01-01..2029-04-30', '夏季 Summer 2029-05-01..2029-09-30', '冬季 Winter 2029-10-01..2029-12-31'],
  'the site''s own seasons with the default hours are used');
select is((select count(*)::int from seasons where site_id = '5a000000-0000-4000-8000-000000000001'), 2,
  'and no season is added');
select lives_ok(
  $$select tests.keep_as('b0000000-0000-4000-8000-000000000203',
    $q$select public.add_default_seasons('5b000000-0000-4000-8000-000000000002', 2027, '夏季', '冬季')$q$)$$,
  'a site with no seasons gets the defaults too');
select is(
  array(select format('%s %s-%s', name, day_start, day_end) from seasons
        where site_id = '5b000000-0000-4000-8000-000000000002' order by name),
  array['冬季 09:00:00-17:00:00', '夏季 09:00:00-17:30:00'],
  'made with the names given and the default hours');
select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000011',
    $q$select public.add_default_seasons('5a000000-0000-4000-8000-000000000001', 2030, 'Summer', 'Winter')$q$)$$,
  '42501', null, 'a team lead may not');

-- ------------------------------------------------------------ saving a template

select lives_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000003',
    $q$select public.save_shift_template('5a000000-0000-4000-8000-000000000001',
      '  Night test  ', '22:00', '06:00',
      '[{"start_min": 240, "minutes": 30, "paid": false}, {"start_min": 120, "minutes": 15, "paid": true}]', '#223344',
      '{5e500000-0000-4000-8000-000000000001}', '{9e000000-0000-4000-8000-000000000003,9e000000-0000-4000-8000-000000000001}')$q$)$$,
  'the supervisor adds a night template with its season and queues');
create view tests.night as select id from shift_templates where name = 'Night test';
select is(
  (select format('%s %s/%s %s', t.name, t.span_min, t.paid_min, t.updated_by) from shift_templates t
   where t.id = (select id from tests.night)),
  'Night test 480/450 a0000000-0000-4000-8000-000000000003', 'trimmed, paid time derived, who recorded');
select is(
  (select count(*)::int from shift_template_seasons where template_id = (select id from tests.night)) * 10
  + (select count(*)::int from shift_template_queues where template_id = (select id from tests.night)),
  12, 'one season, two queues');
select lives_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000003',
    format($q$select public.save_shift_template('5a000000-0000-4000-8000-000000000001',
      'Night test', '22:00', '06:30', '[]', '#223344', '{}', '{9e000000-0000-4000-8000-000000000003}', %L)$q$,
      (select id from tests.night)))$$,
  'the supervisor changes it: later end, no breaks, every season, one queue');
select is(
  (select format('%s/%s', span_min, paid_min) from shift_templates where id = (select id from tests.night))
  || ' ' || (select count(*) from shift_template_seasons where template_id = (select id from tests.night))
  || ' ' || (select string_agg(queue_id::text, ',') from shift_template_queues where template_id = (select id from tests.night)),
  '510/510 0 9e000000-0000-4000-8000-000000000003', 'the links follow the lists given');
select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000003',
    $q$select public.save_shift_template('5a000000-0000-4000-8000-000000000001', 'Bad break', '09:00', '17:00',
      '[{"start_min": 450, "minutes": 60, "paid": false}]', '#223344', '{}', '{}')$q$)$$,
  '23514', 'a break must lie inside the shift: the one at minute 450 for 60 min does not fit a shift of 480 min',
  'a break outside the shift is refused in words');
select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000003',
    $q$select public.save_shift_template('5a000000-0000-4000-8000-000000000001',
      'Ghost', '09:00', '17:00', '[]', '#223344', '{}', '{}', '57000000-0000-4000-8000-0000000000ee')$q$)$$,
  'P0002', null, 'changing a template that is not there');
select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000101',
    $q$select public.save_shift_template('5a000000-0000-4000-8000-000000000001', 'Agent''s', '09:00', '17:00',
      '[]', '#223344', '{}', '{}')$q$)$$,
  '42501', null, 'an agent may not save a template');
select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000003',
    $q$select public.save_shift_template('5a000000-0000-4000-8000-000000000001', 'Other queue', '09:00', '17:00',
      '[]', '#223344', '{}', '{9b000000-0000-4000-8000-000000000021}')$q$)$$,
  '23503', null, 'nor staff another site''s queue, and nothing of it stays');

-- A template the schedules use cannot be deleted (the page offers to archive it).
select throws_ok(
  $$select tests.keep_as('a0000000-0000-4000-8000-000000000003',
    $q$delete from shift_templates where id = '57000000-0000-4000-8000-000000000002'$q$)$$,
  '23503', null, 'a template in use by schedules is not deleted');

select * from finish();
rollback;
