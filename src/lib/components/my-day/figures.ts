// The words and numbers of My day's figures: how far a figure is towards its
// target, a handle time as minutes and seconds, a share as a percentage, an
// average with its count. Pure, so the rules are tested on their own.
import { getLocale } from '$lib/paraglide/runtime';
import type { TeamKind, TrendDay } from '$lib/data/my-stats';

export interface Progress {
	/** 0..1, capped at the target. */
	share: number;
	met: boolean;
	/** How many are still missing to the target (0 once met). */
	missing: number;
}

/** A figure against its target; null without a target. */
export function progress(value: number, target: number | null): Progress | null {
	if (target === null || target <= 0) return null;
	return {
		share: Math.min(1, Math.max(0, value / target)),
		met: value >= target,
		missing: Math.max(0, target - value)
	};
}

/** Seconds as m:ss (h:mm:ss from an hour); a dash without a value. */
export function durationText(seconds: number | null): string {
	if (seconds === null || !Number.isFinite(seconds)) return '—';
	const whole = Math.max(0, Math.round(seconds));
	const h = Math.floor(whole / 3600);
	const min = Math.floor((whole % 3600) / 60);
	const s = String(whole % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(min).padStart(2, '0')}:${s}` : `${min}:${s}`;
}

/** A share (0..1) as a percentage with at most one decimal; a dash without a value. */
export function percentText(share: number | null, locale: string = getLocale()): string {
	if (share === null || !Number.isFinite(share)) return '—';
	return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** An average with the given decimals; a dash without a value. */
export function averageText(average: number | null, digits: number, locale: string = getLocale()): string {
	if (average === null || !Number.isFinite(average)) return '—';
	return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
		average
	);
}

/** The one number a day of the trend shows: connected calls for callers, answered calls inbound. */
export const trendValue = (kind: TeamKind, day: TrendDay): number =>
	kind === 'outbound' ? day.connected : day.answered;
