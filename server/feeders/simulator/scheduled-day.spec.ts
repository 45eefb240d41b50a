// A simulated day that follows a published schedule: who comes in, when they
// take their breaks, who stays home, and a night shift across midnight picked
// up by the day after.
import { beforeAll, describe, expect, it } from 'vitest';
import { DaySimulation } from './day-simulation.ts';
import { DEMO_AGENTS, DEMO_DEMAND, DEMO_SITE_ID, DEMO_TIME_ZONE } from './demo-site.ts';
import type { EventOf, IngestEvent } from './ingest-event.ts';
import type { DaySchedule, ScheduledShift } from './published-schedule.ts';
import { atLocal, nextSiteDay, siteDayOf, type SiteDay } from './site-time.ts';
import { findViolations } from '../../../tests/support/call-stream-violations.ts';

const MINUTE = 60_000;
const MONDAY = siteDayOf(Date.parse('2026-12-07T04:00:00Z'), DEMO_TIME_ZONE);
const TUESDAY = nextSiteDay(MONDAY);

function agent(n: number): string {
	const id = DEMO_AGENTS[n - 1]?.id;
	if (!id) throw new RangeError(`no demo agent ${n}`);
	return id;
}

const lunch = (startMin: number, minutes: number) => ({ startMin, minutes, paid: false });
const rest = (startMin: number) => ({ startMin, minutes: 15, paid: true });

function shift(n: number, day: SiteDay, from: number, to: number, breaks: ScheduledShift['breaks']): ScheduledShift {
	const end = to > from ? atLocal(day, to) : atLocal(nextSiteDay(day), to);
	return { agentId: agent(n), day: day.key, start: atLocal(day, from), end, breaks };
}

const H = 60;
// Monday: agent 1 early, 2 day, 3 late, 4 split, 25 a night shift; 11 day;
// 31 the outbound winter day. Everyone else rests.
const MONDAY_SHIFTS: ScheduledShift[] = [
	shift(1, MONDAY, 8 * H, 16 * H + 30, [rest(120), lunch(240, 30), rest(390)]),
	shift(2, MONDAY, 9 * H, 18 * H, [lunch(180, 60)]),
	shift(3, MONDAY, 13 * H, 21 * H + 30, [lunch(240, 30)]),
	shift(4, MONDAY, 8 * H, 20 * H, [lunch(240, 240)]),
	shift(11, MONDAY, 9 * H, 18 * H, [lunch(180, 60)]),
	shift(25, MONDAY, 22 * H, 6 * H + 30, [lunch(240, 30)]),
	shift(31, MONDAY, 9 * H, 17 * H, [lunch(180, 60)])
];

const simulate = (day: SiteDay, schedule: DaySchedule | null, seed = 42) =>
	new DaySimulation({ seed, day, siteId: DEMO_SITE_ID, agents: DEMO_AGENTS, demand: DEMO_DEMAND, schedule }).runUntil(
		Infinity
	);

const statesOf = (events: readonly IngestEvent[], n: number) =>
	events.filter((e): e is EventOf<'agent_state'> => e.kind === 'agent_state' && e.agent_id === agent(n));
const minutesFrom = (e: { at: string }, from: number) => (Date.parse(e.at) - from) / MINUTE;

