// What publishing gives the people a schedule is for: an agent's own shifts
// of every published week from a week on (the calendar file), and who
// published a version (the planners' print view). RLS decides what is read:
// agents see published versions of their own team only.
import type { Tables } from '$lib/database.types';
import type { MyAgent } from '$lib/data/my-schedule';
import type { AppSupabaseClient } from '$lib/supabase';

/** The dependency of the My schedule page's load: invalidated when a version is published. */
export const MY_SCHEDULE_LOAD = 'callboard:my-schedule';

export type PublishedVersion = Pick<Tables<'schedules'>, 'id' | 'week_start' | 'version' | 'published_at'>;
export type PublishedShift = Pick<
	Tables<'schedule_shifts'>,
	| 'id'
	| 'schedule_id'
	| 'day'
	| 'starts_at'
	| 'ends_at'
	| 'start_ts'
	| 'end_ts'
	| 'breaks'
	| 'paid_min'
	| 'template_id'
	| 'note'
>;

export interface MyPublishedShifts {
	versions: PublishedVersion[];
	shifts: PublishedShift[];
}

/** The agent's shifts in their team's published weeks from `fromWeek` (a Monday) on. */
export async function fetchMyPublishedShifts(
	client: AppSupabaseClient,
	agent: MyAgent,
	fromWeek: string
): Promise<MyPublishedShifts> {
	const versions = await client
		.from('schedules')
		.select('id, week_start, version, published_at')
		.eq('team_id', agent.team_id)
		.eq('status', 'published')
		.gte('week_start', fromWeek)
		.order('week_start');
	if (versions.error) throw versions.error;
	if (versions.data.length === 0) return { versions: [], shifts: [] };
	const shifts = await client
		.from('schedule_shifts')
		.select('id, schedule_id, day, starts_at, ends_at, start_ts, end_ts, breaks, paid_min, template_id, note')
		.in(
			'schedule_id',
			versions.data.map((v) => v.id)
		)
		.eq('agent_id', agent.id)
		.order('start_ts');
	if (shifts.error) throw shifts.error;
	return { versions: versions.data, shifts: shifts.data };
}

/** Who published a version, as a name (null when unpublished); the team's planners only (42501 otherwise). */
export async function fetchPublisher(client: AppSupabaseClient, scheduleId: string): Promise<string | null> {
	const { data, error } = await client.rpc('schedule_publisher', { schedule_id: scheduleId });
	if (error) throw error;
	return data;
}

export type AgentName = Pick<Tables<'agents'>, 'id' | 'display_name' | 'employee_no'>;

/** Names of agents by id: those who hold a shift in a version but have left the team since. */
export async function fetchAgentNames(client: AppSupabaseClient, ids: readonly string[]): Promise<AgentName[]> {
	if (ids.length === 0) return [];
	const { data, error } = await client
		.from('agents')
		.select('id, display_name, employee_no')
		.in('id', [...ids]);
	if (error) throw error;
	return data;
}
