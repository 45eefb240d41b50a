// How the calendar page names days and kinds, in the user's language. Dates
// are calendar dates (yyyy-mm-dd) without a time: formatted at UTC midnight
// so no time zone can move them to the day before.
import type { CalendarDayKind } from '$lib/data/working-days';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

const atUtcMidnight = (day: string) => new Date(`${day}T00:00:00Z`);

/** The weekday of an ISO weekday number (1 = Monday … 7 = Sunday). */
export function weekdayName(isoWeekday: number): string {
	// 2024-01-01 was a Monday.
	const monday = Date.UTC(2024, 0, 1);
	return new Intl.DateTimeFormat(getLocale(), { weekday: 'long', timeZone: 'UTC' }).format(
		new Date(monday + (isoWeekday - 1) * 86_400_000)
	);
}

/** A calendar date (yyyy-mm-dd) in the user's language, with the parts asked for. */
// A formatter costs far more to make than to use, and a rota formats
// thousands of cells: one per locale and set of parts.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDay(day: string, parts: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): string {
	const locale = getLocale();
	const key = `${locale}|${JSON.stringify(parts)}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat(locale, { ...parts, timeZone: 'UTC' });
		formatters.set(key, formatter);
	}
	return formatter.format(atUtcMidnight(day));
}

export const dayWeekday = (day: string): string => formatDay(day, { weekday: 'short' });

export const KIND_LABEL: Record<CalendarDayKind, () => string> = {
	statutory_holiday: m.wd_kind_statutory_holiday,
	rest_day: m.wd_kind_rest_day,
	working_day: m.wd_kind_working_day
};
