-- Seasons and shift templates (20261205200000): who reads and sets them
-- (displays read nothing), paid time derived from the breaks (a night shift
-- across midnight too), every malformed template refused in words, season
-- periods that never overlap, the season of a date at its boundaries, and
-- the reason a template cannot be worked on a date.
begin;
select plan(194);

-- Helpers (test-helpers.psql), gone with the rollback.
\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

-- A template no schedule names, so it can be deleted.
insert into shift_templates (id, site_id, name, starts_at, ends_at)
values ('57000000-0000-4000-8000-0000000000f1', '5a000000-0000-4000-8000-000000000001', 'Unused', '10:00', '14:00');

-- ------------------------------------------------------------ RLS matrix
-- Columns: agent, lead, supervisor, manager, qa, analyst, admin, display, anon.
insert into tests.matrix (op, what, statement, expected) values
  ('select', 'the demo site''s seasons', 'select * from seasons', '{2,2,2,2,2,2,2,0,0}'),
  ('insert', 'a season',
    $$insert into seasons (site_id, name, day_start, day_end)
      values ('5a000000-0000-4000-8000-000000000001', 'Spring', '09:00', '17:00')$$,
    '{42501,42501,1,1,42501,42501,1,42501,42501}'),
  ('update', 'a season', $$update seasons set day_end = '17:15' where name = '冬季 Winter'$$, '{0,0,1,1,0,0,1,0,0}'),
  ('delete', 'a season', $$delete from seasons where name = '夏季 Summer'$$, '{0,0,1,1,0,0,1,0,0}'),
  ('select', 'the season periods', 'select * from season_periods', '{6,6,6,6,6,6,6,0,0}'),
  ('insert', 'a season period',
    $$insert into season_periods (site_id, season_id, starts_on, ends_on)
      values ('5a000000-0000-4000-8000-000000000001', '5e500000-0000-4000-8000-000000000001', '2028-01-01', '2028-04-30')$$,
    '{42501,42501,1,1,42501,42501,1,42501,42501}'),
  ('update', 'a season period', $$update season_periods set ends_on = '2028-04-30' where starts_on = '2027-10-01'$$,
    '{0,0,1,1,0,0,1,0,0}'),
  ('delete', 'a season period', $$delete from season_periods where starts_on = '2027-10-01'$$, '{0,0,1,1,0,0,1,0,0}'),
  ('select', 'the shift templates', 'select * from shift_templates', '{8,8,8,8,8,8,8,0,0}'),
  ('insert', 'a shift template',
    $$insert into shift_templates (site_id, name, starts_at, ends_at)
      values ('5a000000-0000-4000-8000-000000000001', 'Short', '10:00', '14:00')$$,
    '{42501,42501,1,1,42501,42501,1,42501,42501}'),
  ('update', 'a shift template', $$update shift_templates set colour = '#123456' where name = '白班 Day'$$,
    '{0,0,1,1,0,0,1,0,0}'),
  ('delete', 'a shift template', $$delete from shift_templates where name = 'Unused'$$, '{0,0,1,1,0,0,1,0,0}'),
  ('select', 'the templates'' seasons', 'select * from shift_template_seasons', '{2,2,2,2,2,2,2,0,0}'),
  ('insert', 'a template''s season',
    $$insert into shift_template_seasons (site_id, template_id, season_id)
      values ('5a000000-0000-4000-8000-000000000001', '57000000-0000-4000-8000-000000000001', '5e500000-0000-4000-8000-000000000001')$$,
    '{42501,42501,1,1,42501,42501,1,42501,42501}'),
  ('delete', 'a template''s season', 'delete from shift_template_seasons', '{0,0,2,2,0,0,2,0,0}'),
  ('select', 'the templates'' queues', 'select * from shift_template_queues', '{7,7,7,7,7,7,7,0,0}'),
  ('insert', 'a template''s queue',
    $$insert into shift_template_queues (site_id, template_id, queue_id)
      values ('5a000000-0000-4000-8000-000000000001', '57000000-0000-4000-8000-000000000001', '9e000000-0000-4000-8000-000000000002')$$,
    '{42501,42501,1,1,42501,42501,1,42501,42501}'),
  ('delete', 'a template''s queue', 'delete from shift_template_queues where template_id = ''57000000-0000-4000-8000-000000000001''', '{0,0,1,1,0,0,1,0,0}');

select * from tests.check_matrix();

-- ------------------------------------------------------------ derived paid time

select is(
  array(select format('%s %s/%s', name, span_min, paid_min) from shift_templates where name <> 'Unused' order by id),
  array['早班 Early 510/480', '白班 Day 540/480', '晚班 Late 510/480', '两头班 Split 720/480', '夜班 Night 510/480',
    '冬季白班 Winter day 480/420', '夏季白班 Summer day 510/450'],
  'span and paid minutes of the demo templates: paid breaks count, unpaid do not; the night shift spans midnight');

