// Tile numbers from hand-computed cases: two intervals of the sales hotline,
// its live row, and a quiet queue with no calls ("—", not 0 % or 100 %).
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '$lib/data/wall';
import type { QueueIntervalRow, QueueLiveRow } from './live-rows';
import { countAgents, longestWaitS, queueView, siteTotals, waitLevel } from './queue-view';

const SITE = '5a000000-0000-4000-8000-000000000001';
const SALES = '9e000000-0000-4000-8000-000000000001';
const AFTER = '9e000000-0000-4000-8000-000000000002';

function queue(id: string, overrides: Partial<QueueRow> = {}): QueueRow {
	return {
		id,
		site_id: SITE,
		name: id === SALES ? '销售热线 Sales hotline' : '售后服务 After-sales',
		direction: 'inbound',
		sl_threshold_s: 15,
		short_abandon_s: 5,
		sl_formula: 'offered_minus_short',
		sl_target: 0.8,
		aht_target_s: 300,
		answer_rate_target: 0.95,
		abandon_rate_includes_timeouts: false,
		created_at: '2026-11-01T00:00:00Z',
		...overrides
	};
}

function interval(queue_id: string, start: string, counts: Partial<QueueIntervalRow>): QueueIntervalRow {
	return {
		queue_id,
		site_id: SITE,
		interval_start: start,
		offered: 0,
		answered: 0,
		answered_within_sl: 0,
		abandoned: 0,
		abandoned_short: 0,
		timed_out: 0,
		handled: 0,
		talk_s: 0,
		hold_s: 0,
		acw_s: 0,
		wait_answered_s: 0,
		version: 1,
		updated_at: start,
		...counts
	};
}

const live: QueueLiveRow = {
	queue_id: SALES,
	site_id: SITE,
	calls_waiting: 2,
	oldest_waiting_since: '2026-11-23T02:00:00.000Z',
	agents_available: 3,
	agents_on_call: 4,
	agents_wrap_up: 1,
	agents_not_ready: 2,
	version: 9,
	updated_at: '2026-11-23T02:00:00Z'
};

// 9:00 and 9:15: 10 + 6 offered, 8 + 4 answered (6 + 3 within 15 s), 2 + 2
// abandoned (1 + 0 short); 12 handled: talk 2,400 s, hold 120 s, ACW 360 s;
// answered calls waited 96 s + 60 s.
const intervals = [
	interval(SALES, '2026-11-23T01:00:00Z', {
		offered: 10,
		answered: 8,
		answered_within_sl: 6,
		abandoned: 2,
		abandoned_short: 1,
		handled: 8,
		talk_s: 1_600,
		hold_s: 80,
		acw_s: 240,
		wait_answered_s: 96
	}),
	interval(SALES, '2026-11-23T01:15:00Z', {
		offered: 6,
		answered: 4,
		answered_within_sl: 3,
		abandoned: 2,
		handled: 4,
		talk_s: 800,
		hold_s: 40,
		acw_s: 120,
		wait_answered_s: 60
	}),
	interval(AFTER, '2026-11-23T01:00:00Z', { offered: 4, answered: 4, answered_within_sl: 4, handled: 4, talk_s: 400 })
];

