import { describe, expect, it } from 'vitest';
import { linear, zeroBasedTicks } from './linear';

describe('linear', () => {
	it('maps the domain onto the range and clamps outside it', () => {
		const angle = linear([0, 600], [-135, 135]);
		expect(angle(0)).toBe(-135);
		expect(angle(300)).toBe(0);
		expect(angle(600)).toBe(135);
		expect(angle(900)).toBe(135);
		expect(angle(-5)).toBe(-135);
		const y = linear([0, 20], [200, 10]);
		expect(y(10)).toBe(105);
		expect(linear([3, 3], [0, 1])(3)).toBe(0);
	});
});

describe('zeroBasedTicks', () => {
	it('finds round steps and a top at or above the peak', () => {
		expect(zeroBasedTicks(19)).toEqual({ top: 20, ticks: [0, 5, 10, 15, 20] });
		expect(zeroBasedTicks(4)).toEqual({ top: 4, ticks: [0, 1, 2, 3, 4] });
		expect(zeroBasedTicks(0)).toEqual({ top: 1, ticks: [0, 0.5, 1] });
		expect(zeroBasedTicks(130)).toEqual({ top: 150, ticks: [0, 50, 100, 150] });
		expect(zeroBasedTicks(7, 4)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
	});
});