insert into shift_templates (id, site_id, name, starts_at, ends_at, breaks) values
  ('57000000-0000-4000-8000-0000000000a1', '5a000000-0000-4000-8000-000000000001', 'Test unsorted', '23:30', '00:30',
   '[{"start_min": 40, "minutes": 5, "paid": false}, {"start_min": 10, "minutes": 5, "paid": true}]');
select is(
  (select format('%s %s/%s %s', name, span_min, paid_min, breaks) from shift_templates where id = '57000000-0000-4000-8000-0000000000a1'),
  'Test unsorted 60/55 [{"paid": true, "minutes": 5, "start_min": 10}, {"paid": false, "minutes": 5, "start_min": 40}]',
  'an hour across midnight; breaks are kept in order');
select is(
  (select updated_by from shift_templates where id = '57000000-0000-4000-8000-0000000000a1'), null::uuid,
  'a change records who made it (nobody, here: the test runs as the owner)');
select tests.keep_as('a0000000-0000-4000-8000-000000000003',
  $$update shift_templates set colour = '#abcdef' where id = '57000000-0000-4000-8000-0000000000a1'$$);
select is(
  (select updated_by from shift_templates where id = '57000000-0000-4000-8000-0000000000a1'),
  'a0000000-0000-4000-8000-000000000003'::uuid, 'the supervisor who changed it is recorded');

-- ------------------------------------------------------------ malformed templates, refused in words

create function tests.template_with(starts text, ends text, breaks text) returns text language sql as $$
  select format($f$insert into shift_templates (site_id, name, starts_at, ends_at, breaks)
    values ('5a000000-0000-4000-8000-000000000001', 'Bad', %L, %L, %L)$f$, starts, ends, breaks)
$$;

select throws_ok(tests.template_with('09:00', '09:00', '[]'), '23514',
  'a shift must end at another time than it starts (a 24-hour shift is not supported)', 'no zero-length shift');
select throws_ok(tests.template_with('09:00', '17:00', '[{"start_min": 450, "minutes": 60, "paid": false}]'), '23514',
  'a break must lie inside the shift: the one at minute 450 for 60 min does not fit a shift of 480 min',
  'a break running past the end');
select throws_ok(tests.template_with('09:00', '17:00', '[{"start_min": 0, "minutes": 15, "paid": true}]'), '23514',
  'a break must lie inside the shift: the one at minute 0 for 15 min does not fit a shift of 480 min',
  'a break at the very start');
select throws_ok(tests.template_with('09:00', '17:00',
    '[{"start_min": 100, "minutes": 30, "paid": false}, {"start_min": 120, "minutes": 15, "paid": true}]'), '23514',
  'breaks may not overlap: the one at minute 120 starts before the one before it ends (minute 130)', 'overlapping breaks');
select throws_ok(tests.template_with('09:00', '17:00', '[{"start_min": 100, "minutes": 0, "paid": false}]'), '23514',
  'a break must last at least a minute (the one at minute 100 lasts 0)', 'an empty break');
select throws_ok(tests.template_with('09:00', '17:00', '[{"start_min": 100, "minutes": 30}]'), '23514',
  'a break is {"start_min": whole minutes after the shift starts, "minutes": whole minutes, "paid": true or false}, not {"minutes": 30, "start_min": 100}',
  'a break without "paid"');
select throws_ok(tests.template_with('09:00', '17:00', '[{"start_min": 100.5, "minutes": 30, "paid": true}]'), '23514',
  null, 'a break at a fraction of a minute');
select throws_ok(tests.template_with('09:00', '17:00', '{"start_min": 100}'), '23514', 'breaks must be a list',
  'breaks that are not a list');
select throws_ok(
  $$insert into shift_templates (site_id, name, starts_at, ends_at, colour)
    values ('5a000000-0000-4000-8000-000000000001', 'Bad colour', '09:00', '17:00', 'red')$$,
  '23514', null, 'a colour that is not #rrggbb');
select throws_ok(
  $$insert into shift_templates (site_id, name, starts_at, ends_at)
    values ('5a000000-0000-4000-8000-000000000001', '白班 Day', '10:00', '18:00')$$,
  '23505', null, 'two templates of one name at a site');
select throws_ok(
  $$insert into seasons (site_id, name, day_start, day_end)
    values ('5a000000-0000-4000-8000-000000000001', 'Backwards', '17:00', '09:00')$$,
  '23514', null, 'a season''s day must end after it starts');

-- ------------------------------------------------------------ periods and the season of a date

