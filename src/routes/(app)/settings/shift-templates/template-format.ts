// How the templates page writes a template's times, breaks and hours.
import { hoursText } from '$lib/calendar-date';
import { m } from '$lib/paraglide/messages';
import { clockAfter } from '$lib/shift-breaks';
import { crossesMidnight, type BreakInput } from '$lib/shift-length';

export const hhmm = (time: string): string => time.slice(0, 5);

/** "09:00–17:30"; a shift that ends the next day is marked apart (nextDayMark). */
export const timesText = (startsAt: string, endsAt: string): string => `${hhmm(startsAt)}–${hhmm(endsAt)}`;

/** "(+1)" for a shift that ends the next day, else null. */
export const nextDayMark = (startsAt: string, endsAt: string): string | null =>
	crossesMidnight(startsAt, endsAt) ? '(+1)' : null;

/** One break: its clock time, length and whether it is paid. */
export function breakText(startsAt: string, b: BreakInput): string {
	const kind = b.paid ? m.tpl_break_paid() : m.tpl_break_unpaid();
	return m.tpl_break_text({ at: clockAfter(startsAt, b.start_min), minutes: b.minutes, kind });
}

/** Minutes as hours and minutes, e.g. 450 → "7:30 h". */
export const hoursLabel = (minutes: number): string => m.tpl_hours({ hours: hoursText(minutes) });
