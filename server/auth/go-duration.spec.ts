import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration.ts';

describe('parseGoDuration', () => {
	it('reads Go durations as milliseconds', () => {
		expect(parseGoDuration('24h')).toBe(86_400_000);
		expect(parseGoDuration('1h30m')).toBe(5_400_000);
		expect(parseGoDuration('1.5s')).toBe(1500);
		expect(parseGoDuration('300ms')).toBe(300);
		expect(parseGoDuration('-2m')).toBe(-120_000);
		expect(parseGoDuration('0')).toBe(0);
	});

	it('rejects what Go rejects', () => {
		for (const text of ['', '24', 'h', '1d', 'forever', '1h ', ' 1h', '1h-30m']) {
			expect(parseGoDuration(text)).toBeUndefined();
		}
	});
});
