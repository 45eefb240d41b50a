import { describe, expect, it } from 'vitest';
import { clockAfter, parseBreaks } from './shift-breaks';

describe('shift breaks', () => {
	it('reads the stored breaks and refuses anything else', () => {
		expect(parseBreaks([{ start_min: 180, minutes: 60, paid: false }])).toEqual([
			{ start_min: 180, minutes: 60, paid: false }
		]);
		expect(parseBreaks([{ start_min: 180, minutes: 60 }])).toEqual([]);
		expect(parseBreaks('[]')).toEqual([]);
	});

	it('tells the clock time of a break, past midnight too', () => {
		expect(clockAfter('08:00:00', 240)).toBe('12:00');
		expect(clockAfter('22:00', 240)).toBe('02:00');
	});
});
