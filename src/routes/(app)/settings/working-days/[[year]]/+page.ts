// A site's working-day calendar for one year (/settings/working-days/2026;
// without a year, the site's current year; ?site= picks one of several
// sites). Every member but a wall display may read it; the database says who
// may change it (app.can_edit_site_calendar, through
// site_calendar_editable_sites).
import type { SiteRow } from '$lib/data/wall';
import {
	fetchCalendarDays,
	fetchCalendarEditableSites,
	fetchCalendarYears,
	fetchNationalYears,
	fetchWorkingDayCount,
	type CalendarDay,
	type CalendarYear
} from '$lib/data/working-days';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { AppSupabaseClient } from '$lib/supabase';
import type { PageLoad } from './$types';

export type WorkingDaysSetup =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-allowed' }
	| {
			state: 'ready';
			client: AppSupabaseClient;
			site: SiteRow & { rest_weekdays: number[] };
			year: number;
			/** The years shown as tabs: around the site's current year, and every year filled in. */
			years: number[];
			filled: CalendarYear | null;
			days: CalendarDay[];
			/** Working days in the year, null when it is not filled in. */
			workingDays: number | null;
			nationalYears: Set<number>;
			canEdit: boolean;
	  };

const setup = (page: WorkingDaysSetup) => ({ page });

/** A year the calendar can hold (the table's check: 2000–2100), or null. */
function yearParam(value: string | null): number | null {
	if (value === null || !/^\d{4}$/.test(value)) return null;
	const year = Number(value);
	return year >= 2000 && year <= 2100 ? year : null;
}

export const load = (async ({ parent, params, depends }) => {
	depends('app:working-days');
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	// The shell's site (?site= picks among several); a wall display reads no calendar.
	const membership = session.current;
	if (membership.role === 'display') return setup({ state: 'not-allowed' });
	const client = session.client;
	try {
		const siteId = membership.siteId;
		const thisYear = Number(siteDay(Date.now(), membership.timeZone).date.slice(0, 4));
		const year = yearParam(params.year ?? null) ?? thisYear;
		const [site, years, days, workingDays, nationalYears, editable] = await Promise.all([
			client.from('sites').select('id, name, time_zone, locale, rest_weekdays').eq('id', siteId).single(),
			fetchCalendarYears(client, siteId),
			fetchCalendarDays(client, siteId, year),
			fetchWorkingDayCount(client, siteId, year),
			fetchNationalYears(client),
			fetchCalendarEditableSites(client)
		]);
		if (site.error) throw site.error;
		const tabs = new Set([thisYear - 1, thisYear, thisYear + 1, year, ...years.map((y) => y.year)]);
		return setup({
			state: 'ready',
			client,
			site: site.data,
			year,
			years: [...tabs].sort((a, b) => a - b),
			filled: years.find((y) => y.year === year) ?? null,
			days,
			workingDays,
			nationalYears,
			canEdit: editable.has(siteId)
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
