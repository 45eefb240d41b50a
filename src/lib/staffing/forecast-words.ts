// How the forecast page says things, in the user's language: an adjustment
// ("Thu 10/8 09:00–12:00 +10 %"), where a day's forecast came from, the
// back-test's accuracy, a moment in the site's time zone.
import { formatDay } from '$lib/calendar-format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { ForecastDaySource } from './forecast-inputs';

export interface AdjustmentWords {
	day: string;
	from_time: string | null;
	to_time: string | null;
	kind: 'percent' | 'absolute';
	value: number;
}

const hhmm = (time: string | null, fallback: string) => (time ? time.slice(0, 5) : fallback);
const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value)}`;

/** "Thu 10/8 09:00–12:00 +10 %", or "… −20 calls"; a whole day names no times. */
export function adjustmentText(a: AdjustmentWords): string {
	const day = formatDay(a.day, { weekday: 'short', month: 'numeric', day: 'numeric' });
	const whole = a.from_time === null && a.to_time === null;
	const range = whole ? m.fc_whole_day() : `${hhmm(a.from_time, '00:00')}–${hhmm(a.to_time, '24:00')}`;
	const change =
		a.kind === 'percent'
			? m.fc_change_percent({ value: signed(a.value) })
			: m.fc_change_calls({ value: signed(a.value) });
	return `${day} ${range} ${change}`;
}

const SOURCE: Record<ForecastDaySource, () => string> = {
	same_weekday: m.fc_source_same_weekday,
	past_holidays: m.fc_source_past_holidays,
	closed: m.fc_source_closed,
	working_weekdays: m.fc_source_working_weekdays,
	no_history: m.fc_source_no_history
};

export const sourceText = (source: ForecastDaySource): string => SOURCE[source]();

/** WAPE as a percentage with one decimal, "6.8 %". */
export function percentText(fraction: number, digits = 1): string {
	return new Intl.NumberFormat(getLocale(), {
		style: 'percent',
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(fraction);
}

export function numberText(value: number, digits = 0): string {
	return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(value);
}

/** "12/5 14:30" in the site's time zone. */
export function momentText(iso: string, timeZone: string): string {
	return new Intl.DateTimeFormat(getLocale(), {
		month: 'numeric',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).format(new Date(iso));
}
