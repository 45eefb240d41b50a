import { describe, expect, it } from 'vitest';
import { erlangC } from './erlang';
import { heatmap } from './heatmap';

const DAYS = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13'];
const week = (at: Record<number, number>) => Array.from({ length: 672 }, (_, i) => at[i] ?? 0);
const NINE = 36;
const projection = { intervalSeconds: 900, targetSeconds: 20 };

describe('heatmap', () => {
	it('counts under- and over-staffed agent-hours and keeps the hours anyone is needed or on', () => {
		const required = week({ [NINE]: 3, [NINE + 1]: 2 });
		const scheduled = week({ [NINE]: 1, [NINE + 1]: 4, [96 + NINE + 2]: 1 });
		const map = heatmap(DAYS, { required, calls: week({}), ahtSeconds: week({}) }, scheduled, projection);
		expect([map.from, map.to]).toEqual([NINE, NINE + 3]);
		expect(map.days[0]!.cells.map((c) => c.gap)).toEqual([-2, 2, 0]);
		expect(map.days[0]!.underHours).toBe(0.5);
		expect(map.days[0]!.overHours).toBe(0.5);
		expect(map.days[1]!.overHours).toBe(0.25);
		expect(map.underHours).toBe(0.5);
		expect(map.overHours).toBe(0.75);
		expect(map.serviceLevel).toBeNull();
	});

	it('projects the service level of the scheduled agents with Erlang C, weighted by calls over the week', () => {
		const calls = week({ [NINE]: 100, [NINE + 1]: 50 });
		const aht = week({ [NINE]: 240, [NINE + 1]: 240 });
		const scheduled = week({ [NINE]: 30, [NINE + 1]: 0 });
		const map = heatmap(DAYS, { required: week({}), calls, ahtSeconds: aht }, scheduled, projection);
		const expected = erlangC({ calls: 100, ahtSeconds: 240, intervalSeconds: 900, targetSeconds: 20 }).serviceLevel(30);
		expect(map.days[0]!.cells[0]!.serviceLevel).toBeCloseTo(expected, 10);
		expect(map.days[0]!.cells[1]!.serviceLevel).toBe(0);
		expect(map.serviceLevel).toBeCloseTo((expected * 100) / 150, 10);
	});

	it('shows office hours of an empty week rather than nothing', () => {
		const map = heatmap(DAYS, null, week({}), projection);
		expect([map.from, map.to]).toEqual([32, 80]);
		expect(map.days).toHaveLength(7);
		expect(map.underHours).toBe(0);
	});
});
