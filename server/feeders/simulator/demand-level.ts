// How busy a queue is on one site day against its weekday peak, before the
// hour of the day: the kind of day (weekdays differ a little, weekends and
// holidays are lighter, a make-up working day is a working day), a slow
// seasonal swell — property buyers are busiest in spring (金三银四) and autumn
// (金九银十), quietest at midwinter and midsummer — and the day's own ups and
// downs. The season gives eight weeks of history a gentle trend a forecast
// can find, the same whatever day the demo is started; everything here is a
// function of the date and the day's random draw, so a day replays alike.
import type { QueueDemand } from './profile.ts';
import { isoWeekday, type DayKind } from './site-calendar.ts';

/** Share of the weekday peak by ISO weekday on a working day: Mondays bring the weekend's questions. */
const WORKING_WEEKDAY: readonly number[] = [Number.NaN, 1.06, 1.02, 1, 0.98, 0.96, 0.95, 0.95];

/** Half the swing of the seasonal swell, and where and how often it peaks. */
const SEASON_AMPLITUDE = 0.08;
const SEASON_PERIOD_DAYS = 182.625;
/** 10 April: the spring peak (the autumn one falls half a year later, in early October). */
const SEASON_PEAK_MS = Date.UTC(2026, 3, 10);
const DAY_MS = 86_400_000;

/** The seasonal factor of a date (yyyy-MM-dd): 1 ± 8 %, two peaks a year. */
export function seasonFactor(dayKey: string): number {
	const days = (Date.parse(`${dayKey}T00:00:00Z`) - SEASON_PEAK_MS) / DAY_MS;
	return 1 + SEASON_AMPLITUDE * Math.cos((2 * Math.PI * days) / SEASON_PERIOD_DAYS);
}

/** The factor of the kind of day for one queue. */
export function dayKindFactor(demand: QueueDemand, dayKey: string, kind: DayKind): number {
	if (kind === 'holiday') return demand.holiday;
	if (kind === 'weekend') return demand.weekend;
	return WORKING_WEEKDAY[isoWeekday(dayKey)] ?? 1;
}

/**
 * The queue's level for the day: calls per hour at the day curve's peak are
 * `peakPerHour × level`. `variation` is the day's own factor (weather, a new
 * launch), drawn once per day and shared by all queues.
 */
export function demandLevel(demand: QueueDemand, dayKey: string, kind: DayKind, variation: number): number {
	return dayKindFactor(demand, dayKey, kind) * seasonFactor(dayKey) * variation;
}
