// Wall-clock arithmetic in the site's time zone (DESIGN.md §8): the demo
// center is in Asia/Shanghai whatever zone this process runs in.
import { TZDate, tz } from '@date-fns/tz';
import { addDays, format, startOfDay } from 'date-fns';

export interface LocalClock {
	/** Minutes since local midnight, with fractions. */
	minuteOfDay: number;
	/** 0 = Sunday … 6 = Saturday. */
	weekday: number;
	/** 1–12. */
	month: number;
}

export function localClock(at: number, timeZone: string): LocalClock {
	const d = new TZDate(at, timeZone);
	return {
		minuteOfDay: d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60 + d.getMilliseconds() / 60_000,
		weekday: d.getDay(),
		month: d.getMonth() + 1
	};
}

/** The site's calendar day holding `at`: its key (yyyy-MM-dd) and its local midnights. */
export interface SiteDay {
	key: string;
	start: number;
	end: number;
	timeZone: string;
}

export function siteDayOf(at: number, timeZone: string): SiteDay {
	const zone = tz(timeZone);
	const start = startOfDay(at, { in: zone });
	return {
		key: format(start, 'yyyy-MM-dd', { in: zone }),
		start: start.getTime(),
		end: addDays(start, 1, { in: zone }).getTime(),
		timeZone
	};
}

export function nextSiteDay(day: SiteDay): SiteDay {
	return siteDayOf(day.end, day.timeZone);
}

/** The instant of a local wall-clock time on this day, e.g. atLocal(day, 9 * 60) = 09:00. */
export function atLocal(day: SiteDay, minuteOfDay: number): number {
	const midnight = new TZDate(day.start, day.timeZone);
	const whole = Math.floor(minuteOfDay);
	const local = new TZDate(
		midnight.getFullYear(),
		midnight.getMonth(),
		midnight.getDate(),
		Math.floor(whole / 60),
		whole % 60,
		0,
		day.timeZone
	);
	return local.getTime() + Math.round((minuteOfDay - whole) * 60_000);
}

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/**
 * An ISO date-time as an instant. Without an offset it is read as the site's
 * wall-clock time ("2026-11-23T09:00" = 9 o'clock at the site), not this
 * process's. NaN when unreadable.
 */
export function parseSiteInstant(text: string, timeZone: string): number {
	const local = LOCAL_ISO.exec(text.trim());
	if (!local) return Date.parse(text);
	const [year, month, day, hours, minutes, seconds] = local.slice(1, 7).map((part) => Number(part ?? 0));
	const fractionMs = local[7] ? Math.round(Number(`0.${local[7]}`) * 1000) : 0;
	if (year === undefined || month === undefined || day === undefined) return NaN;
	const date = new TZDate(year, month - 1, day, hours ?? 0, minutes ?? 0, seconds ?? 0, timeZone);
	// new TZDate rolls 2026-02-31 over into March; a typo should not become another day.
	const exact =
		date.getMonth() === month - 1 &&
		date.getDate() === day &&
		date.getHours() === hours &&
		date.getMinutes() === minutes;
	return exact ? date.getTime() + fractionMs : NaN;
}

/** "2026-11-23 09:30" at the site, for log lines. */
export function formatSiteTime(at: number, timeZone: string): string {
	return format(at, 'yyyy-MM-dd HH:mm', { in: tz(timeZone) });
}
