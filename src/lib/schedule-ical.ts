// An agent's published shifts as an iCalendar file (RFC 5545) for a phone's
// calendar, made with ical-generator. Each shift keeps one UID across
// versions (agent, day and its place among that day's shifts, not the row
// id, which a new version changes), and its version number as SEQUENCE, so
// importing a newer file updates the events instead of adding copies. Times
// are the site's (TZID with the zone's VTIMEZONE from timezones-ical-library);
// breaks and paid hours go in the description; rest days are no events.
import ical, { ICalCalendarMethod } from 'ical-generator';
import { TZDate } from '@date-fns/tz';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { hoursText } from '$lib/calendar-date';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { clockAfter, parseBreaks } from '$lib/shift-breaks';

export interface CalendarShift {
	/** The site date the shift starts on. */
	day: string;
	/** The shift's instants (timestamptz as the API gives them). */
	start_ts: string;
	end_ts: string;
	/** Site clock time the shift starts, hh:mm[:ss]: breaks are minutes after it. */
	starts_at: string;
	breaks: unknown;
	paid_min: number;
	note: string | null;
	/** The template's name, or null for a shift with its own times. */
	templateName: string | null;
	/** The published version the shift is from, and when it was published. */
	version: number;
	publishedAt: string | null;
}

export interface CalendarInput {
	agentId: string;
	agentName: string;
	siteName: string;
	timeZone: string;
	locale: Locale;
	shifts: readonly CalendarShift[];
}

/** One UID per agent, day and n-th shift of that day (1-based), whatever version it is in. */
export function shiftUid(agentId: string, day: string, nth: number): string {
	return `shift-${agentId}-${day}-${nth}@callboard`;
}

/** The zone's VTIMEZONE component, or null for a zone the library does not know. */
export function vtimezone(timeZone: string): string | null {
	// Asked first: the library logs an error for a zone it does not know.
	const known = tzlib_get_timezones();
	if (!Array.isArray(known) || !known.includes(timeZone)) return null;
	const block = tzlib_get_ical_block(timeZone);
	return Array.isArray(block) && block[0]?.startsWith('BEGIN:VTIMEZONE') ? block[0] : null;
}

function description(shift: CalendarShift, locale: Locale): string {
	const breaks = parseBreaks(shift.breaks).map((b) =>
		(b.paid ? m.me_break_paid : m.me_break_unpaid)(
			{ time: clockAfter(shift.starts_at, b.start_min), minutes: b.minutes },
			{ locale }
		)
	);
	return [
		m.me_paid({ hours: hoursText(shift.paid_min) }, { locale }),
		breaks.length > 0 ? m.me_breaks({ list: breaks.join(m.list_separator({}, { locale })) }, { locale }) : null,
		shift.note
	]
		.filter((line): line is string => !!line)
		.join('\n');
}

/** The .ics text of the shifts (any order); an empty calendar when there are none. */
export function scheduleCalendar(input: CalendarInput): string {
	const { locale } = input;
	// Without a VTIMEZONE for the zone the times go out in UTC, which every calendar reads right.
	const zone = vtimezone(input.timeZone) ? input.timeZone : null;
	const calendar = ical({
		name: m.pub_ical_name({ name: input.agentName, site: input.siteName }, { locale }),
		prodId: { company: 'Callboard', product: 'My schedule', language: locale === 'en' ? 'EN' : 'ZH' },
		method: ICalCalendarMethod.PUBLISH
	});
	// No calendar-wide zone name: ical-generator would then write DTSTAMP as a local time; the events carry TZID.
	calendar.timezone({ name: null, generator: vtimezone });

	const shifts = [...input.shifts].sort((a, b) => Date.parse(a.start_ts) - Date.parse(b.start_ts));
	const perDay = new Map<string, number>();
	for (const shift of shifts) {
		const nth = (perDay.get(shift.day) ?? 0) + 1;
		perDay.set(shift.day, nth);
		const at = (instant: string) => (zone ? new TZDate(Date.parse(instant), zone) : new Date(instant));
		const stamp = shift.publishedAt ? new Date(shift.publishedAt) : new Date();
		calendar.createEvent({
			id: shiftUid(input.agentId, shift.day, nth),
			sequence: shift.version,
			stamp,
			lastModified: stamp,
			timezone: zone,
			start: at(shift.start_ts),
			end: at(shift.end_ts),
			summary: shift.templateName ?? m.pub_ical_shift({}, { locale }),
			description: description(shift, locale),
			location: input.siteName
		});
	}
	return calendar.toString();
}

/** A file name for the download: the agent's name and the first week, nothing a file system refuses. */
export function calendarFileName(agentName: string, fromWeek: string): string {
	const safe = agentName.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '');
	return `callboard-${safe || 'schedule'}-${fromWeek}.ics`;
}
