// An agent's own published shifts, week by week: the agent row of the
// signed-in user, the team's published version of a week (RLS shows agents
// nothing else: no drafts, no superseded versions, no other team), and the
// templates, seasons and calendar days that name what each day is.
import type { Tables } from '$lib/database.types';
import type { AppSupabaseClient } from '$lib/supabase';

export type MyAgent = Pick<Tables<'agents'>, 'id' | 'site_id' | 'team_id' | 'display_name'>;
export type MyShift = Pick<
	Tables<'schedule_shifts'>,
	'id' | 'day' | 'starts_at' | 'ends_at' | 'breaks' | 'paid_min' | 'template_id' | 'note'
>;
export type ShiftTemplateName = Pick<Tables<'shift_templates'>, 'id' | 'name' | 'colour'>;
export type SeasonPeriod = { season_id: string; starts_on: string; ends_on: string; name: string };
export type SpecialDay = Pick<Tables<'site_calendar_days'>, 'day' | 'kind' | 'name'>;

export interface MyWeek {
	/** The published version, or null when the week is not published yet. */
	published: Pick<Tables<'schedules'>, 'id' | 'version' | 'published_at'> | null;
	shifts: MyShift[];
}

/** The signed-in user's agent row at a site, or null when they are not an agent there. */
export async function fetchMyAgent(client: AppSupabaseClient, userId: string, siteId: string): Promise<MyAgent | null> {
	const { data, error } = await client
		.from('agents')
		.select('id, site_id, team_id, display_name')
		.eq('user_id', userId)
		.eq('site_id', siteId)
		.maybeSingle();
	if (error) throw error;
	return data;
}

export async function fetchMyWeek(client: AppSupabaseClient, agent: MyAgent, weekStart: string): Promise<MyWeek> {
	const schedule = await client
		.from('schedules')
		.select('id, version, published_at')
		.eq('team_id', agent.team_id)
		.eq('week_start', weekStart)
		.eq('status', 'published')
		.maybeSingle();
	if (schedule.error) throw schedule.error;
	if (!schedule.data) return { published: null, shifts: [] };
	const shifts = await client
		.from('schedule_shifts')
		.select('id, day, starts_at, ends_at, breaks, paid_min, template_id, note')
		.eq('schedule_id', schedule.data.id)
		.eq('agent_id', agent.id)
		.order('start_ts');
	if (shifts.error) throw shifts.error;
	return { published: schedule.data, shifts: shifts.data };
}

export async function fetchTemplateNames(client: AppSupabaseClient, siteId: string): Promise<ShiftTemplateName[]> {
	const { data, error } = await client.from('shift_templates').select('id, name, colour').eq('site_id', siteId);
	if (error) throw error;
	return data;
}

/** The season periods that touch [first, last], with their season's name. */
export async function fetchSeasonPeriods(
	client: AppSupabaseClient,
	siteId: string,
	first: string,
	last: string
): Promise<SeasonPeriod[]> {
	const [periods, seasons] = await Promise.all([
		client
			.from('season_periods')
			.select('season_id, starts_on, ends_on')
			.eq('site_id', siteId)
			.lte('starts_on', last)
			.gte('ends_on', first),
		client.from('seasons').select('id, name').eq('site_id', siteId)
	]);
	if (periods.error) throw periods.error;
	if (seasons.error) throw seasons.error;
	const names = new Map(seasons.data.map((s) => [s.id, s.name]));
	return periods.data.map((p) => ({ ...p, name: names.get(p.season_id) ?? '' }));
}

export async function fetchSpecialDays(
	client: AppSupabaseClient,
	siteId: string,
	first: string,
	last: string
): Promise<SpecialDay[]> {
	const { data, error } = await client
		.from('site_calendar_days')
		.select('day, kind, name')
		.eq('site_id', siteId)
		.gte('day', first)
		.lte('day', last);
	if (error) throw error;
	return data;
}
