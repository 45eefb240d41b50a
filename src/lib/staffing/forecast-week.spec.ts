import { describe, expect, it } from 'vitest';
import { dayProfile, forecastDays, hourlyPeaks, localSlot, minuteText } from './forecast-week';

// The week of 5 October 2026 in Shanghai (UTC+8, no daylight saving), and a
// week with New York's autumn change (1 November 2026: 25 hours).
const shanghai = 'Asia/Shanghai';

describe('forecastDays', () => {
	it("groups the intervals by the site's days, with totals and a volume-weighted AHT", () => {
		const rows = [
			{ interval_start: '2026-10-04T16:00:00Z', offered: 2, aht_s: 100 }, // Monday 00:00 local
			{ interval_start: '2026-10-05T02:00:00Z', offered: 6, aht_s: 200 }, // Monday 10:00
			{ interval_start: '2026-10-11T15:45:00Z', offered: 1, aht_s: 300 } // Sunday 23:45
		];
		const days = forecastDays(rows, '2026-10-05', shanghai);
		expect(days.map((d) => d.day)).toEqual([
			'2026-10-05',
			'2026-10-06',
			'2026-10-07',
			'2026-10-08',
			'2026-10-09',
			'2026-10-10',
			'2026-10-11'
		]);
		expect(days[0]!.points.map((p) => p.minute)).toEqual([0, 600]);
		expect(days[0]!.offered).toBe(8);
		expect(days[0]!.ahtSeconds).toBe((2 * 100 + 6 * 200) / 8);
		expect(days[1]!.ahtSeconds).toBeNull();
		expect(days[6]!.points[0]!.minute).toBe(1425);
	});

	it("counts a daylight-saving day's intervals by local time", () => {
		// 2026-11-01 in New York: 01:00–02:00 happens twice.
		expect(localSlot(Date.parse('2026-11-01T05:00:00Z'), 'America/New_York')).toEqual({
			day: '2026-11-01',
			minute: 60
		});
		expect(localSlot(Date.parse('2026-11-01T06:00:00Z'), 'America/New_York')).toEqual({
			day: '2026-11-01',
			minute: 60
		});
	});
});

describe('hourlyPeaks', () => {
	it('keeps the hours with agents, the peak of each, and agent-hours per day', () => {
		const rows = [
			{ interval_start: '2026-10-05T01:00:00Z', agents: 3 }, // Mon 09:00
			{ interval_start: '2026-10-05T01:15:00Z', agents: 5 }, // Mon 09:15
			{ interval_start: '2026-10-06T06:30:00Z', agents: 2 }, // Tue 14:30
			{ interval_start: '2026-10-06T07:00:00Z', agents: 0 } // Tue 15:00
		];
		const grid = hourlyPeaks(rows, '2026-10-05', shanghai);
		expect(grid.hours).toEqual([9, 14]);
		expect(grid.peak[0]!.slice(0, 2)).toEqual([5, 0]);
		expect(grid.peak[1]!.slice(0, 2)).toEqual([0, 2]);
		expect(grid.agentHours.slice(0, 2)).toEqual([2, 0.5]);
		expect(grid.max).toBe(5);
	});
});

it('writes minutes as clock times', () => {
	expect(minuteText(0)).toBe('00:00');
	expect(minuteText(1425)).toBe('23:45');
});

describe('dayProfile', () => {
	it("puts a day's rows on its 96 quarter hours, zero where none", () => {
		const profile = dayProfile(
			[
				{ interval_start: '2026-10-05T02:00:00Z', offered: 7 },
				{ interval_start: '2026-10-05T02:15:00Z', offered: 3 }
			],
			shanghai
		);
		expect(profile).toHaveLength(96);
		expect(profile[40]).toEqual({ minute: 600, offered: 7 });
		expect(profile[41]).toEqual({ minute: 615, offered: 3 });
		expect(profile[0]).toEqual({ minute: 0, offered: 0 });
	});
});
