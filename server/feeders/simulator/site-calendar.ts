// What kind of day a site day is for the simulator, from the site's working-
// day calendar (public holidays, their other days off, make-up working days)
// and its weekly rest days: callers ring differently on a holiday, and the
// outbound team stays home. Read through supabase-js with the service key,
// as published-schedule.ts reads the rota, so the live run and the backfill
// of the same day see the same calendar and simulate the same events.
import { createClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { nodeWebSocket } from '../../node-websocket.ts';

/** 'working': an ordinary working day or a make-up one; 'weekend': a weekly rest day; 'holiday': a public holiday or another day off of its span. */
export type DayKind = 'working' | 'weekend' | 'holiday';

export interface SiteCalendar {
	kindOf(dayKey: string): DayKind;
}

/** The site calendar from firstDay to lastDay (yyyy-MM-dd, both included). */
export type CalendarSource = (firstDay: string, lastDay: string, signal?: AbortSignal) => Promise<SiteCalendar>;

/** ISO weekday (1 = Monday … 7 = Sunday) of a yyyy-MM-dd date. */
export function isoWeekday(dayKey: string): number {
	const weekday = new Date(`${dayKey}T00:00:00Z`).getUTCDay();
	return weekday === 0 ? 7 : weekday;
}

const DAY_KIND = { statutory_holiday: 'holiday', rest_day: 'holiday', working_day: 'working' } as const;
type CalendarDayKind = keyof typeof DAY_KIND;

/**
 * A calendar of weekly rest days (ISO weekdays; Saturday and Sunday by
 * default, as the sites table) with the days the site recorded against it.
 */
export function siteCalendar(
	restWeekdays: readonly number[] = [6, 7],
	days: ReadonlyMap<string, CalendarDayKind> = new Map()
): SiteCalendar {
	return {
		kindOf(dayKey) {
			const recorded = days.get(dayKey);
			if (recorded) return DAY_KIND[recorded];
			return restWeekdays.includes(isoWeekday(dayKey)) ? 'weekend' : 'working';
		}
	};
}

/** Without a calendar to read (a dry run, a custom sink): Saturdays and Sundays off, no holidays. */
export const weeklyCalendar: SiteCalendar = siteCalendar();

const READ_TIMEOUT_MS = 15_000;

const siteRow = z.object({ rest_weekdays: z.array(z.number().int().min(1).max(7)) });
const dayRow = z.object({
	day: z.string(),
	kind: z.enum(['statutory_holiday', 'rest_day', 'working_day'])
});

/** Reads the calendar of `siteId` at `url` with the service-role key (which RLS lets read every site's days). */
export function supabaseCalendarSource(url: string, serviceKey: string, siteId: string): CalendarSource {
	const client = createClient(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		// Node 20 has no WebSocket and the client will not start without one; realtime is never joined here.
		realtime: { transport: nodeWebSocket }
	});
	return async (firstDay, lastDay, stop) => {
		const timeout = AbortSignal.timeout(READ_TIMEOUT_MS);
		const signal = stop ? AbortSignal.any([stop, timeout]) : timeout;
		const site = await client
			.from('sites')
			.select('rest_weekdays')
			.eq('id', siteId)
			.retry(false)
			.abortSignal(signal)
			.maybeSingle();
		if (site.error) throw new Error(`sites: ${site.error.message}`);
		if (!site.data) throw new Error(`sites: no site ${siteId}`);
		const rest = siteRow.safeParse(site.data);
		if (!rest.success) throw new Error(`sites: unexpected row (${rest.error.message})`);
		const days = await client
			.from('site_calendar_days')
			.select('day, kind')
			.eq('site_id', siteId)
			.gte('day', firstDay)
			.lte('day', lastDay)
			.retry(false)
			.abortSignal(signal);
		if (days.error) throw new Error(`site_calendar_days: ${days.error.message}`);
		const rows = z.array(dayRow).safeParse(days.data);
		if (!rows.success) throw new Error(`site_calendar_days: unexpected rows (${rows.error.message})`);
		return siteCalendar(rest.data.rest_weekdays, new Map(rows.data.map((r) => [r.day, r.kind])));
	};
}
