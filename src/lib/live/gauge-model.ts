// What a gauge shows: a scale, coloured threshold bands from the queue's
// target, and the value with its level. Shaped here; the gauge only draws.
import { levelAtLeast, levelAtMost, type Level } from './thresholds';

export interface GaugeBand {
	from: number;
	to: number;
	level: Exclude<Level, 'none'>;
}

export interface GaugeModel {
	min: number;
	max: number;
	bands: GaugeBand[];
	/** The value clamped to the scale (for the needle), null when there is none. */
	needle: number | null;
	value: number | null;
	target: number;
	level: Level;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** A rate from 0 to 1 where higher is better; amber within `band` below the target. */
export function rateGauge(value: number | null, target: number, band = 0.1): GaugeModel {
	const warnFrom = Math.max(0, target - band);
	return {
		min: 0,
		max: 1,
		bands: [
			{ from: 0, to: warnFrom, level: 'bad' },
			{ from: warnFrom, to: target, level: 'warn' },
			{ from: target, to: 1, level: 'ok' }
		],
		needle: value === null ? null : clamp(value, 0, 1),
		value,
		target,
		level: levelAtLeast(value, target, band)
	};
}

/** Seconds where lower is better (AHT): 0 to twice the target, amber up to `factor` × target. */
export function durationGauge(value: number | null, target: number, factor = 1.2): GaugeModel {
	const max = 2 * target;
	return {
		min: 0,
		max,
		bands: [
			{ from: 0, to: target, level: 'ok' },
			{ from: target, to: target * factor, level: 'warn' },
			{ from: target * factor, to: max, level: 'bad' }
		],
		needle: value === null ? null : clamp(value, 0, max),
		value,
		target,
		level: levelAtMost(value, target, factor)
	};
}
