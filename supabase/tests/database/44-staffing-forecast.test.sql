-- The forecast (20261206100200) on a frozen history whose answers are worked
-- out by hand below: same-weekday weights, the trend and its cap, holidays
-- and make-up days from the site calendar, AHT weighted by volume, the
-- back-test's WAPE, adjustments, and the errors with their codes.
--
-- Queue F (demo site, Asia/Shanghai, AHT target 300 s), policy: 3 weeks of
-- history, recency decay 0.5, so the weights are 1, 0.5, 0.25 = 4/7, 2/7,
-- 1/7. History: one interval a day at 10:00, 2026-08-10 to 2026-10-04; every
-- call handled; 10 calls at AHT 180 s unless listed:
--   Thursdays 09-10: 21 at 100 s, 09-17: 7 at 350 s, 09-24: 14 at 200 s
--   Sat 09-12: 11, Sun 09-13: 17
--   make-up working day Sun 09-20: 50
--   holidays 09-25..27: 40, 10-01: 100, 10-02: 28, 10-03: 14, 10-04: 7, at 240 s
-- Target week 2026-10-05: Mon–Wed holidays (National Day), Thu/Fri/Sun
-- ordinary, Sat 10-10 a make-up working day.
-- Trend: last 4 weeks (09-07..10-04) have 20 ordinary days, 220 calls: 11 a
-- day; the 4 before (08-10..09-06) 28 days of 10: factor 1.1.
--   Thu 10:00: (4·14 + 2·7 + 21) / 7 = 13 → 14.3; AHT (4·2800 + 2·2450 + 2100) / 91 = 200
--     (10-01, a holiday on a Thursday, is not an ordinary Thursday)
--   Fri 10:00: 09-18, 09-11, 09-04 (10-02 and 09-25 are holidays): 10 → 11
--   Sun 10:00: 09-13, 09-06, 08-30 (10-04 and 09-27 holidays, 09-20 make-up): (4·17 + 20 + 10) / 7 = 14 → 15.4
--   Mon 10:00 (holiday): the 3 latest holidays 10-04, 10-03, 10-02: (4·7 + 2·14 + 28) / 7 = 12 → 13.2; AHT 240
--   Sat 10:00 (make-up): the mean of Mon..Fri (10, 10, 10, 13, 10) = 10.6 → 11.66;
--     AHT (4 · 1800 + 2600) / (4 · 10 + 13) = 9800 / 53 = 184.9
--   any other interval: 0 calls, AHT the target 300
begin;
select plan(58);

\ir test-helpers.psql

select tests.seat_actors('a0000000-0000-4000-8000-000000000101', 'a0000000-0000-4000-8000-000000000011');

insert into queues (id, site_id, name, aht_target_s) values
  ('9f000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', 'Forecast F', 300),
  ('9f000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001', 'Forecast G', 300),
  ('9f000000-0000-4000-8000-000000000003', '5a000000-0000-4000-8000-000000000001', 'Forecast empty', 300);
insert into staffing_policies (site_id, queue_id, history_weeks, recency_decay) values
  ('5a000000-0000-4000-8000-000000000001', '9f000000-0000-4000-8000-000000000001', 3, 0.5),
  ('5a000000-0000-4000-8000-000000000001', '9f000000-0000-4000-8000-000000000002', 3, 0.5);

create table tests.history (day date primary key, calls integer not null, aht integer not null);
insert into tests.history (day, calls, aht)
select d::date, 10, 180 from generate_series('2026-08-10'::date, '2026-10-04'::date, interval '1 day') as d;
update tests.history h set calls = x.calls, aht = x.aht
from (values
  ('2026-09-10'::date, 21, 100), ('2026-09-17', 7, 350), ('2026-09-24', 14, 200),
  ('2026-09-12', 11, 180), ('2026-09-13', 17, 180), ('2026-09-20', 50, 180),
  ('2026-09-25', 40, 240), ('2026-09-26', 40, 240), ('2026-09-27', 40, 240),
  ('2026-10-01', 100, 240), ('2026-10-02', 28, 240), ('2026-10-03', 14, 240), ('2026-10-04', 7, 240)
) as x (day, calls, aht)
where h.day = x.day;

insert into queue_intervals (queue_id, site_id, interval_start, offered, answered, handled, talk_s)
select '9f000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001',
  (h.day + time '10:00') at time zone 'Asia/Shanghai', h.calls, h.calls, h.calls, h.calls * h.aht
from tests.history h;

-- Queue G: ordinary days of 10 calls, 09-14 to 09-24.
insert into queue_intervals (queue_id, site_id, interval_start, offered, answered, handled, talk_s)
select '9f000000-0000-4000-8000-000000000002', '5a000000-0000-4000-8000-000000000001',
  (d::date + time '10:00') at time zone 'Asia/Shanghai', 10, 10, 10, 1800
