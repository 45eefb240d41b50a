// A month of judged attendance days: a team's (the supervisor's calendar
// grid), one agent's, or the signed-in agent's own. RLS decides what comes
// back (app.can_read_attendance: the agent, their lead, the site's
// supervisors, managers and admins); these only ask.
import type { Tables } from '$lib/database.types';
import type { AppSupabaseClient } from '$lib/supabase';

export type MonthDay = Pick<
	Tables<'attendance_days'>,
	| 'id'
	| 'agent_id'
	| 'work_date'
	| 'shift_id'
	| 'shift_start'
	| 'shift_end'
	| 'first_in'
	| 'last_out'
	| 'worked_min'
	| 'late_min'
	| 'early_min'
	| 'overtime_min'
	| 'status'
	| 'tier'
	| 'deduction'
	| 'explanation'
	| 'closed_at'
>;
export type MonthAgent = Pick<
	Tables<'agents'>,
	'id' | 'site_id' | 'team_id' | 'display_name' | 'employee_no' | 'active'
>;
export type MonthTeam = Pick<Tables<'teams'>, 'id' | 'site_id' | 'name'>;

const DAY_COLUMNS =
	'id, agent_id, work_date, shift_id, shift_start, shift_end, first_in, last_out, worked_min, late_min, early_min, overtime_min, status, tier, deduction, explanation, closed_at';
const AGENT_COLUMNS = 'id, site_id, team_id, display_name, employee_no, active';

/** The judged days of these agents from `first` to `last` (site dates, both included), by date then shift start. */
export async function fetchMonthDays(
	client: AppSupabaseClient,
	agentIds: readonly string[],
	first: string,
	last: string
): Promise<MonthDay[]> {
	if (agentIds.length === 0) return [];
	const { data, error } = await client
		.from('attendance_days')
		.select(DAY_COLUMNS)
		.in('agent_id', agentIds)
		.gte('work_date', first)
		.lte('work_date', last)
		.order('work_date')
		.order('shift_start');
	if (error) throw error;
	return data;
}

export async function fetchTeam(client: AppSupabaseClient, teamId: string): Promise<MonthTeam | null> {
	const { data, error } = await client.from('teams').select('id, site_id, name').eq('id', teamId).maybeSingle();
	if (error) throw error;
	return data;
}

export async function fetchSiteTeams(client: AppSupabaseClient, siteId: string): Promise<MonthTeam[]> {
	const { data, error } = await client.from('teams').select('id, site_id, name').eq('site_id', siteId).order('name');
	if (error) throw error;
	return data;
}

/** A team's agents by name; inactive ones too (a month may hold their last days). */
export async function fetchTeamAgents(client: AppSupabaseClient, teamId: string): Promise<MonthAgent[]> {
	const { data, error } = await client.from('agents').select(AGENT_COLUMNS).eq('team_id', teamId).order('display_name');
	if (error) throw error;
	return data;
}

export async function fetchAgent(client: AppSupabaseClient, agentId: string): Promise<MonthAgent | null> {
	const { data, error } = await client.from('agents').select(AGENT_COLUMNS).eq('id', agentId).maybeSingle();
	if (error) throw error;
	return data;
}

/** The signed-in user's agent row at a site, or null when they are not an agent there. */
export async function fetchOwnAgent(
	client: AppSupabaseClient,
	userId: string,
	siteId: string
): Promise<MonthAgent | null> {
	const { data, error } = await client
		.from('agents')
		.select(AGENT_COLUMNS)
		.eq('user_id', userId)
		.eq('site_id', siteId)
		.maybeSingle();
	if (error) throw error;
	return data;
}
