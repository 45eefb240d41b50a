// Site-local wall times for the correction forms: a supervisor types the
// time a punch happened as the clock on the site's wall showed it, whatever
// the zone of the laptop they type it on.
import { TZDate } from '@date-fns/tz';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-11-10T09:12" at the site → the instant as ISO (UTC); null for anything else. */
export function siteLocalToIso(local: string, timeZone: string): string | null {
	const parts = LOCAL.exec(local);
	if (!parts) return null;
	const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(parts[i] ?? 0)) as [
		number,
		number,
		number,
		number,
		number,
		number
	];
	const at = new TZDate(year, month - 1, day, hour, minute, second, timeZone);
	// A wall time that does not exist (the hour skipped by daylight saving) moves; refuse it instead.
	if (at.getFullYear() !== year || at.getMonth() !== month - 1 || at.getDate() !== day || at.getHours() !== hour) {
		return null;
	}
	return new Date(at.getTime()).toISOString();
}

/** An instant as the site's wall time for a datetime-local input: "2026-11-10T09:12". */
export function isoToSiteLocal(iso: string, timeZone: string): string {
	const at = new TZDate(Date.parse(iso), timeZone);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** "11月10日 09:12" / "Nov 10, 09:12" in the site's zone, for audit trails and deadlines met. */
export function siteStamp(iso: string, timeZone: string, locale: string): string {
	return new Intl.DateTimeFormat(locale, {
		timeZone,
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(Date.parse(iso));
}