from generate_series('2026-09-14'::date, '2026-09-24'::date, interval '1 day') as d
where d::date <> '2026-09-20';

create function tests.forecast(queue_id uuid, week date, version integer) returns uuid
language sql as $$
  select id from forecasts f where f.queue_id = forecast.queue_id and f.week_start = week and f.version = forecast.version
$$;
create function tests.at(forecast uuid, local_ts timestamp) returns forecast_intervals
language sql as $$
  select * from forecast_intervals fi
  where fi.forecast_id = forecast and fi.interval_start = local_ts at time zone 'Asia/Shanghai'
$$;
create function tests.f(version integer) returns uuid
language sql as $$ select tests.forecast('9f000000-0000-4000-8000-000000000001', '2026-10-05', version) $$;

-- ------------------------------------------------------------ make
select tests.keep_as(tests.actor('supervisor'),
  $$select create_forecast('9f000000-0000-4000-8000-000000000001', '2026-10-05')$$);
select isnt(tests.f(1), null, 'a supervisor makes version 1 of the week''s forecast');
select is((select count(*) from forecast_intervals where forecast_id = tests.f(1)), 672::bigint,
  'one interval per 15 minutes of the week: 672');
select is((select created_by from forecasts where id = tests.f(1)), tests.actor('supervisor'), 'made by the supervisor');
select is((select method from forecasts where id = tests.f(1)), 'same_weekday_weighted', 'its method is named');

select is((tests.at(tests.f(1), '2026-10-08 10:00')).offered, 14.300, 'Thursday 10:00: 3 Thursdays weighted 4:2:1, times the trend 1.1');
select is((tests.at(tests.f(1), '2026-10-08 10:00')).aht_s, 200.0, 'Thursday 10:00: AHT weighted by volume and recency');
select is((tests.at(tests.f(1), '2026-10-09 10:00')).offered, 11.000, 'Friday 10:00: the Fridays before the holidays');
select is((tests.at(tests.f(1), '2026-10-11 10:00')).offered, 15.400, 'Sunday 10:00: holidays and the make-up Sunday skipped');
select is((tests.at(tests.f(1), '2026-10-05 10:00')).offered, 13.200, 'a holiday Monday from the three latest holidays');
select is((tests.at(tests.f(1), '2026-10-06 10:00')).aht_s, 240.0, 'a holiday''s AHT from the holidays');
select is((tests.at(tests.f(1), '2026-10-10 10:00')).offered, 11.660, 'the make-up Saturday as the mean working weekday');
select is((tests.at(tests.f(1), '2026-10-10 10:00')).aht_s, 184.9, 'its AHT over the same days, by volume');
select is((tests.at(tests.f(1), '2026-10-08 03:00')).offered, 0.000, 'an interval with no calls in history: 0');
select is((tests.at(tests.f(1), '2026-10-08 03:00')).aht_s, 300.0, 'and the queue''s AHT target');
select is((select sum(offered) from forecast_intervals where forecast_id = tests.f(1)), 91.960, 'the week: 91.96 calls');

select is((select inputs -> 'trend' ->> 'factor' from forecasts where id = tests.f(1))::numeric, 1.1, 'inputs: the trend factor');
select is((select inputs -> 'trend' ->> 'recent_daily_mean' from forecasts where id = tests.f(1))::numeric, 11.000,
  'inputs: 11 calls a day over the last 4 weeks'' ordinary days');
select is((select inputs -> 'weights' from forecasts where id = tests.f(1)), '[1, 0.5, 0.25]'::jsonb, 'inputs: the weights');
select is((select inputs -> 'days' -> 3 -> 'history_days' from forecasts where id = tests.f(1)),
  '["2026-09-24", "2026-09-17", "2026-09-10"]'::jsonb, 'inputs: the Thursdays read (not the holiday of 10-01)');
select is((select inputs -> 'days' -> 0 ->> 'source' from forecasts where id = tests.f(1)), 'past_holidays',
  'inputs: a holiday forecast from past holidays');
select is((select inputs -> 'days' -> 5 ->> 'kind' from forecasts where id = tests.f(1)), 'make_up', 'inputs: the make-up day');
select is((select inputs -> 'history' ->> 'from' from forecasts where id = tests.f(1)), '2026-08-30',
  'inputs: the earliest day read');

-- The same week again: version 2, made from history again.
select tests.keep_as(tests.actor('manager'),
  $$select create_forecast('9f000000-0000-4000-8000-000000000001', '2026-10-05', 1)$$);
select is((tests.at(tests.f(2), '2026-10-08 10:00')).offered, 15.400, 'one week of history: the last Thursday, 14 × 1.1');
select is((select based_on from forecasts where id = tests.f(2)), null, 'a forecast from history is based on no version');

