import { describe, expect, it } from 'vitest';
import { coverage, intervalClock } from './coverage';

const days = ['2026-12-07', '2026-12-08'];
const at = (clock: string) => {
	const [h, m] = clock.split(':').map(Number);
	return (h! * 60 + m!) / 15;
};

describe('coverage', () => {
	it('counts a day shift from its start up to its end, less its breaks', () => {
		const [mon] = coverage(days, [
			{ day: days[0]!, starts_at: '09:00', ends_at: '18:00', breaks: [{ start_min: 180, minutes: 60, paid: false }] }
		]);
		expect(mon![at('08:45')]).toBe(0);
		expect(mon![at('09:00')]).toBe(1);
		expect(mon![at('11:45')]).toBe(1);
		expect(mon![at('12:00')]).toBe(0);
		expect(mon![at('12:45')]).toBe(0);
		expect(mon![at('13:00')]).toBe(1);
		expect(mon![at('17:45')]).toBe(1);
		expect(mon![at('18:00')]).toBe(0);
		expect(mon!.reduce((a, b) => a + b)).toBe(32); // 8 h on the phones
	});
	it('puts a night shift’s hours after midnight on the next day', () => {
		const [mon, tue] = coverage(days, [{ day: days[0]!, starts_at: '22:00:00', ends_at: '06:30:00', breaks: [] }]);
		expect(mon![at('23:45')]).toBe(1);
		expect(tue![at('00:00')]).toBe(1);
		expect(tue![at('06:15')]).toBe(1);
		expect(tue![at('06:30')]).toBe(0);
	});
	it('drops what spills past the last day and ignores other weeks', () => {
		const rows = coverage(days, [
			{ day: days[1]!, starts_at: '22:00', ends_at: '02:00', breaks: [] },
			{ day: '2026-12-01', starts_at: '09:00', ends_at: '10:00', breaks: [] }
		]);
		expect(rows[1]!.reduce((a, b) => a + b)).toBe(8);
		expect(rows[0]!.reduce((a, b) => a + b)).toBe(0);
	});
	it('adds agents up', () => {
		const shift = { day: days[0]!, starts_at: '09:00', ends_at: '10:00', breaks: [] };
		expect(coverage(days, [shift, shift, shift])[0]![at('09:30')]).toBe(3);
	});
});

describe('intervalClock', () => {
	it('names an interval by its start', () => {
		expect(intervalClock(0)).toBe('00:00');
		expect(intervalClock(37)).toBe('09:15');
	});
});
