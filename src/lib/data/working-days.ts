// A site's working-day calendar (public.site_calendar_years and
// site_calendar_days, migration 20261205100000): read by the site's members,
// changed by those app.can_edit_site_calendar allows (RLS decides; the page
// asks the same rule which sites it may offer editing for). The counting
// rule lives in SQL only: the page asks working_days_in_year.
import type { Enums, Tables } from '$lib/database.types';
import type { AppSupabaseClient } from '$lib/supabase';

export type CalendarDayKind = Enums<'calendar_day_kind'>;
export type CalendarYear = Pick<Tables<'site_calendar_years'>, 'year' | 'source' | 'updated_at'>;
export type CalendarDay = Pick<Tables<'site_calendar_days'>, 'day' | 'kind' | 'name'>;
export const CALENDAR_DAY_KINDS: readonly CalendarDayKind[] = ['statutory_holiday', 'rest_day', 'working_day'];

/** The code the SQL helpers raise for a year the site has not filled in. */
export const YEAR_NOT_FILLED_IN = 'CB001';

export async function fetchCalendarYears(client: AppSupabaseClient, siteId: string): Promise<CalendarYear[]> {
	const { data, error } = await client
		.from('site_calendar_years')
		.select('year, source, updated_at')
		.eq('site_id', siteId)
		.order('year');
	if (error) throw error;
	return data;
}

export async function fetchCalendarDays(
	client: AppSupabaseClient,
	siteId: string,
	year: number
): Promise<CalendarDay[]> {
	const { data, error } = await client
		.from('site_calendar_days')
		.select('day, kind, name')
		.eq('site_id', siteId)
		.eq('year', year)
		.order('day');
	if (error) throw error;
	return data;
}

/** The years Callboard ships national holiday data for (CN). */
export async function fetchNationalYears(client: AppSupabaseClient): Promise<Set<number>> {
	const { data, error } = await client.from('national_holiday_years').select('year').eq('country', 'CN');
	if (error) throw error;
	return new Set(data.map((row) => row.year));
}

/** The sites whose calendar the signed-in user may change (the rule is SQL's). */
export async function fetchCalendarEditableSites(client: AppSupabaseClient): Promise<Set<string>> {
	const { data, error } = await client.rpc('site_calendar_editable_sites');
	if (error) throw error;
	return new Set(data.map((row) => row.site_id));
}

/** Working days in the year at the site, or null when the year is not filled in. */
export async function fetchWorkingDayCount(
	client: AppSupabaseClient,
	siteId: string,
	year: number
): Promise<number | null> {
	const { data, error } = await client.rpc('working_days_in_year', { site_id: siteId, year });
	if (error?.code === YEAR_NOT_FILLED_IN) return null;
	if (error) throw error;
	return data;
}

export async function loadNationalYear(client: AppSupabaseClient, siteId: string, year: number): Promise<number> {
	const { data, error } = await client.rpc('load_national_holidays', { site_id: siteId, year });
	if (error) throw error;
	return data;
}

/** Marks a year as filled in by hand, with where its days come from. */
export async function addCalendarYear(
	client: AppSupabaseClient,
	siteId: string,
	year: number,
	source: string
): Promise<void> {
	const { error } = await client.from('site_calendar_years').insert({ site_id: siteId, year, source });
	if (error) throw error;
}

/** Records a day, or changes the one already recorded on that date. */
export async function saveCalendarDay(client: AppSupabaseClient, siteId: string, day: CalendarDay): Promise<void> {
	const { error } = await client
		.from('site_calendar_days')
		.upsert({ site_id: siteId, ...day }, { onConflict: 'site_id,day' });
	if (error) throw error;
}

export async function removeCalendarDay(client: AppSupabaseClient, siteId: string, day: string): Promise<void> {
	const { error } = await client.from('site_calendar_days').delete().eq('site_id', siteId).eq('day', day);
	if (error) throw error;
}
