// How many calls a real-estate hotline gets over a day, and what those calls
// are like. Buyers ring late in the morning and mid-afternoon, rarely at
// lunch, almost never after the sales office closes. Rates are per hour at
// the peak of a weekday; how busy a given day is (weekends and holidays are
// lighter, the seasons swell and ebb) is its level, from demand-level.ts.
import { localClock } from './site-time.ts';

/** [local minute of day, share of the peak rate]; straight lines between, 0 outside. */
const INBOUND_CURVE: readonly (readonly [number, number])[] = [
	[9 * 60, 0],
	[9 * 60 + 1, 0.35],
	[9 * 60 + 30, 0.55],
	[10 * 60, 0.85],
	[10 * 60 + 30, 1],
	[11 * 60 + 30, 1],
	[12 * 60, 0.6],
	[12 * 60 + 30, 0.4],
	[13 * 60, 0.45],
	[13 * 60 + 30, 0.65],
	[14 * 60, 0.8],
	[14 * 60 + 30, 1],
	[16 * 60 + 30, 0.95],
	[17 * 60, 0.7],
	[17 * 60 + 30, 0.5],
	[18 * 60, 0.25],
	[18 * 60 + 30, 0.12],
	[19 * 60, 0]
];

export const INBOUND_OPEN_MINUTE = 9 * 60;
export const INBOUND_CLOSE_MINUTE = 19 * 60;

/** Share of the peak call rate at a local time of day (0 when the lines are closed). */
export function dayCurve(minuteOfDay: number): number {
	const first = INBOUND_CURVE[0];
	if (!first || minuteOfDay < first[0]) return 0;
	for (let i = 1; i < INBOUND_CURVE.length; i++) {
		const right = INBOUND_CURVE[i];
		const left = INBOUND_CURVE[i - 1];
		if (!right || !left) break;
		if (minuteOfDay <= right[0]) {
			const f = (minuteOfDay - left[0]) / (right[0] - left[0]);
			return left[1] + f * (right[1] - left[1]);
		}
	}
	return 0;
}

export const PEAK_SHARE = Math.max(...INBOUND_CURVE.map(([, share]) => share));

export interface QueueDemand {
	queueId: string;
	label: string;
	/** Calls per hour at the weekday peak. */
	peakPerHour: number;
	/** Multiplier on the site's weekly rest days. */
	weekend: number;
	/** Multiplier on public holidays and the other days off of their span. */
	holiday: number;
	talkMedianS: number;
	talkSigma: number;
	holdChance: number;
	holdMedianS: number;
	acwMinS: number;
	acwMaxS: number;
	/** Mean of the exponential patience: how long a caller waits before hanging up. */
	patienceMeanS: number;
}

/** Calls per second for a queue at an instant of a day whose level is `level` (demand-level.ts). */
export function arrivalRate(demand: QueueDemand, at: number, timeZone: string, level: number): number {
	return (demand.peakPerHour / 3600) * level * dayCurve(localClock(at, timeZone).minuteOfDay);
}

/** The upper bound of arrivalRate over that day (thinning needs one). */
export function maxArrivalRate(demand: QueueDemand, level: number): number {
	return (demand.peakPerHour / 3600) * level * PEAK_SHARE;
}
