// Reads for the wallboards: the snapshot of a site's live tables that a board
// takes after every join, the queue and agent names beside it, and the
// database clock. RLS limits all of it to members of the site.
import type { Database, Tables } from '$lib/database.types';
import type { LiveSnapshot } from '$lib/live/live-rows';
import type { AppSupabaseClient } from '$lib/supabase';

export type QueueRow = Tables<'queues'>;
export type AgentRow = Pick<Tables<'agents'>, 'id' | 'display_name' | 'employee_no' | 'team_id' | 'active'>;
export type TeamRow = Pick<Tables<'teams'>, 'id' | 'name' | 'kind'>;
export type SiteRow = Pick<Tables<'sites'>, 'id' | 'name' | 'time_zone' | 'locale'>;

export interface WallDirectory {
	queues: QueueRow[];
	agents: AgentRow[];
	teams: TeamRow[];
	/** agent id → queue ids the agent takes */
	skills: Map<string, string[]>;
}

/** The live tables of a site; intervals of [sinceIso, untilIso) (the site's day). */
export async function fetchLiveSnapshot(
	client: AppSupabaseClient,
	siteId: string,
	sinceIso: string,
	untilIso: string
): Promise<LiveSnapshot> {
	const [queueLive, agentLive, intervals, settings] = await Promise.all([
		client.from('queue_live').select('*').eq('site_id', siteId),
		client.from('agent_live').select('*').eq('site_id', siteId),
		client
			.from('queue_intervals')
			.select('*')
			.eq('site_id', siteId)
			.gte('interval_start', sinceIso)
			.lt('interval_start', untilIso),
		client.from('board_settings').select('*').eq('site_id', siteId)
	]);
	if (queueLive.error) throw queueLive.error;
	if (agentLive.error) throw agentLive.error;
	if (intervals.error) throw intervals.error;
	if (settings.error) throw settings.error;
	return {
		queue_live: queueLive.data,
		agent_live: agentLive.data,
		queue_intervals: intervals.data,
		board_settings: settings.data
	};
}

/** Names and settings the boards show beside the numbers; they change rarely. */
export async function fetchWallDirectory(client: AppSupabaseClient, siteId: string): Promise<WallDirectory> {
	const [queues, agents, teams, skills] = await Promise.all([
		client.from('queues').select('*').eq('site_id', siteId).order('created_at').order('id'),
		client
			.from('agents')
			.select('id, display_name, employee_no, team_id, active')
			.eq('site_id', siteId)
			.order('employee_no'),
		client.from('teams').select('id, name, kind').eq('site_id', siteId).order('name'),
		client.from('agent_skills').select('agent_id, queue_id').eq('site_id', siteId)
	]);
	if (queues.error) throw queues.error;
	if (agents.error) throw agents.error;
	if (teams.error) throw teams.error;
	if (skills.error) throw skills.error;
	const byAgent = new Map<string, string[]>();
	for (const s of skills.data) byAgent.set(s.agent_id, [...(byAgent.get(s.agent_id) ?? []), s.queue_id]);
	return { queues: queues.data, agents: agents.data, teams: teams.data, skills: byAgent };
}

export async function fetchSite(client: AppSupabaseClient, siteId: string): Promise<SiteRow> {
	const { data, error } = await client.from('sites').select('id, name, time_zone, locale').eq('id', siteId).single();
	if (error) throw error;
	return data;
}

/** The database clock in epoch ms. */
export async function fetchServerTime(client: AppSupabaseClient): Promise<number> {
	const { data, error } = await client.rpc('server_time');
	if (error) throw error;
	const ms = Date.parse(data);
	if (Number.isNaN(ms)) throw new Error(`server_time returned ${JSON.stringify(data)}`);
	return ms;
}

export type OutboundTallyRow = Database['public']['Functions']['wall_outbound_today']['Returns'][number];

/** Per caller: today's dialed, connected and graded outbound calls (site day). */
export async function fetchOutboundToday(client: AppSupabaseClient, siteId: string): Promise<OutboundTallyRow[]> {
	const { data, error } = await client.rpc('wall_outbound_today', { site_id: siteId });
	if (error) throw error;
	return data;
}
