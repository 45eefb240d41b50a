import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { durationText, requestProblem, requestTitle, spanText } from './request-words';

describe('durationText', () => {
	it('counts days of 8 hours and the hours left over', () => {
		expect(durationText(480)).toBe(m.att_req_days({ days: 1 }));
		expect(durationText(1200)).toBe(m.att_req_days_hours({ days: 2, hours: 4 }));
		expect(durationText(90)).toBe(m.att_req_hours({ hours: 1.5 }));
		expect(durationText(0)).toBe(m.att_req_hours({ hours: 0 }));
	});
});

describe('requestTitle', () => {
	it('names a leave by its type and the rest by their kind', () => {
		expect(requestTitle('leave', 'compensatory')).toBe(m.att_req_leave_compensatory());
		expect(requestTitle('overtime', null)).toBe(m.att_req_kind_overtime());
	});
});

describe('requestProblem', () => {
	it('words the request functions’ refusals', () => {
		expect(requestProblem({ code: 'CB066', message: 'leave must be filed 24 hours before it starts' })).toBe(
			m.att_req_err_late()
		);
		expect(requestProblem({ code: 'CB067', message: 'not enough' })).toBe(m.att_req_err_balance());
		expect(requestProblem({ code: 'CB068', message: 'already approved' })).toBe(m.att_req_err_state());
		expect(requestProblem({ code: 'CB069', message: 'waits for a supervisor' })).toBe(m.att_req_err_not_your_step());
		expect(requestProblem({ code: 'CB070', message: 'locked' })).toBe(m.att_req_err_month_locked());
		expect(requestProblem({ code: 'CB065', message: 'a request ends after it starts' })).toBe(
			m.att_req_err_invalid({ detail: 'a request ends after it starts' })
		);
	});

	it('falls back to the API’s usual reasons, then the words', () => {
		expect(requestProblem({ code: '42501', message: 'denied' })).toBe(
			m.error_with_code({ reason: m.error_denied(), code: '42501' })
		);
		expect(requestProblem(new Error('boom'))).toBe('boom');
	});
});

describe('spanText', () => {
	it('shows whole days as dates, the last day being the one before the end', () => {
		const one = spanText('2026-12-06T16:00:00.000Z', '2026-12-07T16:00:00.000Z', 'Asia/Shanghai');
		const two = spanText('2026-12-06T16:00:00.000Z', '2026-12-08T16:00:00.000Z', 'Asia/Shanghai');
		expect(one).not.toMatch(/\d\d:\d\d/);
		expect(two.split(' – ')).toHaveLength(2);
		expect(two.split(' – ')[0]).toBe(one);
	});

	it('shows times in the site time zone, the end without its date on the same day', () => {
		const text = spanText('2026-12-07T06:00:00.000Z', '2026-12-07T09:30:00.000Z', 'Asia/Shanghai');
		expect(text).toMatch(/14:00 – 17:30$/);
	});
});
