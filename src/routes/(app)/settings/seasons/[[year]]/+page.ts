// A site's seasons and the periods they cover in one year
// (/settings/seasons/2027; without a year, the site's current year). Every
// member but a wall display reads them; supervisors, managers and admins
// change them. shift_setup_sites() gives the SQL's answer to both.
import {
	fetchSeasonPeriods,
	fetchSeasons,
	fetchSeasonsInTemplates,
	fetchShiftSetupAccess,
	type Season,
	type SeasonPeriod
} from '$lib/data/shift-setup';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { AppSupabaseClient } from '$lib/supabase';
import type { PageLoad } from './$types';

export type SeasonsSetup =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-allowed'; siteName: string }
	| {
			state: 'ready';
			client: AppSupabaseClient;
			siteId: string;
			siteName: string;
			year: number;
			/** The years shown as tabs: around the current year and the one shown, and every year a period starts in. */
			years: number[];
			seasons: Season[];
			/** Every period of the site; the page shows those touching the year. */
			periods: SeasonPeriod[];
			/** Seasons some template is valid in (not offered for removal). */
			seasonsInUse: Set<string>;
			/** The latest earlier year a period starts in, to copy from; null when none. */
			copyFrom: number | null;
			mayEdit: boolean;
	  };

const setup = (page: SeasonsSetup) => ({ page });

/** A year the page shows (2000–2100), or null. */
function yearParam(value: string | undefined): number | null {
	if (value === undefined || !/^\d{4}$/.test(value)) return null;
	const year = Number(value);
	return year >= 2000 && year <= 2100 ? year : null;
}

export const load = (async ({ parent, params, depends }) => {
	depends('app:seasons');
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { client, current } = session;
	try {
		const access = await fetchShiftSetupAccess(client, current.siteId);
		if (!access.mayRead) return setup({ state: 'not-allowed', siteName: current.siteName });
		const thisYear = Number(siteDay(Date.now(), current.timeZone).date.slice(0, 4));
		const year = yearParam(params.year) ?? thisYear;
		const [seasons, periods, inUse] = await Promise.all([
			fetchSeasons(client, current.siteId),
			fetchSeasonPeriods(client, current.siteId),
			fetchSeasonsInTemplates(client, current.siteId)
		]);
		const startYears = periods.map((p) => Number(p.starts_on.slice(0, 4)));
		// The year after the one shown is always a tab: the usual next step is filling it.
		const tabs = new Set(
			[thisYear - 1, thisYear, thisYear + 1, year, year + 1, ...startYears].filter((y) => y >= 2000 && y <= 2100)
		);
		return setup({
			state: 'ready',
			client,
			siteId: current.siteId,
			siteName: current.siteName,
			year,
			years: [...tabs].sort((a, b) => a - b),
			seasons,
			periods,
			seasonsInUse: inUse,
			copyFrom: Math.max(0, ...startYears.filter((y) => y < year)) || null,
			mayEdit: access.mayEdit
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
