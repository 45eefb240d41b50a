import { describe, expect, it } from 'vitest';
import type { QueueIntervalRow } from './live-rows';
import { intervalSeries, SLOT_MS } from './interval-series';

const Q = '9e000000-0000-4000-8000-000000000001';
const dayStart = Date.parse('2026-11-22T16:00:00Z'); // midnight in Shanghai
const at = (hours: number) => dayStart + hours * 3_600_000;
const day = { start: dayStart, end: at(24) };

function row(
	queue_id: string,
	start: number,
	offered: number,
	answered: number,
	abandoned: number,
	timed_out = 0
): QueueIntervalRow {
	return {
		queue_id,
		site_id: 's',
		interval_start: new Date(start).toISOString(),
		offered,
		answered,
		answered_within_sl: 0,
		abandoned,
		abandoned_short: 0,
		timed_out,
		handled: 0,
		talk_s: 0,
		hold_s: 0,
		acw_s: 0,
		wait_answered_s: 0,
		version: 1,
		updated_at: ''
	};
}

describe('intervalSeries', () => {
	it('fills every slot from 08:00 to 20:00 with the queue’s own counts', () => {
		const points = intervalSeries(
			[row(Q, at(9), 6, 4, 1, 1), row('other', at(9), 9, 9, 0), row(Q, at(9.25), 2, 2, 0)],
			Q,
			day,
			at(10)
		);
		expect(points).toHaveLength(48);
		expect(points[0]?.start).toBe(at(8));
		expect(points.at(-1)?.start).toBe(at(20) - SLOT_MS);
		expect(points[4]).toEqual({ start: at(9), offered: 6, answered: 4, abandoned: 1, timedOut: 1, future: false });
		expect(points[5]).toEqual({ start: at(9.25), offered: 2, answered: 2, abandoned: 0, timedOut: 0, future: false });
		expect(points[6]).toEqual({ start: at(9.5), offered: 0, answered: 0, abandoned: 0, timedOut: 0, future: false });
		expect(points[9]?.future).toBe(true);
	});

	it('starts earlier for early calls and runs on to the current slot late at night', () => {
		const points = intervalSeries([row(Q, at(6.5), 1, 1, 0)], Q, day, at(22.1));
		expect(points[0]?.start).toBe(at(6.5));
		expect(points.at(-1)?.start).toBe(at(22));
	});

	it('ends with the last slot of the site’s day, also on a 23-hour day', () => {
		const points = intervalSeries([], Q, { start: dayStart, end: at(23) }, at(22.9));
		expect(points.at(-1)?.start).toBe(at(23) - SLOT_MS);
	});

	it('ignores yesterday’s and tomorrow’s rows', () => {
		const points = intervalSeries([row(Q, at(-1), 3, 3, 0), row(Q, at(24), 3, 3, 0)], Q, day, at(9));
		expect(points.every((p) => p.offered === 0)).toBe(true);
		expect(points[0]?.start).toBe(at(8));
	});
});
