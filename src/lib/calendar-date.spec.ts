import { describe, expect, it } from 'vitest';
import { addDays, hoursText, isCalendarDate, mondayOf } from './calendar-date';

describe('calendar dates', () => {
	it('adds days across months, years and a leap day', () => {
		expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-03-02', -1)).toBe('2026-03-01');
	});

	it('finds the Monday of a week, a Sunday belonging to the week before it', () => {
		expect(mondayOf('2026-12-05')).toBe('2026-11-30');
		expect(mondayOf('2026-12-06')).toBe('2026-11-30');
		expect(mondayOf('2026-12-07')).toBe('2026-12-07');
		// Across the Berlin spring-forward Sunday: dates, not instants.
		expect(mondayOf('2026-03-29')).toBe('2026-03-23');
	});

	it('accepts only real dates', () => {
		expect(isCalendarDate('2026-02-28')).toBe(true);
		expect(isCalendarDate('2026-02-30')).toBe(false);
		expect(isCalendarDate('2026-2-3')).toBe(false);
		expect(isCalendarDate('tomorrow')).toBe(false);
	});

	it('writes minutes as hours', () => {
		expect(hoursText(2400)).toBe('40:00');
		expect(hoursText(2401)).toBe('40:01');
		expect(hoursText(450)).toBe('7:30');
		expect(hoursText(0)).toBe('0:00');
	});
});
