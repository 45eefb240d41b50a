import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { punchProblem } from './punch-errors';

describe('punchProblem', () => {
	it('words each refusal of the punch functions', () => {
		expect(punchProblem({ code: 'CB075', message: 'only an agent' })).toBe(m.att_clock_err_not_agent());
		expect(punchProblem({ code: 'CB076', message: 'too easy' })).toBe(m.att_clock_err_pin());
		expect(punchProblem({ code: 'CB077', message: 'future' })).toBe(m.att_clock_err_time());
		expect(punchProblem({ code: 'CB078', message: 'someone else' })).toBe(m.att_clock_err_duplicate());
		expect(punchProblem({ code: 'CB079', message: 'digits' })).toBe(m.att_clock_err_input());
		expect(punchProblem({ code: 'CB070', message: 'locked' })).toBe(m.att_clock_err_month_locked());
	});
	it('leaves the rest to the common path', () => {
		expect(punchProblem({ code: 'XX000', message: 'boom' })).toBe('boom');
		expect(punchProblem(new Error('plain'))).toBe('plain');
	});
});
