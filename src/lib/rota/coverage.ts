// Headcount per 15-minute interval for each day of a week: how many agents
// the rota has on the phones then. A shift counts from its start to its end
// minus its breaks (paid breaks too: nobody answers calls on a break); a
// night shift's hours after midnight count on the next day. Required staffing
// per interval (the forecast issue) will sit next to these counts.
import { parseBreaks } from '$lib/shift-breaks';

export const INTERVAL_MIN = 15;
export const INTERVALS_PER_DAY = 1440 / INTERVAL_MIN;

export interface CoverageShift {
	day: string;
	starts_at: string;
	ends_at: string;
	breaks: unknown;
}

const minuteOf = (time: string) => {
	const [h = 0, m = 0] = time.split(':').map(Number);
	return h * 60 + m;
};

/** Counts per day (index of `days`) per interval; shifts on other days add only their spill-over. */
export function coverage(days: readonly string[], shifts: readonly CoverageShift[]): number[][] {
	const rows = days.map(() => new Array<number>(INTERVALS_PER_DAY).fill(0));
	const index = new Map(days.map((d, i) => [d, i]));
	// Minutes of the week (day index × 1440 + minute) a shift is on the phones, interval by interval.
	for (const shift of shifts) {
		const dayIndex = index.get(shift.day);
		if (dayIndex === undefined) continue;
		const start = minuteOf(shift.starts_at);
		let end = minuteOf(shift.ends_at);
		if (end <= start) end += 1440;
		const away = parseBreaks(shift.breaks).map((b) => [start + b.start_min, start + b.start_min + b.minutes] as const);
		for (let t = Math.ceil(start / INTERVAL_MIN) * INTERVAL_MIN; t < end; t += INTERVAL_MIN) {
			// An interval counts when the agent is on the phones at its start.
			if (away.some(([from, to]) => t >= from && t < to)) continue;
			const absolute = dayIndex * 1440 + t;
			const row = rows[Math.floor(absolute / 1440)];
			if (row) row[(absolute % 1440) / INTERVAL_MIN]! += 1;
		}
	}
	return rows;
}

/** The interval's clock time, hh:mm. */
export function intervalClock(interval: number): string {
	const minutes = interval * INTERVAL_MIN;
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
