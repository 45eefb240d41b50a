// The geometry of My day's trend: one bar per day of the last 30 (connected
// or answered calls), the daily target as a line, and the ticks of the value
// axis, from d3's scales. The chart component only draws what this returns.
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

export interface TrendPoint {
	day: string;
	value: number;
}

export interface TrendBar {
	day: string;
	value: number;
	x: number;
	y: number;
	width: number;
	height: number;
	/** At or above the target (no target: false). */
	met: boolean;
}

export interface TrendGeometry {
	bars: TrendBar[];
	/** The target as an SVG path across the plot, or null without one. */
	targetPath: string | null;
	ticks: { value: number; y: number }[];
	/** The bars' baseline. */
	baseline: number;
	left: number;
	right: number;
}

export const MARGIN = { top: 8, right: 6, bottom: 20, left: 30 };

export function trendGeometry(
	points: readonly TrendPoint[],
	width: number,
	height: number,
	target: number | null
): TrendGeometry {
	const left = MARGIN.left;
	const right = Math.max(left + 1, width - MARGIN.right);
	const baseline = height - MARGIN.bottom;
	const peak = Math.max(4, target ?? 0, ...points.map((p) => p.value));
	const x = scaleBand<string>()
		.domain(points.map((p) => p.day))
		.range([left, right])
		.paddingInner(0.2)
		.paddingOuter(0.1);
	const y = scaleLinear().domain([0, peak]).nice().range([baseline, MARGIN.top]);
	const bars = points.map((p) => ({
		day: p.day,
		value: p.value,
		x: x(p.day) ?? left,
		y: y(p.value),
		width: x.bandwidth(),
		height: Math.max(0, baseline - y(p.value)),
		met: target !== null && target > 0 && p.value >= target
	}));
	const targetPath =
		target !== null && target > 0
			? line<number>()
					.x((px) => px)
					.y(() => y(target))([left, right])
			: null;
	return {
		bars,
		targetPath,
		ticks: y.ticks(4).map((value) => ({ value, y: y(value) })),
		baseline,
		left,
		right
	};
}

/** What a screen reader hears before the table: the total, the best day and the days at target. */
export interface TrendSummary {
	total: number;
	best: TrendPoint | null;
	daysMet: number;
}

export function trendSummary(points: readonly TrendPoint[], target: number | null): TrendSummary {
	let best: TrendPoint | null = null;
	for (const p of points) if (p.value > 0 && (!best || p.value > best.value)) best = p;
	return {
		total: points.reduce((sum, p) => sum + p.value, 0),
		best,
		daysMet: target !== null && target > 0 ? points.filter((p) => p.value >= target).length : 0
	};
}
