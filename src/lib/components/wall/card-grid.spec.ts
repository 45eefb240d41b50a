import { describe, expect, it } from 'vitest';
import { cardGrid } from './card-grid';

describe('cardGrid', () => {
	it('lays out a full floor of 40 as the board always has, without schedules', () => {
		expect(cardGrid(40, 4.7)).toMatchObject({ columns: 7, rows: 6 });
		expect(cardGrid(40, 4.7).fontRem).toBeCloseTo(0.957, 2);
	});

	it('takes more columns for taller cards, keeping the text at the wall minimum or above', () => {
		const grid = cardGrid(40, 5.9);
		expect(grid).toMatchObject({ columns: 8, rows: 5 });
		expect(grid.fontRem).toBeGreaterThanOrEqual(0.9);
	});

	it('never passes 1.1 rem and keeps at least four columns for a few agents', () => {
		expect(cardGrid(2, 5.9)).toEqual({ columns: 4, rows: 1, fontRem: 1.1 });
		expect(cardGrid(6, 5.9).fontRem).toBeLessThanOrEqual(1.1);
	});
});
