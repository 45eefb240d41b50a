import { describe, expect, it } from 'vitest';
import { daysIn, periodsOfYear, uncovered } from './year-periods';

const period = (starts_on: string, ends_on: string) => ({ starts_on, ends_on });

describe("a year's season periods", () => {
	it('counts the days of a range, both ends included', () => {
		expect(daysIn({ from: '2027-05-01', to: '2027-09-30' })).toBe(153);
		expect(daysIn({ from: '2028-02-29', to: '2028-02-29' })).toBe(1);
	});

	it('keeps the periods that touch the year, across its ends too', () => {
		const periods = [
			period('2027-10-01', '2028-04-30'),
			period('2026-05-01', '2026-09-30'),
			period('2027-05-01', '2027-09-30')
		];
		expect(periodsOfYear(periods, 2027).map((p) => p.starts_on)).toEqual(['2027-05-01', '2027-10-01']);
		expect(periodsOfYear(periods, 2028).map((p) => p.starts_on)).toEqual(['2027-10-01']);
	});

	it('finds the days no period covers', () => {
		expect(uncovered([], 2027)).toEqual([{ from: '2027-01-01', to: '2027-12-31' }]);
		expect(uncovered([period('2027-01-01', '2027-04-30'), period('2027-05-01', '2027-12-31')], 2027)).toEqual([]);
		expect(uncovered([period('2026-10-01', '2027-03-31'), period('2027-05-01', '2027-09-30')], 2027)).toEqual([
			{ from: '2027-04-01', to: '2027-04-30' },
			{ from: '2027-10-01', to: '2027-12-31' }
		]);
	});
});
