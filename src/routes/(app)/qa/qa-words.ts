// Small formatting shared by the QA pages: site-local times, talk time,
// queue direction and the QA total as people read them.
import type { Enums } from '$lib/database.types';
import { siteStamp } from '$lib/attendance/site-clock';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

export const stamp = (iso: string, timeZone: string): string => siteStamp(iso, timeZone, getLocale());

/** Seconds as m:ss (h:mm:ss from an hour on). */
export function talkTime(seconds: number): string {
	const s = Math.max(0, Math.round(seconds));
	const pad = (n: number) => String(n).padStart(2, '0');
	const h = Math.floor(s / 3600);
	const rest = `${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
	return h > 0 ? `${h}:${rest}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

export const directionLabel = (direction: Enums<'queue_direction'>): string =>
	direction === 'inbound' ? m.qa_inbound() : m.qa_outbound();

/** A total as stored (2 decimals), without trailing zeros: 73.33, 56.7, 100. */
export const totalText = (total: number): string =>
	new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 2 }).format(total);
