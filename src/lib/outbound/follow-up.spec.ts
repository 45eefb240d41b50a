import { describe, expect, it } from 'vitest';
import { callKey, defaultFollowUp } from './follow-up';

describe('defaultFollowUp', () => {
	it('suggests tomorrow for A, three days for B, the monthly cycle for C and nothing for D', () => {
		expect(defaultFollowUp('2026-12-31', true, 'A')).toBe('2027-01-01');
		expect(defaultFollowUp('2026-12-31', true, 'B')).toBe('2027-01-03');
		expect(defaultFollowUp('2026-12-31', true, 'C')).toBe('2027-01-30');
		expect(defaultFollowUp('2026-12-31', true, 'D')).toBeNull();
	});
	it('tries a call that did not connect again tomorrow, and suggests nothing before a grade', () => {
		expect(defaultFollowUp('2026-02-28', false, null)).toBe('2026-03-01');
		expect(defaultFollowUp('2026-02-28', true, null)).toBeNull();
	});
});

describe('callKey', () => {
	it('reads grades, products and the connected answer from one key, in either case', () => {
		expect(callKey('a')).toEqual({ kind: 'grade', grade: 'A' });
		expect(callKey('D')).toEqual({ kind: 'grade', grade: 'D' });
		expect(callKey('h')).toEqual({ kind: 'product', product: 'high_rise' });
		expect(callKey('V')).toEqual({ kind: 'product', product: 'villa' });
		expect(callKey('o')).toEqual({ kind: 'product', product: 'other' });
		expect(callKey('n')).toEqual({ kind: 'connected', connected: false });
		expect(callKey('y')).toEqual({ kind: 'connected', connected: true });
	});
	it('ignores every other key', () => {
		for (const key of ['e', 'x', 'Enter', 'Tab', ' ', '1', 'ArrowDown']) expect(callKey(key)).toBeNull();
	});
});
