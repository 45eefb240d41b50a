// A forecast week as the page draws it: the intervals grouped by the site's
// days (a day is local midnight to local midnight, so 92 or 100 intervals on
// a daylight-saving day), each with its local minute of the day, and the
// day's totals. Pure: the time zone is an argument.
import { TZDate } from '@date-fns/tz';
import { addDays } from '../calendar-date';

export const INTERVAL_SECONDS = 900;

export interface ForecastPoint {
	/** The interval's start, epoch ms. */
	start: number;
	/** Minutes since the site's midnight. */
	minute: number;
	offered: number;
	ahtSeconds: number;
}

export interface ForecastDay {
	/** yyyy-mm-dd, site-local. */
	day: string;
	points: ForecastPoint[];
	/** Calls of the day. */
	offered: number;
	/** Handle time per call over the day, weighted by calls; null for a day without calls. */
	ahtSeconds: number | null;
}

export interface IntervalRow {
	interval_start: string;
	offered: number;
	aht_s: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The site-local date and minute of the day of an instant. */
export function localSlot(ms: number, timeZone: string): { day: string; minute: number } {
	const local = new TZDate(ms, timeZone);
	return {
		day: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
		minute: local.getHours() * 60 + local.getMinutes()
	};
}

/** The seven days of the week starting `week` (a Monday), with the intervals that fall on each. */
export function forecastDays(rows: readonly IntervalRow[], week: string, timeZone: string): ForecastDay[] {
	const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
	const byDay = new Map<string, ForecastPoint[]>(days.map((d) => [d, []]));
	for (const row of rows) {
		const start = Date.parse(row.interval_start);
		const { day, minute } = localSlot(start, timeZone);
		byDay.get(day)?.push({ start, minute, offered: Number(row.offered), ahtSeconds: Number(row.aht_s) });
	}
	return days.map((day) => {
		const points = (byDay.get(day) ?? []).sort((a, b) => a.start - b.start);
		const offered = points.reduce((sum, p) => sum + p.offered, 0);
		const work = points.reduce((sum, p) => sum + p.offered * p.ahtSeconds, 0);
		return { day, points, offered, ahtSeconds: offered > 0 ? work / offered : null };
	});
}

/** "08:15" for a minute of the day. */
export const minuteText = (minute: number): string => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

export interface HourlyPeaks {
	days: string[];
	/** The hours of the day (0–23) with agents needed on some day, in order. */
	hours: number[];
	/** peak[h][d]: the most agents any interval of hour hours[h] needs on day d. */
	peak: number[][];
	/** Scheduled agent-hours per day: Σ agents × 15 min. */
	agentHours: number[];
	max: number;
}

/** Requirements per interval as a compact week grid: the peak per hour and day. */
export function hourlyPeaks(
	rows: readonly { interval_start: string; agents: number }[],
	week: string,
	timeZone: string
): HourlyPeaks {
	const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
	const grid = Array.from({ length: 24 }, () => days.map(() => 0));
	const agentHours = days.map(() => 0);
	for (const row of rows) {
		const { day, minute } = localSlot(Date.parse(row.interval_start), timeZone);
		const d = days.indexOf(day);
		if (d < 0) continue;
		const hour = grid[Math.floor(minute / 60)]!;
		hour[d] = Math.max(hour[d]!, row.agents);
		agentHours[d]! += row.agents / 4;
	}
	const hours = grid.flatMap((cells, h) => (cells.some((a) => a > 0) ? [h] : []));
	const peak = hours.map((h) => grid[h]!);
	return { days, hours, peak, agentHours, max: Math.max(0, ...peak.flat()) };
}

/** A history day's calls on the 96 quarter hours of the day (an interval without a row had none). */
export function dayProfile(
	rows: readonly { interval_start: string; offered: number }[],
	timeZone: string
): { minute: number; offered: number }[] {
	const calls = new Array<number>(96).fill(0);
	for (const row of rows) {
		const { minute } = localSlot(Date.parse(row.interval_start), timeZone);
		calls[Math.floor(minute / 15)]! += Number(row.offered);
	}
	return calls.map((offered, i) => ({ minute: i * 15, offered }));
}
