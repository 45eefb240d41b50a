// A deterministic stream of demo events for the ingest suites: a seeded
// pseudo-random evening and night at the demo site (it crosses midnight in
// Asia/Shanghai), inbound calls on the three hotlines and some outbound
// calling, with short and long abandons, timeouts (some with an abandon in
// the same seconds, and a few stray ones on answered calls), answers inside
// and outside the 15 s service level, holds, transfers between queues,
// breaks, logouts and repeated state reports. Plausible enough to exercise every rule; it is not
// a queue simulation (an agent may take a call while on break).
import type { AgentStateName, IngestEvent } from '../../server/events/schema';
import { DEMO_SITE, demoAgent, QUEUE } from '../support/demo';

const INBOUND_QUEUES = [QUEUE.sales, QUEUE.afterSales, QUEUE.complaints];
const agentId = (n: number) => demoAgent(n).agentId;
// The seed's skills: Hotline A (agents 1–10) sales; B (11–20) sales and after-sales; C (21–30) after-sales and complaints.
const STAFF: Record<string, number[]> = {
	[QUEUE.sales]: range(1, 20),
	[QUEUE.afterSales]: range(11, 30),
	[QUEUE.complaints]: range(21, 30)
};
const CALLERS = range(31, 40);
const NOT_READY: { state: AgentStateName; reason: string }[] = [
	{ state: 'break', reason: '休息' },
	{ state: 'lunch', reason: '午餐' },
	{ state: 'training', reason: 'product training' },
	{ state: 'meeting', reason: '班前会' }
];

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** mulberry32: small, fast and good enough to make test data. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
	}
	return copy;
}

/** `count` events sorted by time (ties by event_id), generated from `seed`. */
export function demoStream(count: number, seed = 20261123): IngestEvent[] {
	const random = prng(seed);
	const between = (lo: number, hi: number) => lo + random() * (hi - lo);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
	// tenths of a second, so waits land on the 15 s and 5 s thresholds now and then
	const ms = (seconds: number) => Math.round(seconds * 10) * 100;
	const events: (IngestEvent & { t: number })[] = [];
	let serial = 0;
	const add = (t: number, event: Record<string, unknown>) => {
		serial += 1;
		const full = { ...event, event_id: `ev-${String(serial).padStart(6, '0')}`, site_id: DEMO_SITE, at: iso(t) };
		events.push({ ...(full as IngestEvent), t });
	};
	const state = (t: number, agent: number, s: AgentStateName, extra: Record<string, unknown> = {}) =>
		add(t, { kind: 'agent_state', agent_id: agentId(agent), state: s, ...extra });

	const start = Date.parse('2026-11-23T22:00:00+08:00');
	for (const agent of [...range(1, 30), ...CALLERS]) state(start - ms(between(60, 600)), agent, 'available');

	const inboundLeg = (t: number, queue: string, callId: string, depth: number) => {
		add(t, { kind: 'call_offered', call_id: callId, queue_id: queue });
		const roll = random();
		if (roll < 0.12) {
			const wait = roll < 0.06 ? between(0, 5.5) : between(5, 120);
			add(t + ms(wait), { kind: 'call_abandoned', call_id: callId, queue_id: queue });
			return;
		}
		if (roll < 0.15) {
			// the queue gives up (its max wait, or nobody could take the call)
			const gaveUp = t + ms(between(30, 300));
			add(gaveUp, { kind: 'call_timed_out', call_id: callId, queue_id: queue });
			// now and then the caller hangs up within the same seconds: the earlier fact decides
			if (random() < 0.3)
				add(gaveUp + ms(between(-2, 2)), { kind: 'call_abandoned', call_id: callId, queue_id: queue });
			return;
		}
		if (roll < 0.17) return; // still waiting when the stream ends, or its outcome was lost
		const agent = pick(STAFF[queue] ?? []);
		const answered = t + ms(random() < 0.6 ? between(0, 16) : between(14, 60));
		const call = { call_id: callId, queue_id: queue, agent_id: agentId(agent) };
		add(answered, { kind: 'call_answered', ...call });
		// a stray timeout on an answered call: the answer still decides
		if (random() < 0.03) add(answered - 100, { kind: 'call_timed_out', call_id: callId, queue_id: queue });
		state(answered, agent, 'on_call', { queue_id: queue });
		const talk = Math.round(between(20, 400));
		const hold = random() < 0.3 ? Math.round(between(5, 90)) : 0;
		const ended = answered + ms(talk + hold);
		if (depth === 0 && random() < 0.08) {
			const next = pick(INBOUND_QUEUES.filter((q) => q !== queue));
			add(ended, { kind: 'call_transferred', ...call, to_queue_id: next });
			inboundLeg(ended + 1000, next, callId, depth + 1);
		}
		add(ended, { kind: 'call_ended', ...call, talk_s: talk, hold_s: hold });
		state(ended, agent, 'wrap_up', { queue_id: queue });
		const wrapped = ended + ms(between(3, 60));
		add(wrapped, { kind: 'wrap_ended', ...call });
		state(wrapped, agent, 'available');
		// some switches report a state again; that must not restart the agent's clock
		if (random() < 0.1) state(wrapped + ms(between(1, 30)), agent, 'available');
	};

	const outboundCall = (t: number, callId: string) => {
		const caller = agentId(pick(CALLERS));
		const call = { call_id: callId, queue_id: QUEUE.outbound, agent_id: caller };
		add(t, { kind: 'call_dialed', ...call });
		if (random() < 0.4) return;
		const connected = t + ms(between(3, 25));
		add(connected, { kind: 'call_connected', ...call });
		const talk = Math.round(between(15, 240));
		add(connected + talk * 1000, { kind: 'call_ended', ...call, talk_s: talk, hold_s: 0 });
		add(connected + talk * 1000 + ms(between(5, 40)), {
			kind: 'call_graded',
			...call,
			grade: pick(['A', 'B', 'C', 'D'])
		});
	};

	let t = start;
	for (let n = 1; events.length < count * 1.2; n++) {
		t += ms(between(1, 20));
		if (random() < 0.15) outboundCall(t, `O-${n}`);
		else inboundLeg(t, pick(INBOUND_QUEUES), `C-${n}`, 0);
		if (random() < 0.08) {
			const agent = pick(range(1, 30));
			const away = pick(NOT_READY);
			state(t, agent, away.state, { reason: away.reason });
			state(t + ms(between(60, 900)), agent, 'available');
		}
		if (random() < 0.01) {
			const agent = pick([...range(1, 30), ...CALLERS]);
			state(t, agent, 'offline');
			if (random() < 0.7) state(t + ms(between(120, 1800)), agent, 'available');
		}
	}
	events.sort((a, b) => a.t - b.t || (a.event_id < b.event_id ? -1 : 1));
	return events.slice(0, count).map(({ t: _t, ...event }) => event);
}

function iso(t: number): string {
	return new Date(t).toISOString();
}

export function batches<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}
