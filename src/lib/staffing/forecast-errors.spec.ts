import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { forecastProblem } from './forecast-errors';

const context = { queue: '销售热线 Sales hotline' };

describe('forecastProblem', () => {
	it('says the refusals of the forecast SQL in words', () => {
		expect(forecastProblem({ code: 'CB051', message: 'no history for x before 2026-12-07' }, context)).toBe(
			m.fc_err_no_history(context)
		);
		expect(forecastProblem({ code: 'CB050', message: 'a forecast week starts on a Monday' }, context)).toBe(
			m.fc_err_not_monday()
		);
		expect(forecastProblem({ code: 'CB053', message: 'the range forecasts 3 calls' }, context)).toBe(m.fc_err_adjust());
		expect(forecastProblem({ code: 'CB054', message: 'rows' }, context)).toBe(m.fc_err_requirements());
		expect(forecastProblem({ code: 'CB052', message: 'shrinkage' }, context)).toBe(m.fc_err_policy());
	});

	it('names the year the calendar lacks', () => {
		const err = { code: 'CB001', message: "the site's calendar has no public holiday data for 2027" };
		expect(forecastProblem(err, context)).toBe(m.fc_err_no_calendar({ year: '2027' }));
	});

	it("leaves other errors to the app's usual words", () => {
		expect(forecastProblem({ code: '42501', message: 'denied' }, context)).toContain(m.error_denied());
		expect(forecastProblem(new Error('boom'), context)).toBe('boom');
	});
});