describe('a day that follows the published schedule', () => {
	let events: IngestEvent[];
	beforeAll(() => {
		events = simulateSorted(MONDAY, { shifts: MONDAY_SHIFTS });
	});

	it('brings in only the agents with a shift, around its start', () => {
		const cameIn = new Set(events.flatMap((e) => (e.kind === 'agent_state' ? [e.agent_id] : [])));
		expect([...cameIn].sort()).toEqual([1, 2, 3, 4, 11, 25, 31].map(agent).sort());
		for (const s of MONDAY_SHIFTS) {
			const first = events.find((e) => e.kind === 'agent_state' && e.agent_id === s.agentId);
			if (!first) throw new Error(`agent ${s.agentId} never came in`);
			expect(minutesFrom(first, s.start)).toBeGreaterThanOrEqual(-15);
			expect(minutesFrom(first, s.start)).toBeLessThanOrEqual(25);
		}
	});

	it('stays consistent: calls only to agents who are in and skilled', () => {
		expect(findViolations(events, DEMO_AGENTS)).toEqual([]);
	});

	it('takes the early shift’s rests as break and its lunch as lunch, near their offsets', () => {
		const early = MONDAY_SHIFTS[0]!.start;
		const away = statesOf(events, 1).filter((e) => e.state === 'break' || e.state === 'lunch');
		expect(away.map((e) => e.state)).toEqual(['break', 'lunch', 'break']);
		// A break waits for the call in hand to finish, so it may start a few minutes late.
		[120, 240, 390].forEach((offset, i) => {
			const at = minutesFrom(away[i]!, early);
			expect(at).toBeGreaterThanOrEqual(offset - 3);
			expect(at).toBeLessThanOrEqual(offset + 15);
		});
	});

	it('signs the split shift out for its gap and back in after it, then home in the evening', () => {
		const split = MONDAY_SHIFTS[3]!.start;
		const states = statesOf(events, 4);
		const gap = states.findIndex((e) => e.state === 'offline');
		expect(minutesFrom(states[gap]!, split)).toBeGreaterThanOrEqual(240 - 3);
		expect(minutesFrom(states[gap + 1]!, split)).toBeGreaterThanOrEqual(480 - 5);
		expect(states[gap + 1]?.state).toBe('available');
		expect(states.at(-1)?.state).toBe('offline');
		expect(minutesFrom(states.at(-1)!, split)).toBeGreaterThanOrEqual(12 * H - 1);
	});

	it('leaves the night shift logged in at midnight; the next day picks it up, lunch at 2:00, home about 6:30', () => {
		const night = MONDAY_SHIFTS[5]!;
		expect(statesOf(events, 25).at(-1)?.state).not.toBe('offline');
		const tuesday = simulateSorted(TUESDAY, { shifts: [night] });
		const states = statesOf(tuesday, 25);
		expect(states[0]?.at).toBe(new Date(TUESDAY.start).toISOString());
		expect(states.find((e) => e.state === 'lunch')).toBeDefined();
		expect(
			minutesFrom(
				states.find((e) => e.state === 'lunch')!,
				night.start
			)
		).toBeGreaterThanOrEqual(240 - 3);
		expect(states.at(-1)?.state).toBe('offline');
		const home = minutesFrom(states.at(-1)!, night.end);
		expect(home).toBeGreaterThanOrEqual(-1);
		expect(home).toBeLessThanOrEqual(12 + 10);
		// Nobody else works on Tuesday in this schedule.
		expect(new Set(tuesday.flatMap((e) => (e.kind === 'agent_state' ? [e.agent_id] : [])))).toEqual(
			new Set([agent(25)])
		);
	});

	it('replays the same day for the same seed and schedule', () => {
		expect(simulateSorted(MONDAY, { shifts: MONDAY_SHIFTS })).toEqual(events);
	});

	it('keeps a published day with no shifts quiet, and falls back to fixed hours without a schedule', () => {
		expect(simulate(MONDAY, { shifts: [] }).filter((e) => e.kind === 'agent_state')).toEqual([]);
		const fixed = simulate(MONDAY, null).filter((e) => e.kind === 'agent_state');
		// Fixed hours: five days a week each, so all but two of each inbound team's seats 5–9 on a Monday.
		expect(new Set(fixed.map((e) => (e.kind === 'agent_state' ? e.agent_id : ''))).size).toBe(34);
	});
});

function simulateSorted(day: SiteDay, schedule: DaySchedule): IngestEvent[] {
	const shifts = [...schedule.shifts].sort((a, b) => a.start - b.start || a.agentId.localeCompare(b.agentId));
	return simulate(day, { shifts });
}