describe('queueView', () => {
	it('sums only its own intervals and applies the queue formula', () => {
		const view = queueView(queue(SALES), live, intervals);
		expect(view.totals.offered).toBe(16);
		// SL = 9 / (16 − 1 short abandon) = 60 %
		expect(view.sl).toBeCloseTo(9 / 15, 10);
		expect(view.answerRate).toBe(12 / 16);
		expect(view.abandonRate).toBe(4 / 16);
		// AHT = (2,400 + 120 + 360) / 12 = 240 s; ASA = 156 / 12 = 13 s
		expect(view.ahtS).toBe(240);
		expect(view.asaS).toBe(13);
		expect(view.waiting).toBe(2);
		expect(view.oldestSince).toBe(Date.parse('2026-11-23T02:00:00Z'));
		expect(view.agents).toEqual({ available: 3, onCall: 4, wrapUp: 1, notReady: 2 });
		expect(view.levels).toEqual({ sl: 'bad', answerRate: 'bad', abandonRate: 'bad', aht: 'ok' });
	});

	it('keeps timeouts apart unless the queue counts them as abandons', () => {
		// 9:15 again, with 2 of its calls timed out by the queue instead: 8 offered, 2 abandoned, 2 timed out.
		const timedOut = [...intervals.slice(0, 1), { ...intervals[1]!, offered: 8, timed_out: 2 }, ...intervals.slice(2)];
		const apart = queueView(queue(SALES), live, timedOut);
		expect(apart.abandonRate).toBe(4 / 18);
		expect(apart.timeoutRate).toBe(2 / 18);
		expect(apart.unansweredRate).toBe(6 / 18);
		expect(apart.abandonIncludesTimeouts).toBe(false);
		// SL keeps the timeouts in its denominator: 9 / (18 − 1 short abandon)
		expect(apart.sl).toBeCloseTo(9 / 17, 10);
		const counted = queueView(queue(SALES, { abandon_rate_includes_timeouts: true }), live, timedOut);
		expect(counted.abandonRate).toBe(6 / 18);
		expect(counted.unansweredRate).toBe(6 / 18);
		expect(counted.abandonIncludesTimeouts).toBe(true);
	});

	it('judges the abandon rate against what the answer-rate target leaves over', () => {
		const view = queueView(queue(SALES, { answer_rate_target: 0.8 }), live, intervals);
		expect(view.abandonTarget).toBeCloseTo(0.2, 10);
		// 4 / 16 = 25 %: above 20 %, within twice it
		expect(view.levels.abandonRate).toBe('warn');
		expect(queueView(queue(SALES), live, intervals).abandonTarget).toBeCloseTo(0.05, 10);
	});

	it('follows the formula chosen for the queue', () => {
		expect(queueView(queue(SALES, { sl_formula: 'answered' }), live, intervals).sl).toBe(9 / 12);
		expect(queueView(queue(SALES, { sl_formula: 'offered' }), live, intervals).sl).toBe(9 / 16);
	});

	it('shows nothing rather than 0 % or 100 % for a queue without calls', () => {
		const view = queueView(queue(AFTER), undefined, []);
		expect([view.sl, view.answerRate, view.abandonRate, view.ahtS, view.asaS]).toEqual([null, null, null, null, null]);
		expect(view.waiting).toBe(0);
		expect(view.oldestSince).toBeNull();
		expect(view.levels.sl).toBe('none');
	});
});

describe('siteTotals', () => {
	it('adds queues and counts each logged-in agent once', () => {
		const views = [queueView(queue(SALES), live, intervals), queueView(queue(AFTER), undefined, intervals)];
		const total = siteTotals(views, [
			{ state: 'available' },
			{ state: 'break' },
			{ state: 'on_call' },
			{ state: 'lunch' }
		]);
		expect(total.totals.offered).toBe(20);
		expect(total.sl).toBeCloseTo(13 / 19, 10);
		expect(total.answerRate).toBe(16 / 20);
		expect(total.waiting).toBe(2);
		expect(total.agents).toEqual({ available: 1, onCall: 1, wrapUp: 0, notReady: 2 });
	});

	it("counts each queue's abandons by its own rule", () => {
		const withTimeouts = [
			interval(SALES, '2026-11-23T01:00:00Z', { offered: 10, answered: 6, abandoned: 1, timed_out: 3 }),
			interval(AFTER, '2026-11-23T01:00:00Z', { offered: 10, answered: 7, abandoned: 1, timed_out: 2 })
		];
		const views = [
			queueView(queue(SALES, { abandon_rate_includes_timeouts: true }), undefined, withTimeouts),
			queueView(queue(AFTER), undefined, withTimeouts)
		];
		const total = siteTotals(views, []);
		// sales counts 1 + 3, after-sales 1: 5 of 20
		expect(total.abandonRate).toBe(5 / 20);
		expect(total.timeoutRate).toBe(5 / 20);
		expect(total.unansweredRate).toBe(7 / 20);
		expect(siteTotals([], []).abandonRate).toBeNull();
	});

	it('counts agents by state, leaving offline out', () => {
		expect(countAgents([{ state: 'wrap_up' }, { state: 'offline' }, { state: 'training' }])).toEqual({
			available: 0,
			onCall: 0,
			wrapUp: 1,
			notReady: 1
		});
	});
});

describe('waiting time', () => {
	it('ticks from the oldest call and rates it against the SL threshold', () => {
		const since = Date.parse('2026-11-23T02:00:00Z');
		expect(longestWaitS(since, since + 42_000)).toBe(42);
		expect(longestWaitS(null, since)).toBeNull();
		expect(longestWaitS(since, since - 500)).toBe(0);
		expect(waitLevel(15, 15)).toBe('ok');
		expect(waitLevel(30, 15)).toBe('warn');
		expect(waitLevel(31, 15)).toBe('bad');
	});
});
