// A site's seasons (with their dated periods) and shift templates (with the
// seasons they are valid in and the queues they staff): migrations
// 20261205200000 and 20261205710000. RLS decides who reads and changes
// them; shift_setup_sites() tells the pages the same answer in advance. The
// database derives span_min and paid_min and checks every write.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Json, Tables } from '$lib/database.types';
import type { BreakInput } from '$lib/shift-length';
import type { AppSupabaseClient } from '$lib/supabase';
import { NothingChanged } from './shift-setup-problems';

export type Season = Pick<Tables<'seasons'>, 'id' | 'name' | 'day_start' | 'day_end'>;
export type SeasonPeriod = Pick<Tables<'season_periods'>, 'id' | 'season_id' | 'starts_on' | 'ends_on'>;
export type QueueOption = Pick<Tables<'queues'>, 'id' | 'name'>;
export type ShiftTemplate = Pick<
	Tables<'shift_templates'>,
	'id' | 'name' | 'starts_at' | 'ends_at' | 'colour' | 'active' | 'span_min' | 'paid_min'
> & { breaks: BreakInput[]; seasonIds: string[]; queueIds: string[] };

export interface ShiftSetupAccess {
	mayRead: boolean;
	mayEdit: boolean;
}

/** An update or delete that reached no row did nothing: say so instead of "saved". */
function touched(result: { data: unknown[] | null; error: PostgrestError | null }): void {
	if (result.error) throw result.error;
	if (!result.data || result.data.length === 0) throw new NothingChanged();
}

/** What the signed-in user may do with a site's seasons and templates (the SQL's answer). */
export async function fetchShiftSetupAccess(client: AppSupabaseClient, siteId: string): Promise<ShiftSetupAccess> {
	const { data, error } = await client.rpc('shift_setup_sites');
	if (error) throw error;
	const row = data.find((r) => r.site_id === siteId);
	return { mayRead: row !== undefined, mayEdit: row?.may_edit ?? false };
}

export async function fetchSeasons(client: AppSupabaseClient, siteId: string): Promise<Season[]> {
	const { data, error } = await client
		.from('seasons')
		.select('id, name, day_start, day_end')
		.eq('site_id', siteId)
		.order('name');
	if (error) throw error;
	return data;
}

/** Every period of the site, in date order (a few per year). */
export async function fetchSeasonPeriods(client: AppSupabaseClient, siteId: string): Promise<SeasonPeriod[]> {
	const { data, error } = await client
		.from('season_periods')
		.select('id, season_id, starts_on, ends_on')
		.eq('site_id', siteId)
		.order('starts_on');
	if (error) throw error;
	return data;
}

/** The seasons some template of the site is valid in. */
export async function fetchSeasonsInTemplates(client: AppSupabaseClient, siteId: string): Promise<Set<string>> {
	const { data, error } = await client.from('shift_template_seasons').select('season_id').eq('site_id', siteId);
	if (error) throw error;
	return new Set(data.map((row) => row.season_id));
}

export interface SeasonInput {
	name: string;
	day_start: string;
	day_end: string;
}

/** Adds a season, or changes the one with `id`. */
export async function saveSeason(
	client: AppSupabaseClient,
	siteId: string,
	season: SeasonInput,
	id: string | null
): Promise<void> {
	if (id) touched(await client.from('seasons').update(season).eq('id', id).eq('site_id', siteId).select('id'));
	else {
		const { error } = await client.from('seasons').insert({ site_id: siteId, ...season });
		if (error) throw error;
	}
}

export async function removeSeason(client: AppSupabaseClient, siteId: string, id: string): Promise<void> {
	touched(await client.from('seasons').delete().eq('id', id).eq('site_id', siteId).select('id'));
}

export interface PeriodInput {
	season_id: string;
	starts_on: string;
	ends_on: string;
}

/** Adds a period, or changes the one with `id`; overlaps are refused by the database (23P01). */
export async function savePeriod(
	client: AppSupabaseClient,
	siteId: string,
	period: PeriodInput,
	id: string | null
): Promise<void> {
	if (id) touched(await client.from('season_periods').update(period).eq('id', id).eq('site_id', siteId).select('id'));
	else {
		const { error } = await client.from('season_periods').insert({ site_id: siteId, ...period });
		if (error) throw error;
	}
}

