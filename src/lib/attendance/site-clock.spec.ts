import { describe, expect, it } from 'vitest';
import { isoToSiteLocal, siteLocalToIso } from './site-clock';

describe('site wall times', () => {
	it('reads a Shanghai wall time as the instant eight hours earlier in UTC', () => {
		expect(siteLocalToIso('2026-11-10T09:12', 'Asia/Shanghai')).toBe('2026-11-10T01:12:00.000Z');
		expect(siteLocalToIso('2026-11-10T00:30', 'Asia/Shanghai')).toBe('2026-11-09T16:30:00.000Z');
	});
	it('keeps seconds when given', () => {
		expect(siteLocalToIso('2026-11-10T09:12:30', 'Asia/Shanghai')).toBe('2026-11-10T01:12:30.000Z');
	});
	it('refuses what is not a wall time', () => {
		expect(siteLocalToIso('', 'Asia/Shanghai')).toBeNull();
		expect(siteLocalToIso('2026-11-10 09:12', 'Asia/Shanghai')).toBeNull();
	});
	it('refuses the hour a daylight-saving night skips', () => {
		// Berlin: 29 March 2026, 02:00 jumps to 03:00.
		expect(siteLocalToIso('2026-03-29T02:30', 'Europe/Berlin')).toBeNull();
		expect(siteLocalToIso('2026-03-29T03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
	});
	it('shows an instant as the site wall time, round trip', () => {
		expect(isoToSiteLocal('2026-11-10T01:12:00.000Z', 'Asia/Shanghai')).toBe('2026-11-10T09:12');
		expect(isoToSiteLocal(siteLocalToIso('2026-07-01T23:59', 'America/New_York') ?? '', 'America/New_York')).toBe(
			'2026-07-01T23:59'
		);
	});
});
