import { describe, expect, it } from 'vitest';
import { parseForecastInputs } from './forecast-inputs';

// As app.forecast_method writes them (the pgTAP test's week of 5 October 2026).
const inputs = {
	method: 'same_weekday_weighted',
	history_weeks: 3,
	recency_decay: 0.5,
	weights: [1, 0.5, 0.25],
	history: { first_data_day: '2026-08-10', from: '2026-08-30', ends_before: '2026-10-05' },
	trend: {
		factor: 1.1,
		raw: 1.1,
		cap: 0.2,
		recent_daily_mean: 11,
		previous_daily_mean: 10,
		recent: ['2026-09-07', '2026-10-04'],
		previous: ['2026-08-10', '2026-09-06'],
		note: null
	},
	holidays: 'from the most recent past holidays, weighted like weeks; closed (0) when the history has none',
	make_up_days: 'as the mean of the ordinary working weekdays',
	days: [
		{ day: '2026-10-05', kind: 'holiday', source: 'past_holidays', history_days: ['2026-10-04'] },
		{ day: '2026-10-10', kind: 'make_up', source: 'working_weekdays', history_days: [] }
	]
};

describe('parseForecastInputs', () => {
	it('reads the inputs the SQL method writes', () => {
		const parsed = parseForecastInputs(inputs);
		expect(parsed?.trend.factor).toBe(1.1);
		expect(parsed?.days[1]?.kind).toBe('make_up');
	});

	it('takes a missing trend as nulls', () => {
		const noTrend = { ...inputs, trend: { ...inputs.trend, raw: null, note: 'fewer than 8 weeks of history' } };
		expect(parseForecastInputs(noTrend)?.trend.note).toBe('fewer than 8 weeks of history');
	});

	it('answers null for another shape', () => {
		expect(parseForecastInputs({ method: 'test' })).toBeNull();
		expect(parseForecastInputs({ ...inputs, days: [{ day: '2026-10-05', kind: 'festival' }] })).toBeNull();
	});
});
