// "Today" and the quiet reload hour are the site's, not the TV's (DESIGN.md §8).
import { TZDate } from '@date-fns/tz';

/** Epoch ms of the site-local midnight that began the day containing `nowMs`. */
export function startOfSiteDay(nowMs: number, timeZone: string): number {
	const local = new TZDate(nowMs, timeZone);
	return new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), timeZone).getTime();
}

/** The site-local date (yyyy-mm-dd) containing `nowMs`. */
export function siteDate(nowMs: number, timeZone: string): string {
	const local = new TZDate(nowMs, timeZone);
	const mm = String(local.getMonth() + 1).padStart(2, '0');
	const dd = String(local.getDate()).padStart(2, '0');
	return `${local.getFullYear()}-${mm}-${dd}`;
}

/** Ms from `nowMs` until the next site-local hh:00 (at least one minute ahead, so a reload cannot loop). */
export function msUntilSiteHour(nowMs: number, hour: number, timeZone: string): number {
	const local = new TZDate(nowMs, timeZone);
	let target = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), hour, 0, 0, timeZone).getTime();
	if (target - nowMs < 60_000) {
		const next = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, hour, 0, 0, timeZone);
		target = next.getTime();
	}
	return target - nowMs;
}

export const toIso = (ms: number): string => new Date(ms).toISOString();
