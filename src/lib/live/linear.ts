// Straight-line maps and round tick values for the gauges and the interval
// chart. d3-scale's scaleLinear would do the same but brings d3-interpolate,
// d3-color and d3-format (10.8 KB gzip) onto a TV whose JS budget is 120 KB.

/** Maps [d0, d1] onto [r0, r1], clamped to the domain. */
export function linear(domain: readonly [number, number], range: readonly [number, number]) {
	const [d0, d1] = domain;
	const [r0, r1] = range;
	const span = d1 - d0;
	return (value: number): number => {
		const t = span === 0 ? 0 : Math.min(1, Math.max(0, (value - d0) / span));
		return r0 + t * (r1 - r0);
	};
}

/** About `count` round ticks from 0 to a top that is a multiple of the step and ≥ max (1, 2, 5 × 10ⁿ steps). */
export function zeroBasedTicks(max: number, count = 4): { top: number; ticks: number[] } {
	const raw = Math.max(max, 1) / count;
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? 10 * power;
	const top = Math.ceil(Math.max(max, 1) / step) * step;
	const ticks: number[] = [];
	for (let t = 0; t <= top + step / 2; t += step) ticks.push(Math.round(t * 1e9) / 1e9);
	return { top, ticks };
}
