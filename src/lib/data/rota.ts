// What the rota editor reads and writes: a team's versions of a week, the
// shifts of one version, the team's agents with their skills, the site's
// templates with their seasons and queues, the season periods and calendar
// days of the week, the site's schedule policy, and the violations the SQL
// finds. Edits go through public.apply_schedule_edits against the revision
// the editor saw; the rules live in SQL only.
import type { Json, Tables } from '$lib/database.types';
import type { Edit, RotaShift } from '$lib/rota/edits';
import type { AppSupabaseClient } from '$lib/supabase';

export type ScheduleVersion = Pick<
	Tables<'schedules'>,
	'id' | 'version' | 'status' | 'revision' | 'published_at' | 'published_by' | 'override_reason' | 'created_at'
>;
export type RotaAgent = Pick<Tables<'agents'>, 'id' | 'display_name' | 'employee_no'> & { skills: Set<string> };
export type RotaTeam = Pick<Tables<'teams'>, 'id' | 'name'>;
export type RotaPolicy = Pick<
	Tables<'schedule_policies'>,
	| 'hours_mode'
	| 'averaging_period'
	| 'max_day_paid_min'
	| 'max_week_paid_min'
	| 'min_rest_between_min'
	| 'min_rest_days_per_week'
>;
export interface RotaTemplate {
	id: string;
	name: string;
	colour: string;
	starts_at: string;
	ends_at: string;
	paid_min: number;
	breaks: Json;
	/** Retired templates stay on old shifts but leave the palette. */
	active: boolean;
	seasons: string[];
	queues: string[];
}
/**
 * A broken rule: `detail` is the database's English, `facts` the numbers,
 * dates and names it is made of (JSON, shaped per rule; $lib/rota/violation-words
 * checks the shape before wording it in the user's language).
 */
export type Violation = { agent_id: string | null; day: string | null; rule: string; detail: string; facts: Json };

const SHIFT_COLUMNS = 'id, agent_id, day, template_id, starts_at, ends_at, breaks, paid_min, note';

export async function fetchTeams(client: AppSupabaseClient, siteId: string): Promise<RotaTeam[]> {
	const { data, error } = await client.from('teams').select('id, name').eq('site_id', siteId).order('name');
	if (error) throw error;
	return data;
}

export async function fetchVersions(
	client: AppSupabaseClient,
	teamId: string,
	week: string
): Promise<ScheduleVersion[]> {
	const { data, error } = await client
		.from('schedules')
		.select('id, version, status, revision, published_at, published_by, override_reason, created_at')
		.eq('team_id', teamId)
		.eq('week_start', week)
		.order('version', { ascending: false });
	if (error) throw error;
	return data;
}

export async function fetchShifts(client: AppSupabaseClient, scheduleId: string): Promise<RotaShift[]> {
	const { data, error } = await client
		.from('schedule_shifts')
		.select(SHIFT_COLUMNS)
		.eq('schedule_id', scheduleId)
		.order('day')
		.order('starts_at');
	if (error) throw error;
	return data;
}

/** The shifts of a team's week as its agents last saw it: the published version, else the latest. */
export async function fetchWeekShifts(client: AppSupabaseClient, teamId: string, week: string): Promise<RotaShift[]> {
	const versions = await fetchVersions(client, teamId, week);
	const shown = versions.find((v) => v.status === 'published') ?? versions[0];
	return shown ? fetchShifts(client, shown.id) : [];
}

export async function fetchAgents(client: AppSupabaseClient, teamId: string): Promise<RotaAgent[]> {
	const agents = await client
		.from('agents')
		.select('id, display_name, employee_no')
		.eq('team_id', teamId)
		.eq('active', true)
		.order('employee_no');
	if (agents.error) throw agents.error;
	const ids = agents.data.map((a) => a.id);
	const skills = ids.length
		? await client.from('agent_skills').select('agent_id, queue_id').in('agent_id', ids)
		: { data: [], error: null };
	if (skills.error) throw skills.error;
	return agents.data.map((a) => ({
		...a,
		skills: new Set(skills.data.filter((s) => s.agent_id === a.id).map((s) => s.queue_id))
	}));
}

export async function fetchTemplates(client: AppSupabaseClient, siteId: string): Promise<RotaTemplate[]> {
	const [templates, seasons, queues] = await Promise.all([
		client
			.from('shift_templates')
			.select('id, name, colour, starts_at, ends_at, paid_min, breaks, active')
			.eq('site_id', siteId)
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
		seasons: seasons.data.filter((s) => s.template_id === t.id).map((s) => s.season_id),
		queues: queues.data.filter((q) => q.template_id === t.id).map((q) => q.queue_id)
	}));
}

export async function fetchPolicy(client: AppSupabaseClient, siteId: string): Promise<RotaPolicy | null> {
	const { data, error } = await client
		.from('schedule_policies')
		.select(
			'hours_mode, averaging_period, max_day_paid_min, max_week_paid_min, min_rest_between_min, min_rest_days_per_week'
		)
		.eq('site_id', siteId)
		.maybeSingle();
	if (error) throw error;
	return data;
}

export async function fetchViolations(client: AppSupabaseClient, scheduleId: string): Promise<Violation[]> {
	const { data, error } = await client.rpc('schedule_violations', { schedule_id: scheduleId });
	if (error) throw error;
	return data;
}

export async function createDraft(client: AppSupabaseClient, teamId: string, week: string): Promise<ScheduleVersion> {
	const { data, error } = await client.rpc('create_schedule_draft', { team_id: teamId, week_start: week });
	if (error) throw error;
	return data;
}

/** Applies edits against the revision seen; returns the new revision (PT409 when someone else got there first). */
export async function applyEdits(
	client: AppSupabaseClient,
	scheduleId: string,
	revision: number,
	edits: readonly Edit[]
): Promise<number> {
	const { data, error } = await client.rpc('apply_schedule_edits', {
		schedule_id: scheduleId,
		expected_revision: revision,
		edits: [...edits]
	});
	if (error) throw error;
	return data;
}

export async function publish(
	client: AppSupabaseClient,
	scheduleId: string,
	revision: number,
	overrideReason: string | null
): Promise<void> {
	const { error } = await client.rpc('publish_schedule', {
		schedule_id: scheduleId,
		expected_revision: revision,
		override_reason: overrideReason ?? undefined
	});
	if (error) throw error;
}

export async function discardDraft(client: AppSupabaseClient, scheduleId: string): Promise<void> {
	const { error } = await client.from('schedules').delete().eq('id', scheduleId).eq('status', 'draft');
	if (error) throw error;
}

export type LeaveStretch = Pick<Tables<'approved_leave'>, 'agent_id' | 'starts_on' | 'ends_on' | 'kind'>;

/** Approved leave of a team's agents that touches the week (RLS shows planners their teams'). */
export async function fetchLeave(
	client: AppSupabaseClient,
	agentIds: readonly string[],
	first: string,
	last: string
): Promise<LeaveStretch[]> {
	if (agentIds.length === 0) return [];
	const { data, error } = await client
		.from('approved_leave')
		.select('agent_id, starts_on, ends_on, kind')
		.in('agent_id', [...agentIds])
		.lte('starts_on', last)
		.gte('ends_on', first);
	if (error) throw error;
	return data;
}