-- The cap: a trend of 1.1 held to 1.05.
update staffing_policies set trend_cap = 0.05 where queue_id = '9f000000-0000-4000-8000-000000000001';
select tests.keep_as(tests.actor('admin'),
  $$select create_forecast('9f000000-0000-4000-8000-000000000001', '2026-10-05')$$);
select is((tests.at(tests.f(3), '2026-10-08 10:00')).offered, 13.650, 'a trend capped at 1.05: 13 × 1.05');
select is((select (inputs -> 'trend' ->> 'raw')::numeric from forecasts where id = tests.f(3)), 1.1, 'the raw trend is kept in the inputs');
update staffing_policies set trend_cap = 0.2 where queue_id = '9f000000-0000-4000-8000-000000000001';

-- Queue G, week of 2026-09-21 (Friday to Sunday the Mid-Autumn holidays):
-- its history (09-14 to 09-20) has no holidays and is under 8 weeks long.
create function tests.g() returns uuid
language sql as $$ select tests.forecast('9f000000-0000-4000-8000-000000000002', '2026-09-21', 1) $$;
select tests.keep_as(tests.actor('supervisor'),
  $$select create_forecast('9f000000-0000-4000-8000-000000000002', '2026-09-21')$$);
select is((tests.at(tests.g(), '2026-09-25 10:00')).offered, 0.000, 'a holiday with no holidays in the history is closed: 0');
select is((select inputs -> 'days' -> 4 ->> 'source' from forecasts where id = tests.g()), 'closed', 'and the inputs say closed');
select is((tests.at(tests.g(), '2026-09-24 10:00')).offered, 10.000, 'the one Thursday before the week: 10, with no trend');
select is((select inputs -> 'trend' ->> 'note' from forecasts where id = tests.g()), 'fewer than 8 weeks of history',
  'no trend under 8 weeks of history, and the inputs say why');

-- ------------------------------------------------------------ refused
select tests.check(tests.actor('supervisor'), $$select create_forecast('9f000000-0000-4000-8000-000000000001', '2026-10-06')$$, 'CB050',
  'a week that does not start on a Monday');
select tests.check(tests.actor('supervisor'), $$select create_forecast('9f000000-0000-4000-8000-000000000001', '2027-01-04')$$, 'CB001',
  'a week in a year without holiday data');
select tests.check(tests.actor('supervisor'), $$select create_forecast('9f000000-0000-4000-8000-000000000001', '2026-12-28')$$, 'CB001',
  'a week that reaches into such a year');
select tests.check(tests.actor('supervisor'), $$select create_forecast('9f000000-0000-4000-8000-000000000003', '2026-10-05')$$, 'CB051',
  'a queue with no history');
select tests.check(tests.actor('supervisor'), $$select create_forecast('9f000000-0000-4000-8000-000000000001', '2026-08-10')$$, 'CB051',
  'a week before the queue''s first day of data');
select tests.check(tests.actor('supervisor'), $$select create_forecast('9f000000-0000-4000-8000-000000000001', '2026-10-05', 0)$$, 'CB052',
  'no weeks of history');

-- ------------------------------------------------------------ back-test
insert into queue_intervals (queue_id, site_id, interval_start, offered)
select '9f000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001',
  x.local_ts at time zone 'Asia/Shanghai', x.calls
from (values
  ('2026-10-05 10:00'::timestamp, 12), ('2026-10-06 10:00', 14), ('2026-10-07 10:00', 13), ('2026-10-08 10:00', 15),
  ('2026-10-09 10:00', 10), ('2026-10-10 10:00', 12), ('2026-10-11 10:00', 16), ('2026-10-08 03:00', 2)
) as x (local_ts, calls);
select results_eq(
  $$select actual_offered, forecast_offered, wape, problem
    from app.forecast_backtest_week('9f000000-0000-4000-8000-000000000001', '2026-10-05')$$,
  $$values (94::numeric, 91.960::numeric, 0.0728::numeric, null::text)$$,
  'back-test of the week: 94 offered, 91.96 forecast, WAPE 6.84 / 94 = 0.0728');
select is((select problem from app.forecast_backtest_week('9f000000-0000-4000-8000-000000000003', '2026-10-05')), 'no_history',
  'a back-test without history says so');
select is((select problem from app.forecast_backtest_week('9f000000-0000-4000-8000-000000000001', '2027-01-04')), 'no_calendar',
  'a back-test of a year without holiday data says so');
select tests.check(tests.actor('supervisor'),
  format($$select * from forecast_backtest('9f000000-0000-4000-8000-000000000001') where week_start = %L and problem = 'no_calls'$$,
    date_trunc('week', app.site_today('5a000000-0000-4000-8000-000000000001')::timestamp)::date - 7),
  '1', 'forecast_backtest scores the last complete week (no calls in it here)');

