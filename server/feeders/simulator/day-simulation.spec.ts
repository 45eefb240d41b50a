import { beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../ingest-client/events.ts';
import { DaySimulation } from './day-simulation.ts';
import { DEMO_AGENTS, DEMO_DEMAND, DEMO_SITE_ID, DEMO_TIME_ZONE, QUEUE } from './demo-site.ts';
import type { EventOf, IngestEvent } from './ingest-event.ts';
import { worksFixedHours } from './shifts.ts';
import { localClock, siteDayOf } from './site-time.ts';
import { callsOf, findViolations } from '../../../tests/support/call-stream-violations.ts';

const MONDAY = siteDayOf(Date.parse('2026-11-23T04:00:00Z'), DEMO_TIME_ZONE);
const SATURDAY = siteDayOf(Date.parse('2026-11-28T04:00:00Z'), DEMO_TIME_ZONE);

const simulateDay = (seed: number, day = MONDAY) =>
	new DaySimulation({ seed, day, siteId: DEMO_SITE_ID, agents: DEMO_AGENTS, demand: DEMO_DEMAND }).runUntil(Infinity);

const ofKind = <K extends IngestEvent['kind']>(events: readonly IngestEvent[], kind: K) =>
	events.filter((e): e is EventOf<K> => e.kind === kind);
const localMinute = (e: IngestEvent) => localClock(Date.parse(e.at), DEMO_TIME_ZONE).minuteOfDay;

describe('a simulated weekday', () => {
	let events: IngestEvent[];
	beforeAll(() => {
		events = simulateDay(42);
	});

	it('is consistent: every offered call answered or abandoned once, answered calls end and wrap, one call per agent, skills respected', () => {
		expect(events.length).toBeGreaterThan(10_000);
		expect(findViolations(events, DEMO_AGENTS)).toEqual([]);
	});

	it('produces only events the shared ingest schema accepts', () => {
		for (let i = 0; i < events.length; i += 1000) {
			const check = ingestBatch.safeParse(events.slice(i, i + 1000));
			expect(check.success, check.error?.message).toBe(true);
		}
	});

	it('stays inside the day, in time order, and sends everyone home', () => {
		const times = events.map((e) => Date.parse(e.at));
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(Math.min(...times)).toBeGreaterThanOrEqual(MONDAY.start);
		expect(Math.max(...times)).toBeLessThan(MONDAY.end);
		const last = new Map<string, string>();
		for (const e of ofKind(events, 'agent_state')) last.set(e.agent_id, e.state);
		// On fixed hours each works five days a week: on a Monday, all but two of each inbound team's seats 5–9.
		const working = DEMO_AGENTS.filter((a) => worksFixedHours(a, MONDAY, 'working'));
		expect(working).toHaveLength(34);
		expect([...last.keys()].sort()).toEqual(working.map((a) => a.id).sort());
		expect(new Set(last.values())).toEqual(new Set(['offline']));
	});

	it('follows the day curve: busy late morning, quiet at lunch, closed at night', () => {
		const offered = ofKind(events, 'call_offered').map(localMinute);
		const perHour = (from: number, to: number) =>
			offered.filter((m) => m >= from && m < to).length / ((to - from) / 60);
		expect(perHour(10 * 60, 11 * 60 + 30)).toBeGreaterThan(1.4 * perHour(12 * 60, 13 * 60));
		expect(perHour(14 * 60 + 30, 16 * 60 + 30)).toBeGreaterThan(1.4 * perHour(12 * 60, 13 * 60));
		expect(perHour(12 * 60, 13 * 60)).toBeGreaterThan(perHour(18 * 60, 19 * 60));
		expect(offered.filter((m) => m < 9 * 60 || m >= 19 * 60)).toEqual([]);
	});

	it('has a plausible service: high answer rate, some short abandons, sales busiest', () => {
		const byQueue = (queueId: string, kind: IngestEvent['kind']) =>
			events.filter((e) => e.kind === kind && 'queue_id' in e && e.queue_id === queueId).length;
		const sales = byQueue(QUEUE.sales, 'call_offered');
		const afterSales = byQueue(QUEUE.afterSales, 'call_offered');
		const complaints = byQueue(QUEUE.complaints, 'call_offered');
		expect(sales).toBeGreaterThan(afterSales);
		expect(afterSales).toBeGreaterThan(complaints);
		expect(complaints).toBeGreaterThan(20);
		const offered = ofKind(events, 'call_offered').length;
		const answered = ofKind(events, 'call_answered').length;
		expect(answered / offered).toBeGreaterThan(0.85);
		expect(answered / offered).toBeLessThan(0.995);

		const calls = callsOf(events);
		const waits = ofKind(events, 'call_abandoned').map((e) => {
			const call = calls.get(e.call_id);
			return (call?.times.at(-1) ?? 0) - (call?.times[0] ?? 0);
		});
		expect(waits.filter((w) => w < 5000).length).toBeGreaterThan(0);
		expect(waits.filter((w) => w >= 5000).length).toBeGreaterThan(0);
	});

	it('talks longer on complaints than on sales; after-call work of 20–60 s on sales; hold now and then', () => {
		const ended = ofKind(events, 'call_ended');
		const medianTalk = (queueId: string) => {
			const talks = ended
				.filter((e) => e.queue_id === queueId)
				.map((e) => e.talk_s)
				.sort((a, b) => a - b);
			return talks[Math.floor(talks.length / 2)] ?? 0;
		};
		expect(medianTalk(QUEUE.sales)).toBeGreaterThan(170);
		expect(medianTalk(QUEUE.sales)).toBeLessThan(260);
		expect(medianTalk(QUEUE.complaints)).toBeGreaterThan(1.5 * medianTalk(QUEUE.sales));
		expect(ended.every((e) => Number.isInteger(e.talk_s) && Number.isInteger(e.hold_s) && e.hold_s >= 0)).toBe(true);
		const inboundEnded = ended.filter((e) => e.queue_id !== QUEUE.outbound);
		const held = inboundEnded.filter((e) => e.hold_s > 0).length / inboundEnded.length;
		expect(held).toBeGreaterThan(0.1);
		expect(held).toBeLessThan(0.4);

		const endedAt = new Map(ended.map((e) => [e.call_id, Date.parse(e.at)]));
		const answeredAt = new Map(ofKind(events, 'call_answered').map((e) => [e.call_id, Date.parse(e.at)]));
		for (const e of ended.filter((x) => x.queue_id === QUEUE.sales)) {
			expect((endedAt.get(e.call_id) ?? 0) - (answeredAt.get(e.call_id) ?? 0)).toBe((e.talk_s + e.hold_s) * 1000);
		}
		for (const w of ofKind(events, 'wrap_ended').filter((x) => x.queue_id === QUEUE.sales)) {
			const acw = (Date.parse(w.at) - (endedAt.get(w.call_id) ?? 0)) / 1000;
			expect(acw).toBeGreaterThanOrEqual(20);
			expect(acw).toBeLessThanOrEqual(60);
		}
	});

	it('has agents log in around 9:00 (a few late), take lunch between 11:30 and 14:30, and leave around 18:00', () => {
		const firstLogin = new Map<string, number>();
		const lunches = new Map<string, number[]>();
		const offline = new Map<string, number>();
		for (const e of ofKind(events, 'agent_state')) {
			if (!firstLogin.has(e.agent_id)) firstLogin.set(e.agent_id, localMinute(e));
			if (e.state === 'lunch') lunches.set(e.agent_id, [...(lunches.get(e.agent_id) ?? []), localMinute(e)]);
			if (e.state === 'offline') offline.set(e.agent_id, localMinute(e));
		}
		const working = DEMO_AGENTS.filter((a) => worksFixedHours(a, MONDAY, 'working'));
		const nineOClock = working
			.filter((a) => a.outbound || (a.seat !== 4 && a.seat !== 9))
			.map((a) => firstLogin.get(a.id) ?? NaN);
		expect(nineOClock.filter((m) => m >= 8 * 60 + 45 && m <= 9 * 60 + 5).length).toBeGreaterThan(
			nineOClock.length * 0.75
		);
		expect(nineOClock.every((m) => m >= 8 * 60 + 40 && m <= 9 * 60 + 30)).toBe(true);
		for (const agent of working) {
			const lunch = lunches.get(agent.id) ?? [];
			expect(lunch).toHaveLength(1);
			expect(lunch[0]).toBeGreaterThanOrEqual(11 * 60 + 30);
			expect(lunch[0]).toBeLessThanOrEqual(14 * 60 + 30);
		}
		const inboundDayShift = working.filter((a) => !a.outbound && a.seat !== 4 && a.seat !== 9);
		for (const agent of inboundDayShift) {
			expect(offline.get(agent.id)).toBeGreaterThanOrEqual(17 * 60 + 55);
			expect(offline.get(agent.id)).toBeLessThanOrEqual(18 * 60 + 40);
		}
		const breaks = ofKind(events, 'agent_state').filter((e) => e.state === 'break');
		expect(breaks.length).toBeGreaterThanOrEqual(60);
	});

	it('has outbound callers connect 35–45 % of dials, about 100 connected calls each, mostly D grades and few A', () => {
		const dialed = ofKind(events, 'call_dialed');
		const connected = ofKind(events, 'call_connected');
		expect(connected.length / dialed.length).toBeGreaterThan(0.35);
		expect(connected.length / dialed.length).toBeLessThan(0.45);
		const perCaller = DEMO_AGENTS.filter((a) => a.outbound).map(
			(a) => connected.filter((e) => e.agent_id === a.id).length
		);
		for (const n of perCaller) {
			expect(n).toBeGreaterThan(70);
			expect(n).toBeLessThan(140);
		}
		const mean = perCaller.reduce((s, n) => s + n, 0) / perCaller.length;
		expect(mean).toBeGreaterThan(90);
		expect(mean).toBeLessThan(120);
		expect(Math.max(...perCaller) - Math.min(...perCaller)).toBeGreaterThan(5);

		const grades = ofKind(events, 'call_graded').map((e) => e.grade);
		expect(grades).toHaveLength(connected.length);
		const share = (g: string) => grades.filter((x) => x === g).length / grades.length;
		expect(share('D')).toBeGreaterThan(share('C'));
		expect(share('C')).toBeGreaterThan(share('B'));
		expect(share('B')).toBeGreaterThan(share('A'));
		expect(share('A')).toBeGreaterThan(0.02);
		expect(share('A')).toBeLessThan(0.07);
	});
});

describe('determinism', () => {
	it('replays the same day identically for the same seed, and differently for another seed', () => {
		const a = simulateDay(7);
		const b = simulateDay(7);
		expect(b).toEqual(a);
		expect(a[0]?.event_id).toBe('sim:7:2026-11-23:1');
		const c = simulateDay(8);
		expect(c.map((e) => e.at)).not.toEqual(a.map((e) => e.at));
		const aIds = new Set(a.map((e) => e.event_id));
		expect(c.filter((e) => aIds.has(e.event_id))).toEqual([]);
	});

	it('gives a Saturday fewer calls than a Monday and no outbound dialling, with ids of its own', () => {
		const monday = simulateDay(42);
		const saturday = simulateDay(42, SATURDAY);
		const offered = (events: IngestEvent[], queueId: string) =>
			ofKind(events, 'call_offered').filter((e) => e.queue_id === queueId).length;
		for (const queueId of [QUEUE.sales, QUEUE.afterSales]) {
			expect(offered(saturday, queueId)).toBeLessThan(offered(monday, queueId) * 0.9);
			expect(offered(saturday, queueId)).toBeGreaterThan(offered(monday, queueId) * 0.4);
		}
		expect(ofKind(saturday, 'call_dialed')).toEqual([]);
		expect(findViolations(saturday, DEMO_AGENTS)).toEqual([]);
		const mondayIds = new Set(monday.map((e) => e.event_id));
		expect(saturday.some((e) => mondayIds.has(e.event_id))).toBe(false);
	});
});

describe('the consistency check itself', () => {
	it('notices a wrong skill, a call answered twice and an agent on two calls', () => {
		const events = simulateDay(3);
		const complaint = ofKind(events, 'call_answered').find((e) => e.queue_id === QUEUE.complaints);
		if (!complaint) throw new Error('no complaint answered');
		const hotlineA = DEMO_AGENTS[0]?.id ?? '';
		const wrongSkill = events.map((e) =>
			'call_id' in e && e.call_id === complaint.call_id && 'agent_id' in e ? { ...e, agent_id: hotlineA } : e
		);
		expect(findViolations(wrongSkill, DEMO_AGENTS).join('\n')).toMatch(/not skilled/);

		const i = events.indexOf(complaint);
		const twice = [...events.slice(0, i + 1), { ...complaint, event_id: 'again' }, ...events.slice(i + 1)];
		expect(findViolations(twice, DEMO_AGENTS).join('\n')).toMatch(/2 outcomes|already on/);

		// A second call offered and answered by the same agent while the first is still going.
		const other = { ...complaint, call_id: 'overlap', event_id: 'overlap-answered' };
		const offered = {
			kind: 'call_offered',
			call_id: 'overlap',
			queue_id: complaint.queue_id,
			event_id: 'overlap-offered',
			site_id: complaint.site_id,
			at: complaint.at
		} as const;
		const overlapping = [...events.slice(0, i + 1), offered, other, ...events.slice(i + 1)];
		expect(findViolations(overlapping, DEMO_AGENTS).join('\n')).toMatch(/already on/);
	});
});
