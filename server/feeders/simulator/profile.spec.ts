import { describe, expect, it } from 'vitest';
import { DEMO_DEMAND, DEMO_TIME_ZONE, QUEUE } from './demo-site.ts';
import { arrivalRate, dayCurve, maxArrivalRate } from './profile.ts';
import { atLocal, localClock, parseSiteInstant, siteDayOf } from './site-time.ts';

const sales = DEMO_DEMAND.find((d) => d.queueId === QUEUE.sales);
if (!sales) throw new Error('no sales demand');
const hm = (h: number, m = 0) => h * 60 + m;

describe('day curve', () => {
	it('peaks late morning and mid-afternoon, dips at lunch, is closed at night', () => {
		const morningPeak = dayCurve(hm(10, 45));
		const afternoonPeak = dayCurve(hm(15, 30));
		const lunch = dayCurve(hm(12, 30));
		const evening = dayCurve(hm(18, 30));
		const night = dayCurve(hm(23));
		expect(morningPeak).toBeGreaterThan(lunch);
		expect(afternoonPeak).toBeGreaterThan(lunch);
		expect(lunch).toBeGreaterThan(evening);
		expect(evening).toBeGreaterThan(night);
		expect(night).toBe(0);
		expect(dayCurve(hm(3))).toBe(0);
		expect(dayCurve(hm(8, 59))).toBe(0);
		expect(dayCurve(hm(19, 1))).toBe(0);
	});

	it('rates are per site time and scale with the day’s level', () => {
		// 2026-11-23 is a Monday; 10:45 in Shanghai is 02:45 UTC.
		const mondayPeak = arrivalRate(sales, Date.parse('2026-11-23T02:45:00Z'), DEMO_TIME_ZONE, 1);
		const mondayEvening = arrivalRate(sales, Date.parse('2026-11-23T10:45:00Z'), DEMO_TIME_ZONE, 1);
		const mondayNight = arrivalRate(sales, Date.parse('2026-11-23T15:00:00Z'), DEMO_TIME_ZONE, 1);
		const quietPeak = arrivalRate(sales, Date.parse('2026-11-23T02:45:00Z'), DEMO_TIME_ZONE, 0.5);
		expect(mondayPeak).toBeCloseTo(sales.peakPerHour / 3600, 6);
		// 10:45 UTC is 18:45 in Shanghai (the evening tail); 15:00 UTC is 23:00 (closed).
		expect(mondayEvening).toBeGreaterThan(0);
		expect(mondayEvening).toBeLessThan(mondayPeak / 4);
		expect(mondayNight).toBe(0);
		expect(quietPeak).toBeCloseTo(mondayPeak / 2, 9);
		expect(maxArrivalRate(sales, 0.5)).toBeCloseTo(quietPeak, 9);
	});

	it('sales is the busiest queue, complaints the quietest', () => {
		const rates = DEMO_DEMAND.map((d) => d.peakPerHour);
		expect(rates).toEqual([...rates].sort((a, b) => b - a));
		const complaints = DEMO_DEMAND.find((d) => d.queueId === QUEUE.complaints);
		expect(complaints?.talkMedianS).toBeGreaterThan(sales.talkMedianS);
	});
});

describe('site time', () => {
	it('finds local midnights and wall-clock instants in Asia/Shanghai', () => {
		const day = siteDayOf(Date.parse('2026-11-23T20:00:00Z'), DEMO_TIME_ZONE);
		expect(day.key).toBe('2026-11-24');
		expect(new Date(day.start).toISOString()).toBe('2026-11-23T16:00:00.000Z');
		expect(day.end - day.start).toBe(86_400_000);
		expect(new Date(atLocal(day, hm(9, 30))).toISOString()).toBe('2026-11-24T01:30:00.000Z');
		expect(localClock(atLocal(day, hm(9, 30)), DEMO_TIME_ZONE)).toMatchObject({ minuteOfDay: 570, weekday: 2 });
	});

	it('reads a start without an offset as site time', () => {
		expect(parseSiteInstant('2026-11-23T09:00', DEMO_TIME_ZONE)).toBe(Date.parse('2026-11-23T01:00:00Z'));
		expect(parseSiteInstant('2026-11-23', DEMO_TIME_ZONE)).toBe(Date.parse('2026-11-22T16:00:00Z'));
		expect(parseSiteInstant('2026-11-23T09:00:00Z', DEMO_TIME_ZONE)).toBe(Date.parse('2026-11-23T09:00:00Z'));
		expect(parseSiteInstant('2026-02-31', DEMO_TIME_ZONE)).toBeNaN();
		expect(parseSiteInstant('tomorrow', DEMO_TIME_ZONE)).toBeNaN();
	});
});
