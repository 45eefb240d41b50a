import { describe, expect, it } from 'vitest';
import { DEMO_AGENTS, DEMO_TIME_ZONE } from './demo-site.ts';
import { daySchedule, weekStartOf, type ScheduledShift, type ShiftRow } from './published-schedule.ts';
import { planScheduledShift, SPLIT_GAP_MIN } from './scheduled-shift.ts';
import { atLocal, siteDayOf } from './site-time.ts';

const MINUTE = 60_000;
const MONDAY = siteDayOf(Date.parse('2026-12-07T04:00:00Z'), DEMO_TIME_ZONE);
const inbound = DEMO_AGENTS[0]!;
const outbound = DEMO_AGENTS[30]!;

/** A shift on the demo's Monday from local minutes, with breaks as the templates give them. */
function shift(
	agentId: string,
	startMin: number,
	endMin: number,
	breaks: ScheduledShift['breaks'] = []
): ScheduledShift {
	return {
		agentId,
		day: MONDAY.key,
		start: atLocal(MONDAY, startMin),
		end: atLocal(MONDAY, endMin),
		breaks
	};
}

// The demo's early shift: 8:00–16:30, rests at 10:00 and 14:30, lunch at 12:00.
const EARLY = [
	{ startMin: 120, minutes: 15, paid: true },
	{ startMin: 240, minutes: 30, paid: false },
	{ startMin: 390, minutes: 15, paid: true }
];

describe('planning a published shift', () => {
	it('is the same plan for the same seed and shift, another for another seed', () => {
		const early = shift(inbound.id, 8 * 60, 16 * 60 + 30, EARLY);
		expect(planScheduledShift(inbound, early, 42)).toEqual(planScheduledShift(inbound, early, 42));
		expect(planScheduledShift(inbound, early, 43)).not.toEqual(planScheduledShift(inbound, early, 42));
	});

	it('logs in around the start with the fixed hours’ lateness, and out around the end', () => {
		const logins: number[] = [];
		const logouts: number[] = [];
		for (let seed = 0; seed < 600; seed++) {
			const plan = planScheduledShift(inbound, shift(inbound.id, 13 * 60, 21 * 60 + 30), seed);
			logins.push((plan.loginAt - atLocal(MONDAY, 13 * 60)) / MINUTE);
			logouts.push((plan.logoutAt - atLocal(MONDAY, 21 * 60 + 30)) / MINUTE);
		}
		expect(Math.min(...logins)).toBeGreaterThanOrEqual(-15);
		expect(Math.max(...logins)).toBeLessThanOrEqual(25);
		const early = logins.filter((m) => m <= 0).length / logins.length;
		const lateBeyondGrace = logins.filter((m) => m > 5).length / logins.length;
		expect(early).toBeGreaterThan(0.75);
		expect(lateBeyondGrace).toBeGreaterThan(0.03);
		expect(lateBeyondGrace).toBeLessThan(0.12);
		expect(Math.min(...logouts)).toBeGreaterThanOrEqual(-1);
		expect(Math.max(...logouts)).toBeLessThanOrEqual(12);
	});

	it('takes paid breaks as break and unpaid ones as lunch at their offsets, with a little jitter', () => {
		const offBy = { start: [] as number[], end: [] as number[] };
		for (let seed = 0; seed < 300; seed++) {
			const plan = planScheduledShift(inbound, shift(inbound.id, 8 * 60, 16 * 60 + 30, EARLY), seed);
			expect(plan.away.map((s) => s.state)).toEqual(['break', 'lunch', 'break']);
			plan.away.forEach((spell, i) => {
				const b = EARLY[i]!;
				const scheduled = atLocal(MONDAY, 8 * 60 + b.startMin);
				offBy.start.push((spell.at - scheduled) / MINUTE);
				offBy.end.push((spell.at + spell.durationS * 1000 - scheduled - b.minutes * MINUTE) / MINUTE);
			});
		}
		expect(Math.max(...offBy.start.map(Math.abs))).toBeLessThanOrEqual(3);
		const backOnTime = offBy.end.filter((m) => m >= -2 && m <= 4).length / offBy.end.length;
		expect(backOnTime).toBeGreaterThan(0.9);
		expect(backOnTime).toBeLessThan(1); // now and then one runs long
		expect(Math.max(...offBy.end)).toBeLessThanOrEqual(19);
	});

	it('signs out for a split shift’s long unpaid gap, and briefs the outbound team first', () => {
		const split = shift(inbound.id, 8 * 60, 20 * 60, [{ startMin: 240, minutes: SPLIT_GAP_MIN * 2, paid: false }]);
		expect(planScheduledShift(inbound, split, 1).away.map((s) => s.state)).toEqual(['split']);
		const winterDay = shift(outbound.id, 9 * 60, 17 * 60, [{ startMin: 180, minutes: 60, paid: false }]);
		const plan = planScheduledShift(outbound, winterDay, 1);
		expect(plan.away.map((s) => s.state)).toEqual(['meeting', 'lunch']);
		expect(plan.away[0]?.at).toBe(atLocal(MONDAY, 9 * 60 + 1));
	});
});

describe('the published schedule of a day', () => {
	const row = (agent: string | null, day: string, start: string, end: string): ShiftRow => ({
		agent_id: agent,
		day,
		start_ts: start,
		end_ts: end,
		breaks: [{ start_min: 240, minutes: 30, paid: false }]
	});

	it('counts weeks from Monday', () => {
		expect(weekStartOf('2026-12-07')).toBe('2026-12-07');
		expect(weekStartOf('2026-12-13')).toBe('2026-12-07');
		expect(weekStartOf('2026-12-06')).toBe('2026-11-30');
		expect(weekStartOf('2027-01-01')).toBe('2026-12-28');
	});

	it('is none when no published week covers the day, even with last week’s night shift running into it', () => {
		const lastWeek = [{ id: 's1', week_start: '2026-11-30' }];
		const sundayNight = row('a', '2026-12-06', '2026-12-06T14:00:00Z', '2026-12-06T22:30:00Z');
		expect(daySchedule(MONDAY, lastWeek, [sundayNight])).toBeNull();
	});

	it('holds the day’s shifts and the night before’s running past midnight, in start order, without open shifts', () => {
		const weeks = [
			{ id: 's1', week_start: '2026-11-30' },
			{ id: 's2', week_start: '2026-12-07' }
		];
		const schedule = daySchedule(MONDAY, weeks, [
			row('b', '2026-12-07', '2026-12-07T01:00:00Z', '2026-12-07T10:00:00Z'),
			row('a', '2026-12-07', '2026-12-07T01:00:00Z', '2026-12-07T10:00:00Z'),
			row(null, '2026-12-07', '2026-12-07T00:00:00Z', '2026-12-07T08:00:00Z'),
			row('c', '2026-12-06', '2026-12-06T14:00:00Z', '2026-12-06T22:30:00Z'),
			row('d', '2026-12-06', '2026-12-06T01:00:00Z', '2026-12-06T10:00:00Z')
		]);
		expect(schedule?.shifts.map((s) => `${s.agentId} ${s.day}`)).toEqual([
			'c 2026-12-06',
			'a 2026-12-07',
			'b 2026-12-07'
		]);
		expect(schedule?.shifts[0]?.breaks).toEqual([{ startMin: 240, minutes: 30, paid: false }]);
	});
});
