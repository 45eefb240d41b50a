// Queue metrics as DESIGN.md §7 defines them, shared by the wallboard and
// its tests. Every ratio is null when its denominator is zero: a quiet queue
// has no service level, and the board shows "—" rather than 0 % or 100 %.
import type { Tables } from '$lib/database.types';

export type SlFormula = Tables<'queues'>['sl_formula'];

/** The additive counters of queue_intervals; a day is the sum of its intervals. */
export interface IntervalTotals {
	offered: number;
	answered: number;
	answered_within_sl: number;
	abandoned: number;
	abandoned_short: number;
	/** Calls the queue gave up on (its max wait, or no agent could take them): not abandons. */
	timed_out: number;
	handled: number;
	talk_s: number;
	hold_s: number;
	acw_s: number;
	wait_answered_s: number;
}

export const EMPTY_TOTALS: IntervalTotals = Object.freeze({
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
	wait_answered_s: 0
});

const KEYS = Object.keys(EMPTY_TOTALS) as (keyof IntervalTotals)[];

/** Sums interval rows; bigint columns arrive as strings from the API, so values are coerced. */
export function sumIntervals(rows: readonly { [K in keyof IntervalTotals]: number | string }[]): IntervalTotals {
	const total = { ...EMPTY_TOTALS };
	for (const row of rows) for (const key of KEYS) total[key] += Number(row[key]);
	return total;
}

function ratio(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

/**
 * Service level with the queue's formula: the share answered within the
 * threshold. Timeouts stay in `offered` in every formula (a call the queue
 * gave up on is demand it did not serve); only short abandons are set aside.
 */
export function serviceLevel(t: IntervalTotals, formula: SlFormula): number | null {
	switch (formula) {
		case 'answered':
			return ratio(t.answered_within_sl, t.answered);
		case 'offered':
			return ratio(t.answered_within_sl, t.offered);
		case 'offered_minus_short':
			return ratio(t.answered_within_sl, t.offered - t.abandoned_short);
	}
}

export const answerRate = (t: IntervalTotals) => ratio(t.answered, t.offered);

/** What a queue's abandon rate counts: abandons, plus timeouts where the queue says so (queues.abandon_rate_includes_timeouts). */
export const abandonedCount = (t: IntervalTotals, includesTimeouts: boolean) =>
	t.abandoned + (includesTimeouts ? t.timed_out : 0);
export const abandonRate = (t: IntervalTotals, includesTimeouts: boolean) =>
	ratio(abandonedCount(t, includesTimeouts), t.offered);
export const timeoutRate = (t: IntervalTotals) => ratio(t.timed_out, t.offered);
/** Offered calls nobody answered: the caller hung up or the queue gave up. */
export const unansweredRate = (t: IntervalTotals) => ratio(t.abandoned + t.timed_out, t.offered);
/** Average handle time in seconds: talk + hold + after-call work per handled call. */
export const averageHandleTime = (t: IntervalTotals) => ratio(t.talk_s + t.hold_s + t.acw_s, t.handled);
/** Average speed of answer in seconds: queue wait of answered calls. */
export const averageSpeedOfAnswer = (t: IntervalTotals) => ratio(t.wait_answered_s, t.answered);

export function formatPercent(value: number | null, digits = 0): string {
	return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** Seconds as m:ss (or h:mm:ss from an hour), "—" for no value. */
export function formatDuration(seconds: number | null): string {
	if (seconds === null || !Number.isFinite(seconds)) return '—';
	const whole = Math.max(0, Math.round(seconds));
	const h = Math.floor(whole / 3600);
	const m = Math.floor((whole % 3600) / 60);
	const s = String(whole % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
