import { describe, expect, it } from 'vitest';
import { msUntilSiteHour, siteDay, siteWeek } from './site-time';

const SHANGHAI = 'Asia/Shanghai';
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('siteDay', () => {
	it('turns at the site’s midnight, not at UTC’s: 23:59:59 and 00:00 in Shanghai', () => {
		// 2026-11-23 23:59:59.999 in Shanghai is 15:59:59.999 UTC the same date.
		const lastMoment = siteDay(Date.parse('2026-11-23T15:59:59.999Z'), SHANGHAI);
		expect(lastMoment).toEqual({
			date: '2026-11-23',
			start: Date.parse('2026-11-22T16:00:00Z'),
			end: Date.parse('2026-11-23T16:00:00Z')
		});
		// One millisecond on it is the 24th in Shanghai, still the 23rd in UTC.
		const firstMoment = siteDay(Date.parse('2026-11-23T16:00:00Z'), SHANGHAI);
		expect(firstMoment.date).toBe('2026-11-24');
		expect(iso(firstMoment.start)).toBe('2026-11-23T16:00:00.000Z');
		expect(siteDay(Date.parse('2026-11-23T16:00:00Z'), 'UTC').date).toBe('2026-11-23');
		// UTC's midnight is 08:00 in Shanghai: the middle of one site day.
		expect(siteDay(Date.parse('2026-11-24T00:00:00Z'), SHANGHAI)).toEqual(firstMoment);
	});

	it('does not depend on the machine’s zone, and rolls over months and years', () => {
		const newYear = siteDay(Date.parse('2026-12-31T16:30:00Z'), SHANGHAI);
		expect(newYear.date).toBe('2027-01-01');
		expect(newYear.end - newYear.start).toBe(24 * HOUR);
		expect(siteDay(Date.parse('2026-12-31T16:30:00Z'), 'Europe/London').date).toBe('2026-12-31');
	});

	it('is 23 or 25 hours long on a daylight-saving change', () => {
		const spring = siteDay(Date.parse('2026-03-29T12:00:00Z'), 'Europe/London');
		expect(spring.end - spring.start).toBe(23 * HOUR);
		const autumn = siteDay(Date.parse('2026-10-25T12:00:00Z'), 'Europe/London');
		expect(autumn.end - autumn.start).toBe(25 * HOUR);
		expect(iso(autumn.end)).toBe('2026-10-26T00:00:00.000Z');
	});
});

describe('siteWeek', () => {
	it('runs Monday 00:00 to Monday 00:00 in the site’s zone', () => {
		// Sunday 2026-11-29 23:59 in Shanghai: still the week of Monday the 23rd.
		const sunday = siteWeek(Date.parse('2026-11-29T15:59:00Z'), SHANGHAI);
		expect(sunday).toEqual({
			date: '2026-11-23',
			start: Date.parse('2026-11-22T16:00:00Z'),
			end: Date.parse('2026-11-29T16:00:00Z')
		});
		// A minute later it is Monday the 30th there (and still Sunday in UTC).
		expect(siteWeek(Date.parse('2026-11-29T16:00:00Z'), SHANGHAI).date).toBe('2026-11-30');
		expect(siteWeek(Date.parse('2026-11-29T16:00:00Z'), 'UTC').date).toBe('2026-11-23');
	});
});

describe('msUntilSiteHour', () => {
	it('finds the next quiet hour today or tomorrow, never less than a minute ahead', () => {
		const t = Date.parse('2026-11-22T17:30:00Z'); // 01:30 Shanghai
		expect(msUntilSiteHour(t, 4, SHANGHAI)).toBe(2.5 * HOUR);
		expect(msUntilSiteHour(t, 1, SHANGHAI)).toBe(23.5 * HOUR);
		const justBefore = Date.parse('2026-11-22T19:59:30Z'); // 03:59:30 Shanghai
		expect(msUntilSiteHour(justBefore, 4, SHANGHAI)).toBe(24 * HOUR + 30_000);
	});
});
