// Appointment times as the site keeps them: a visit at "10:00 tomorrow" is
// 10:00 on the site's clock, whatever zone the caller's phone is set to. A
// datetime-local field holds site-local "yyyy-mm-ddThh:mm".
import { TZDate } from '@date-fns/tz';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The instant (ISO, UTC) of a site-local "yyyy-mm-ddThh:mm"; null if the text is not one. */
export function siteLocalToIso(local: string, timeZone: string): string | null {
	const match = LOCAL.exec(local);
	if (!match) return null;
	const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
	return new Date(new TZDate(y, mo - 1, d, h, mi, 0, timeZone).getTime()).toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The site-local "yyyy-mm-ddThh:mm" of an instant (ms). */
export function isoToSiteLocal(atMs: number, timeZone: string): string {
	const t = new TZDate(atMs, timeZone);
	return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** The suggested appointment: the day after `today` (site-local yyyy-mm-dd) at 10:00, when sales centres open for visits. */
export function defaultAppointment(today: string): string {
	const next = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
	return `${next}T10:00`;
}
