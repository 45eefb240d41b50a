import { describe, expect, it } from 'vitest';
import {
	addMonths,
	datesOfMonth,
	daysByAgentAndDate,
	isMonth,
	lastOfMonth,
	monthTotals,
	shownMonth
} from './month-view';

describe('months', () => {
	it('names a month as yyyy-mm and nothing else', () => {
		expect(isMonth('2026-12')).toBe(true);
		expect(isMonth('2026-13')).toBe(false);
		expect(isMonth('2026-00')).toBe(false);
		expect(isMonth('2026-1')).toBe(false);
		expect(isMonth('2026-12-01')).toBe(false);
	});

	it('steps across years both ways', () => {
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2026-03', -14)).toBe('2025-01');
	});

	it('lists every date of a month, February of a leap year too', () => {
		expect(datesOfMonth('2028-02')).toHaveLength(29);
		expect(datesOfMonth('2026-02').at(-1)).toBe('2026-02-28');
		expect(datesOfMonth('2026-12')[0]).toBe('2026-12-01');
		expect(lastOfMonth('2026-12')).toBe('2026-12-31');
	});

	it('shows the URL’s month, else the site’s current one', () => {
		expect(shownMonth('2026-11', '2026-12-05')).toBe('2026-11');
		expect(shownMonth('nonsense', '2026-12-05')).toBe('2026-12');
		expect(shownMonth(undefined, '2026-12-05')).toBe('2026-12');
	});
});

describe('monthTotals', () => {
	const day = (status: 'present' | 'late' | 'absent' | 'rest' | 'open', late = 0, deduction = 0) => ({
		status,
		late_min: late,
		early_min: 0,
		worked_min: status === 'rest' || status === 'open' ? 0 : 480,
		deduction
	});

	it('counts statuses, minutes and deductions, rest days and open days not as judged days', () => {
		const totals = monthTotals([
			day('present'),
			day('late', 12, 20.1),
			day('late', 7, 20.2),
			day('absent', 0, 100),
			day('rest'),
			day('open')
		]);
		expect(totals.judged).toBe(4);
		expect(totals.byStatus).toEqual({ present: 1, late: 2, absent: 1, rest: 1, open: 1 });
		expect(totals.lateMin).toBe(19);
		expect(totals.workedMin).toBe(4 * 480);
		expect(totals.deduction).toBe(140.3);
	});

	it('counts the minutes of the days counted late only, and nothing of an open day but its status', () => {
		const totals = monthTotals([
			day('present', 5),
			day('late', 14, 20),
			day('late', 19, 20),
			{ ...day('open', 20, 20), worked_min: 30 }
		]);
		expect(totals.byStatus).toEqual({ present: 1, late: 2, open: 1 });
		expect(totals.judged).toBe(3);
		expect(totals.lateMin).toBe(33);
		expect(totals.workedMin).toBe(3 * 480);
		expect(totals.deduction).toBe(40);
	});

	it('an empty month is all zeros', () => {
		expect(monthTotals([])).toEqual({ judged: 0, byStatus: {}, lateMin: 0, earlyMin: 0, workedMin: 0, deduction: 0 });
	});
});

describe('daysByAgentAndDate', () => {
	it('keeps two shifts of one date together', () => {
		const grouped = daysByAgentAndDate([
			{ agent_id: 'a', work_date: '2026-12-01', n: 1 },
			{ agent_id: 'a', work_date: '2026-12-01', n: 2 },
			{ agent_id: 'b', work_date: '2026-12-02', n: 3 }
		]);
		expect(
			grouped
				.get('a')
				?.get('2026-12-01')
				?.map((d) => d.n)
		).toEqual([1, 2]);
		expect(grouped.get('b')?.get('2026-12-02')).toHaveLength(1);
		expect(grouped.get('b')?.get('2026-12-01')).toBeUndefined();
	});
});