export async function removePeriod(client: AppSupabaseClient, siteId: string, id: string): Promise<void> {
	touched(await client.from('season_periods').delete().eq('id', id).eq('site_id', siteId).select('id'));
}

/** The periods that start in `fromYear`, added again in `toYear` (CB040 when there are none). */
export async function copySeasonYear(
	client: AppSupabaseClient,
	siteId: string,
	fromYear: number,
	toYear: number
): Promise<number> {
	const { data, error } = await client.rpc('copy_season_periods', {
		site_id: siteId,
		from_year: fromYear,
		to_year: toYear
	});
	if (error) throw error;
	return data;
}

/** The product's default periods for a year; the names are used only for seasons the site lacks. */
export async function addDefaultSeasons(
	client: AppSupabaseClient,
	siteId: string,
	year: number,
	names: { summer: string; winter: string }
): Promise<void> {
	const { error } = await client.rpc('add_default_seasons', {
		site_id: siteId,
		year,
		summer_name: names.summer,
		winter_name: names.winter
	});
	if (error) throw error;
}

/** Breaks as the database keeps them; anything else reads as no breaks (the SQL never stores it). */
function breaksOf(value: Json): BreakInput[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((b) =>
		b !== null &&
		typeof b === 'object' &&
		!Array.isArray(b) &&
		typeof b.start_min === 'number' &&
		typeof b.minutes === 'number' &&
		typeof b.paid === 'boolean'
			? [{ start_min: b.start_min, minutes: b.minutes, paid: b.paid }]
			: []
	);
}

/** The site's templates, active ones first, with their seasons and queues. */
export async function fetchTemplates(client: AppSupabaseClient, siteId: string): Promise<ShiftTemplate[]> {
	const [templates, seasons, queues] = await Promise.all([
		client
			.from('shift_templates')
			.select('id, name, starts_at, ends_at, breaks, colour, active, span_min, paid_min')
			.eq('site_id', siteId)
			.order('active', { ascending: false })
			.order('starts_at')
			.order('name'),
		client.from('shift_template_seasons').select('template_id, season_id').eq('site_id', siteId),
		client.from('shift_template_queues').select('template_id, queue_id').eq('site_id', siteId)
	]);
	if (templates.error) throw templates.error;
	if (seasons.error) throw seasons.error;
	if (queues.error) throw queues.error;
	return templates.data.map((t) => ({
		...t,
		breaks: breaksOf(t.breaks),
		seasonIds: seasons.data.filter((s) => s.template_id === t.id).map((s) => s.season_id),
		queueIds: queues.data.filter((q) => q.template_id === t.id).map((q) => q.queue_id)
	}));
}

export async function fetchQueues(client: AppSupabaseClient, siteId: string): Promise<QueueOption[]> {
	const { data, error } = await client.from('queues').select('id, name').eq('site_id', siteId).order('name');
	if (error) throw error;
	return data;
}

export interface TemplateInput {
	name: string;
	starts_at: string;
	ends_at: string;
	breaks: BreakInput[];
	colour: string;
	seasonIds: string[];
	queueIds: string[];
}

/** Adds a template (id null) or changes one, with its seasons and queues, in one transaction. */
export async function saveTemplate(
	client: AppSupabaseClient,
	siteId: string,
	template: TemplateInput,
	id: string | null
): Promise<string> {
	const { data, error } = await client.rpc('save_shift_template', {
		site_id: siteId,
		name: template.name,
		starts_at: template.starts_at,
		ends_at: template.ends_at,
		breaks: template.breaks.map((b) => ({ start_min: b.start_min, minutes: b.minutes, paid: b.paid })),
		colour: template.colour,
		season_ids: template.seasonIds,
		queue_ids: template.queueIds,
		...(id ? { template_id: id } : {})
	});
	if (error) throw error;
	return data;
}

/** Archives (inactive: no longer assignable, kept on the schedules that name it) or restores a template. */
export async function setTemplateActive(
	client: AppSupabaseClient,
	siteId: string,
	id: string,
	active: boolean
): Promise<void> {
	touched(await client.from('shift_templates').update({ active }).eq('id', id).eq('site_id', siteId).select('id'));
}

/** Deletes a template; one that schedules use is refused by their foreign key (23503). */
export async function deleteTemplate(client: AppSupabaseClient, siteId: string, id: string): Promise<void> {
	touched(await client.from('shift_templates').delete().eq('id', id).eq('site_id', siteId).select('id'));
}
