import { describe, expect, it } from 'vitest';
import { msUntilSiteHour, siteDate, startOfSiteDay } from './site-time';

const SHANGHAI = 'Asia/Shanghai';
const HOUR = 3_600_000;

describe('site time', () => {
	it('starts the day at local midnight of the site, not of the machine', () => {
		// 01:30 on 23 Nov in Shanghai is 17:30 on 22 Nov UTC
		const t = Date.parse('2026-11-22T17:30:00Z');
		expect(new Date(startOfSiteDay(t, SHANGHAI)).toISOString()).toBe('2026-11-22T16:00:00.000Z');
		expect(siteDate(t, SHANGHAI)).toBe('2026-11-23');
		expect(siteDate(t, 'Europe/London')).toBe('2026-11-22');
		expect(new Date(startOfSiteDay(t, 'Europe/London')).toISOString()).toBe('2026-11-22T00:00:00.000Z');
	});

	it('finds the next quiet hour today or tomorrow, never less than a minute ahead', () => {
		const t = Date.parse('2026-11-22T17:30:00Z'); // 01:30 Shanghai
		expect(msUntilSiteHour(t, 4, SHANGHAI)).toBe(2.5 * HOUR);
		expect(msUntilSiteHour(t, 1, SHANGHAI)).toBe(23.5 * HOUR);
		const justBefore = Date.parse('2026-11-22T19:59:30Z'); // 03:59:30 Shanghai
		expect(msUntilSiteHour(justBefore, 4, SHANGHAI)).toBe(24 * HOUR + 30_000);
	});
});
