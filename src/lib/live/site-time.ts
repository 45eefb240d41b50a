// The site's calendar in the browser, defined once (DESIGN.md §8): "today",
// this week and the quiet reload hour are the site's, not the TV's. The SQL
// side has its own single definition (app.site_today and friends); both are
// tested at the same boundaries (23:59/00:00 in Asia/Shanghai against UTC).
import { TZDate } from '@date-fns/tz';

/** A site-local calendar span: [start, end) in epoch ms, and the local date it begins. */
export interface SiteSpan {
	/** yyyy-mm-dd, site-local. */
	date: string;
	start: number;
	end: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local midnight of (year, month, day) in `timeZone`; out-of-range days roll over (day 32 → next month). */
function midnight(year: number, month: number, day: number, timeZone: string): TZDate {
	return new TZDate(year, month, day, timeZone);
}

function span(from: TZDate, days: number, timeZone: string): SiteSpan {
	const to = midnight(from.getFullYear(), from.getMonth(), from.getDate() + days, timeZone);
	return {
		date: `${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}`,
		start: from.getTime(),
		end: to.getTime()
	};
}

/** The site-local day containing `atMs`: local midnight to the next local midnight (23 or 25 h on DST days). */
export function siteDay(atMs: number, timeZone: string): SiteSpan {
	const local = new TZDate(atMs, timeZone);
	return span(midnight(local.getFullYear(), local.getMonth(), local.getDate(), timeZone), 1, timeZone);
}

/** The site-local week containing `atMs`: Monday 00:00 to the next Monday 00:00 (ISO weeks, as SQL's date_trunc('week')). */
export function siteWeek(atMs: number, timeZone: string): SiteSpan {
	const local = new TZDate(atMs, timeZone);
	const sinceMonday = (local.getDay() + 6) % 7;
	return span(midnight(local.getFullYear(), local.getMonth(), local.getDate() - sinceMonday, timeZone), 7, timeZone);
}

/** Ms from `nowMs` until the next site-local hh:00 (at least one minute ahead, so a reload cannot loop). */
export function msUntilSiteHour(nowMs: number, hour: number, timeZone: string): number {
	const local = new TZDate(nowMs, timeZone);
	const at = (days: number) =>
		new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, hour, 0, 0, timeZone).getTime();
	const today = at(0);
	return (today - nowMs < 60_000 ? at(1) : today) - nowMs;
}

export const toIso = (ms: number): string => new Date(ms).toISOString();
