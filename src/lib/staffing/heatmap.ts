// The coverage heatmap of one queue for one week, as numbers: per day and
// 15-minute interval the agents required (from the latest forecast version
// with requirements), the agents scheduled (skills-aware, see
// queue-coverage.ts), the gap between them and the service level those
// scheduled agents would give (Erlang, through projected-service.ts), plus
// the under- and over-staffed agent-hours. The window is the part of the day
// where calls are forecast or anyone is required or scheduled, the same for
// every day so that the columns line up.
import { projectService, type ProjectionSettings } from './projected-service';
import { INTERVALS_PER_DAY } from '$lib/rota/coverage';

const HOURS_PER_INTERVAL = 0.25;

export interface QueueDemand {
	/** Agents required per interval of the week (672), null where nothing was forecast. */
	required: readonly number[];
	/** Forecast calls and AHT per interval, for the projected service level. */
	calls: readonly number[];
	ahtSeconds: readonly number[];
}

export interface HeatCell {
	/** Interval of the day, 0–95. */
	interval: number;
	required: number;
	scheduled: number;
	/** scheduled − required: below zero is under-coverage. */
	gap: number;
	/** Projected service level in [0, 1], null when no calls are forecast. */
	serviceLevel: number | null;
}

export interface HeatDay {
	day: string;
	cells: HeatCell[];
	underHours: number;
	overHours: number;
}

export interface Heatmap {
	/** Intervals of the day shown, [from, to). */
	from: number;
	to: number;
	days: HeatDay[];
	underHours: number;
	overHours: number;
	/** The week's projected service level weighted by forecast calls; null without calls. */
	serviceLevel: number | null;
}

/** The intervals of the day with calls, or anyone required or scheduled, on any day; 08:00–20:00 when none. */
function window(busy: readonly (readonly number[])[], dayCount: number): [number, number] {
	let from = INTERVALS_PER_DAY;
	let to = 0;
	for (let d = 0; d < dayCount; d += 1) {
		for (let i = 0; i < INTERVALS_PER_DAY; i += 1) {
			const at = d * INTERVALS_PER_DAY + i;
			if (busy.some((counts) => (counts[at] ?? 0) > 0)) {
				from = Math.min(from, i);
				to = Math.max(to, i + 1);
			}
		}
	}
	return from < to ? [from, to] : [32, 80];
}

export function heatmap(
	days: readonly string[],
	demand: QueueDemand | null,
	scheduled: readonly number[],
	projection: ProjectionSettings
): Heatmap {
	const required = demand?.required ?? [];
	const [from, to] = window([required, scheduled, demand?.calls ?? []], days.length);
	let calls = 0;
	let weightedService = 0;
	const rows = days.map((day, d): HeatDay => {
		const cells: HeatCell[] = [];
		let under = 0;
		let over = 0;
		for (let i = 0; i < INTERVALS_PER_DAY; i += 1) {
			const at = d * INTERVALS_PER_DAY + i;
			const need = required[at] ?? 0;
			const have = scheduled[at] ?? 0;
			const load = demand ? { calls: demand.calls[at] ?? 0, ahtSeconds: demand.ahtSeconds[at] ?? 0 } : null;
			const service = load && load.calls > 0 && load.ahtSeconds > 0 ? projectService(load, have, projection) : null;
			if (service && load) {
				calls += load.calls;
				weightedService += service.serviceLevel * load.calls;
			}
			under += Math.max(0, need - have) * HOURS_PER_INTERVAL;
			over += Math.max(0, have - need) * HOURS_PER_INTERVAL;
			if (i >= from && i < to) {
				cells.push({
					interval: i,
					required: need,
					scheduled: have,
					gap: have - need,
					serviceLevel: service?.serviceLevel ?? null
				});
			}
		}
		return { day, cells, underHours: under, overHours: over };
	});
	return {
		from,
		to,
		days: rows,
		underHours: rows.reduce((sum, r) => sum + r.underHours, 0),
		overHours: rows.reduce((sum, r) => sum + r.overHours, 0),
		serviceLevel: calls > 0 ? weightedService / calls : null
	};
}
