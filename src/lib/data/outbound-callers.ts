// Who calls for the outbound teams (teams.kind = 'outbound'): the callers a
// team lead hands lists to and whose register they keep. RLS decides which
// agents the user sees: a team lead their own team, supervisors and
// managers everyone of the site.
import type { AppSupabaseClient } from '$lib/supabase';

export interface OutboundCaller {
	id: string;
	displayName: string;
	employeeNo: string;
	teamId: string;
	teamName: string;
}

export async function fetchOutboundCallers(client: AppSupabaseClient, siteId: string): Promise<OutboundCaller[]> {
	const teams = await client
		.from('teams')
		.select('id, name')
		.eq('site_id', siteId)
		.eq('kind', 'outbound')
		.order('name');
	if (teams.error) throw teams.error;
	if (teams.data.length === 0) return [];
	const names = new Map(teams.data.map((t) => [t.id, t.name]));
	const agents = await client
		.from('agents')
		.select('id, display_name, employee_no, team_id')
		.eq('site_id', siteId)
		.eq('active', true)
		.in('team_id', [...names.keys()])
		.order('employee_no');
	if (agents.error) throw agents.error;
	return agents.data.map((a) => ({
		id: a.id,
		displayName: a.display_name,
		employeeNo: a.employee_no,
		teamId: a.team_id,
		teamName: names.get(a.team_id) ?? ''
	}));
}

/** Whether an agent's team calls out (an inbound agent has no call list). */
export async function isOutboundTeam(client: AppSupabaseClient, teamId: string): Promise<boolean> {
	const { data, error } = await client.from('teams').select('kind').eq('id', teamId).maybeSingle();
	if (error) throw error;
	return data?.kind === 'outbound';
}
