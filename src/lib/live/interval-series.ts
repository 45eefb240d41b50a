// Today's 15-minute intervals of one queue as chart rows: every slot from the
// morning (or the first call, if earlier) to the current slot, empty slots
// included so the time axis has no gaps.
import type { QueueIntervalRow } from './live-rows';
import type { SiteSpan } from './site-time';

export const SLOT_MS = 15 * 60_000;

export interface IntervalPoint {
	/** Epoch ms the slot starts. */
	start: number;
	offered: number;
	answered: number;
	abandoned: number;
	timedOut: number;
	/** A slot after the current one: on the axis, without data yet. */
	future: boolean;
}

export interface SeriesWindow {
	/** Site-local hour the chart starts at unless calls came earlier. */
	fromHour: number;
	/** Site-local hour the chart runs to at least. */
	toHour: number;
}

export function intervalSeries(
	intervals: readonly QueueIntervalRow[],
	queueId: string,
	day: Pick<SiteSpan, 'start' | 'end'>,
	now: number,
	window: SeriesWindow = { fromHour: 8, toHour: 20 }
): IntervalPoint[] {
	const dayStart = day.start;
	const bySlot = new Map<number, IntervalPoint>();
	for (const row of intervals) {
		if (row.queue_id !== queueId) continue;
		const start = Date.parse(row.interval_start);
		if (start < dayStart || start >= day.end) continue;
		bySlot.set(start, {
			start,
			offered: Number(row.offered),
			answered: Number(row.answered),
			abandoned: Number(row.abandoned),
			timedOut: Number(row.timed_out),
			future: false
		});
	}
	const starts = [...bySlot.keys()];
	const currentSlot = dayStart + Math.floor((now - dayStart) / SLOT_MS) * SLOT_MS;
	const first = Math.min(dayStart + window.fromHour * 3_600_000, ...starts);
	const last = Math.min(
		day.end - SLOT_MS,
		Math.max(dayStart + window.toHour * 3_600_000 - SLOT_MS, currentSlot, ...starts)
	);
	const points: IntervalPoint[] = [];
	for (let start = first; start <= last; start += SLOT_MS) {
		points.push(
			bySlot.get(start) ?? { start, offered: 0, answered: 0, abandoned: 0, timedOut: 0, future: start > currentSlot }
		);
	}
	return points;
}
