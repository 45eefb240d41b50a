import { describe, expect, it } from 'vitest';
import { weightedTotal } from './score';

// The scorecard of 71-qa-csat.test.sql: weights 2, 1, 1; maxima 5, 5, 3.
const card = (a: number | null, b: number | null, c: number | null) => [
	{ weight: 2, max_points: 5, points: a },
	{ weight: 1, max_points: 5, points: b },
	{ weight: 1, max_points: 3, points: c }
];

describe('weightedTotal', () => {
	it('gives the weighted share of points as the database does', () => {
		expect(weightedTotal(card(5, 3, 1))).toBe(73.33);
		expect(weightedTotal(card(4, 0, 2))).toBe(56.67);
		expect(weightedTotal(card(0, 0, 0))).toBe(0);
		expect(weightedTotal(card(5, 5, 3))).toBe(100);
	});
	it('weighs items by weight, not by their maximum', () => {
		expect(
			weightedTotal([
				{ weight: 1, max_points: 5, points: 5 },
				{ weight: 3, max_points: 10, points: 0 }
			])
		).toBe(25);
	});
	it('rounds a half up on the second decimal', () => {
		// 100 × (1/8) / 1 = 12.5; 100 × (1/3 of weight 1, 0 of weight 1) / 2 = 16.666… → 16.67
		expect(weightedTotal([{ weight: 1, max_points: 8, points: 1 }])).toBe(12.5);
		expect(
			weightedTotal([
				{ weight: 1, max_points: 3, points: 1 },
				{ weight: 1, max_points: 3, points: 0 }
			])
		).toBe(16.67);
	});
	it('has no total until every item is scored', () => {
		expect(weightedTotal(card(5, null, 1))).toBeNull();
		expect(weightedTotal([])).toBeNull();
	});
});