-- ------------------------------------------------------------ adjust
select tests.keep_as(tests.actor('supervisor'), format(
  $$select adjust_forecast(%L, '2026-10-08', null, null, 'percent', 10, 'Promotion mailing')$$, tests.f(1)));
select is((tests.at(tests.f(4), '2026-10-08 10:00')).offered, 15.730, 'plus 10 % on Thursday: 14.3 → 15.73');
select is((tests.at(tests.f(4), '2026-10-09 10:00')).offered, 11.000, 'Friday unchanged');
select is((tests.at(tests.f(4), '2026-10-08 10:00')).aht_s, 200.0, 'AHT unchanged');
select is((select based_on from forecasts where id = tests.f(4)), tests.f(1), 'the new version is based on the one adjusted');
select results_eq(
  format($$select day, from_time, to_time, kind, value, reason, created_by from forecast_adjustments where forecast_id = %L$$, tests.f(4)),
  $$values ('2026-10-08'::date, null::time, null::time, 'percent'::text, 10::numeric, 'Promotion mailing'::text,
    'a0000000-0000-4000-8000-000000000003'::uuid)$$,
  'the adjustment is recorded with the version it made, why and who');
select is((tests.at(tests.f(1), '2026-10-08 10:00')).offered, 14.300, 'the version adjusted stays as it was');

select tests.keep_as(tests.actor('supervisor'), format(
  $$select adjust_forecast(%L, '2026-10-11', '09:00', '11:00', 'absolute', 10, 'Open house')$$, tests.f(4)));
select is((tests.at(tests.f(5), '2026-10-11 10:00')).offered, 25.400,
  '10 more calls 09:00–11:00 on Sunday go where the calls are: 15.4 → 25.4');
select is((tests.at(tests.f(5), '2026-10-11 09:00')).offered, 0.000, 'an interval forecasting none stays at none');
select is((tests.at(tests.f(5), '2026-10-08 10:00')).offered, 15.730, 'the earlier adjustment carries on');

select tests.keep_as(tests.actor('supervisor'), format(
  $$select adjust_forecast(%L, '2026-10-08', '03:00', '04:00', 'absolute', 8, 'Night campaign')$$, tests.f(5)));
select is((select array_agg(offered order by interval_start) from forecast_intervals
  where forecast_id = tests.f(6) and interval_start >= '2026-10-08 03:00+08' and interval_start < '2026-10-08 04:00+08'),
  array[2.000, 2.000, 2.000, 2.000]::numeric[], 'calls added to a range forecasting none are spread evenly');

select tests.keep_as(tests.actor('supervisor'), format(
  $$select adjust_forecast(%L, '2026-10-11', '10:00', '10:15', 'absolute', -15.4, 'Closed for the open house')$$, tests.f(1)));
select is((tests.at(tests.f(7), '2026-10-11 10:00')).offered, 0.000, 'a range may lose all its calls');

select tests.check(tests.actor('supervisor'), format($$select adjust_forecast(%L, '2026-10-08', null, null, 'percent', -100, 'x')$$, tests.f(1)), 'CB053', 'a percentage of -100 or less is refused');
select throws_ok(format('select tests.run_as(%L, %L)', tests.actor('supervisor'),
  format($$select adjust_forecast(%L, '2026-10-11', '10:00', '10:15', 'absolute', -20, 'x')$$, tests.f(1))),
  'CB053', 'the range forecasts 15.4 calls: it cannot lose 20', 'a range may not lose more calls than it has');
select tests.check(tests.actor('supervisor'), format($$select adjust_forecast(%L, '2026-10-12', null, null, 'percent', 5, 'x')$$, tests.f(1)), 'CB053', 'a day outside the week');
select tests.check(tests.actor('supervisor'), format($$select adjust_forecast(%L, '2026-10-08', null, null, 'percent', 5, '  ')$$, tests.f(1)), 'CB053', 'a blank reason');
select tests.check(tests.actor('supervisor'), format($$select adjust_forecast(%L, '2026-10-08', '10:00', '09:00', 'percent', 5, 'x')$$, tests.f(1)), 'CB053', 'a range that ends before it starts');
select tests.check(tests.actor('supervisor'), format($$select adjust_forecast(%L, '2026-10-08', '09:10', '10:00', 'percent', 5, 'x')$$, tests.f(1)), 'CB053', 'times off the quarter hour');
select tests.check(tests.actor('supervisor'), format($$select adjust_forecast(%L, '2026-10-08', null, null, 'ratio', 5, 'x')$$, tests.f(1)), 'CB053', 'an unknown kind');

select * from finish();
rollback;
