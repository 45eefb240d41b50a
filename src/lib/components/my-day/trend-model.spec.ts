import { describe, expect, it } from 'vitest';
import { MARGIN, trendGeometry, trendSummary } from './trend-model';

const points = [
	{ day: '2026-12-01', value: 0 },
	{ day: '2026-12-02', value: 50 },
	{ day: '2026-12-03', value: 120 }
];

describe('trendGeometry', () => {
	const shape = trendGeometry(points, 300, 150, 100);

	it('draws one bar per day, left to right, inside the margins', () => {
		expect(shape.bars.map((b) => b.day)).toEqual(points.map((p) => p.day));
		expect(shape.bars[0]!.x).toBeGreaterThanOrEqual(MARGIN.left);
		expect(shape.bars[1]!.x).toBeGreaterThan(shape.bars[0]!.x);
		const last = shape.bars[2]!;
		expect(last.x + last.width).toBeLessThanOrEqual(300 - MARGIN.right);
	});
	it('makes a bar as tall as its value: none for zero, in proportion otherwise', () => {
		expect(shape.bars[0]!.height).toBe(0);
		expect(shape.bars[2]!.height / shape.bars[1]!.height).toBeCloseTo(120 / 50, 5);
		expect(shape.bars[1]!.y + shape.bars[1]!.height).toBe(shape.baseline);
	});
	it('marks the days at or above the target and draws the target across the plot', () => {
		expect(shape.bars.map((b) => b.met)).toEqual([false, false, true]);
		expect(shape.targetPath).toMatch(/^M30,[\d.]+L294,[\d.]+$/);
	});
	it('keeps the target inside the value axis when every day is below it', () => {
		const low = trendGeometry([{ day: '2026-12-01', value: 3 }], 300, 150, 100);
		expect(Math.max(...low.ticks.map((t) => t.value))).toBeGreaterThanOrEqual(100);
	});
	it('has no target line without a target', () => {
		const inbound = trendGeometry(points, 300, 150, null);
		expect(inbound.targetPath).toBeNull();
		expect(inbound.bars.every((b) => !b.met)).toBe(true);
	});
});

describe('trendSummary', () => {
	it('says the total, the best day and the days at target', () => {
		expect(trendSummary(points, 100)).toEqual({ total: 170, best: points[2], daysMet: 1 });
	});
	it('has no best day when nothing happened', () => {
		expect(trendSummary([{ day: '2026-12-01', value: 0 }], null)).toEqual({ total: 0, best: null, daysMet: 0 });
	});
});