select throws_ok(
  $$insert into season_periods (site_id, season_id, starts_on, ends_on)
    values ('5a000000-0000-4000-8000-000000000001', '5e500000-0000-4000-8000-000000000001', '2026-09-15', '2026-10-15')$$,
  '23P01', 'season periods may not overlap: 夏季 Summer already covers 2026-05-01 to 2026-09-30',
  'a period overlapping summer is refused, naming it');
select throws_ok(
  $$update season_periods set ends_on = '2026-05-01' where starts_on = '2026-01-01'$$,
  '23P01', 'season periods may not overlap: 夏季 Summer already covers 2026-05-01 to 2026-09-30',
  'stretching winter into summer by a day is refused');
select throws_ok(
  $$insert into season_periods (site_id, season_id, starts_on, ends_on)
    values ('5a000000-0000-4000-8000-000000000001', '5e500000-0000-4000-8000-000000000001', '2028-02-01', '2028-01-01')$$,
  '23514', null, 'a period that ends before it starts');

select is(
  array(select coalesce((select s.name from seasons s where s.id = app.season_on('5a000000-0000-4000-8000-000000000001', d)), 'none')
        from unnest(array['2026-01-01', '2026-04-30', '2026-05-01', '2026-09-30', '2026-10-01', '2027-12-31', '2028-01-01']::date[]) as d),
  array['冬季 Winter', '冬季 Winter', '夏季 Summer', '夏季 Summer', '冬季 Winter', '冬季 Winter', 'none'],
  'the season of a date: winter to 30 April, summer 1 May to 30 September, winter again, none in 2028');

select is(app.template_problem('57000000-0000-4000-8000-000000000007', '2026-07-01'), null,
  'the summer day shift on 1 July: fine');
select is(app.template_problem('57000000-0000-4000-8000-000000000007', '2026-12-07'),
  'shift template "夏季白班 Summer day" applies in 夏季 Summer only; 2026-12-07 is in 冬季 Winter',
  'the summer day shift in December: refused with the reason');
select is(app.template_problem('57000000-0000-4000-8000-000000000006', '2026-05-01'),
  'shift template "冬季白班 Winter day" applies in 冬季 Winter only; 2026-05-01 is in 夏季 Summer',
  'the winter day shift on the first day of summer: refused');
select is(app.template_problem('57000000-0000-4000-8000-000000000002', '2026-12-07'), null,
  'a template valid in every season: fine in winter');
select is(app.template_problem('57000000-0000-4000-8000-000000000002', '2028-01-03'),
  'no season covers 2028-01-03 at this site: add the date to a season''s periods first',
  'a date no season covers: refused with what to do');
update shift_templates set active = false where id = '57000000-0000-4000-8000-000000000003';
select is(app.template_problem('57000000-0000-4000-8000-000000000003', '2026-12-07'),
  'shift template "晚班 Late" is no longer in use', 'an inactive template');
select is(app.template_problem('57000000-0000-4000-8000-0000000000ff', '2026-12-07'),
  'shift template 57000000-0000-4000-8000-0000000000ff does not exist', 'an unknown template');
select is(
  tests.outcome('a0000000-0000-4000-8000-000000000101',
    $$select 1 where app.template_problem('57000000-0000-4000-8000-000000000007', '2026-12-07') like '%only%'$$),
  '1', 'an agent''s schedule check may ask it');

-- ------------------------------------------------------------ one site at a time

select tests.add_second_site();
select tests.add_second_site_rows();
select throws_ok(
  $$insert into shift_template_seasons (site_id, template_id, season_id)
    values ('5a000000-0000-4000-8000-000000000001', '57000000-0000-4000-8000-000000000001', '5eb00000-0000-4000-8000-000000000201')$$,
  '23503', null, 'a template cannot be valid in another site''s season');
select throws_ok(
  $$insert into shift_template_queues (site_id, template_id, queue_id)
    values ('5a000000-0000-4000-8000-000000000001', '57000000-0000-4000-8000-000000000001', '9b000000-0000-4000-8000-000000000021')$$,
  '23503', null, 'nor staff another site''s queue');
select is(
  tests.outcome('b0000000-0000-4000-8000-000000000203',
    $$update shift_templates set colour = '#000000' where site_id = '5a000000-0000-4000-8000-000000000001'$$),
  '0', 'the second site''s supervisor changes no template of the demo site');
select is(
  tests.outcome('b0000000-0000-4000-8000-000000000201', 'select * from shift_templates'),
  '1', 'the second site''s agent reads its own site''s one template');
select lives_ok(
  $$insert into season_periods (site_id, season_id, starts_on, ends_on)
    values ('5b000000-0000-4000-8000-000000000002', '5eb00000-0000-4000-8000-000000000201', '2027-01-01', '2027-12-31')$$,
  'season periods of different sites may overlap');

select * from finish();
rollback;
