import { describe, expect, it } from 'vitest';
import type { Punched } from '$lib/data/punches';
import { m } from '$lib/paraglide/messages';
import { lateWords, shiftSpan } from './punch-words';

const outcome = (
	direction: 'in' | 'out' | null,
	arrival: { code: string; minutes: number } | null,
	shift = true
): Punched => ({
	result: 'punched',
	duplicate: false,
	punch: {
		id: 'p',
		punched_at: '2026-12-07T01:12:30Z',
		direction,
		device_time: null,
		received_at: '2026-12-07T01:12:30Z',
		needs_review: false,
		review_reason: null
	},
	agent: { name: '王伟', employee_no: 'E001' },
	shift: shift
		? { id: 's', work_date: '2026-12-07', start_ts: '2026-12-07T01:00:00Z', end_ts: '2026-12-07T09:00:00Z', name: null }
		: null,
	day: arrival ? { status: 'open', late_min: arrival.minutes, early_min: 0, closed: false, arrival } : null
});

describe('lateWords', () => {
	it("says late with the engine's minutes", () => {
		expect(lateWords(outcome('in', { code: 'late', minutes: 12 }))).toBe(m.att_clock_late({ minutes: 12 }));
		expect(lateWords(outcome(null, { code: 'late_half_day', minutes: 45 }))).toBe(m.att_clock_late({ minutes: 45 }));
	});
	it('says on time within the grace, as the engine judged it', () => {
		expect(lateWords(outcome('in', { code: 'on_time', minutes: 5 }))).toBe(m.att_clock_on_time());
	});
	it('says nothing of a clock-out or an unjudged punch', () => {
		expect(lateWords(outcome('out', { code: 'late', minutes: 12 }))).toBeNull();
		expect(lateWords(outcome('in', null))).toBeNull();
	});
});

describe('shiftSpan', () => {
	it("gives the shift in the site's clock", () => {
		expect(shiftSpan(outcome('in', null), 'Asia/Shanghai')).toEqual({ start: '09:00', end: '17:00' });
		expect(shiftSpan(outcome('in', null, false), 'Asia/Shanghai')).toBeNull();
	});
});
