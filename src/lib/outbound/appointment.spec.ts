import { describe, expect, it } from 'vitest';
import { defaultAppointment, isoToSiteLocal, siteLocalToIso } from './appointment';

describe('appointment times on the site clock', () => {
	it('reads a site-local time as the instant it is at the site', () => {
		expect(siteLocalToIso('2026-12-07T10:00', 'Asia/Shanghai')).toBe('2026-12-07T02:00:00.000Z');
		expect(siteLocalToIso('2026-12-07T00:30', 'Asia/Shanghai')).toBe('2026-12-06T16:30:00.000Z');
		expect(siteLocalToIso('2026-07-01T10:00', 'Europe/Berlin')).toBe('2026-07-01T08:00:00.000Z');
	});
	it('refuses text that is not a local date and time', () => {
		expect(siteLocalToIso('', 'Asia/Shanghai')).toBeNull();
		expect(siteLocalToIso('2026-12-07', 'Asia/Shanghai')).toBeNull();
		expect(siteLocalToIso('2026-13-07T10:00', 'Asia/Shanghai')).toBeNull();
	});
	it('writes an instant back as the site-local field value', () => {
		expect(isoToSiteLocal(Date.parse('2026-12-06T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-07T00:30');
	});
	it('suggests 10:00 the next day, across a month end', () => {
		expect(defaultAppointment('2026-12-31')).toBe('2027-01-01T10:00');
	});
});
