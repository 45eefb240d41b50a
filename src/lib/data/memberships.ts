// The signed-in user's memberships: at which sites they hold which app role.
// Two plain queries (the single-box REST API, like the app, does no resource
// embedding); RLS lets every user read their own memberships and sites.
import type { AppSupabaseClient } from '$lib/supabase';
import type { Tables } from '$lib/database.types';

export interface Membership {
	siteId: string;
	siteName: string;
	timeZone: string;
	role: Tables<'members'>['role'];
	teamId: string | null;
	/** The member's team's kind: an outbound caller is offered the call desk and the statement. */
	teamKind: Tables<'teams'>['kind'] | null;
}

export async function listMyMemberships(client: AppSupabaseClient, userId: string): Promise<Membership[]> {
	const members = await client.from('members').select('site_id, role, team_id').eq('user_id', userId);
	if (members.error) throw members.error;
	if (members.data.length === 0) return [];
	const sites = await client
		.from('sites')
		.select('id, name, time_zone')
		.in(
			'id',
			members.data.map((m) => m.site_id)
		);
	if (sites.error) throw sites.error;
	const byId = new Map(sites.data.map((s) => [s.id, s]));
	const teamIds = members.data.flatMap((m) => (m.team_id ? [m.team_id] : []));
	const teams = teamIds.length
		? await client.from('teams').select('id, kind').in('id', teamIds)
		: { data: [], error: null };
	if (teams.error) throw teams.error;
	const kindOf = new Map(teams.data.map((t) => [t.id, t.kind]));
	return members.data.map((m) => ({
		siteId: m.site_id,
		siteName: byId.get(m.site_id)?.name ?? m.site_id,
		timeZone: byId.get(m.site_id)?.time_zone ?? 'Asia/Shanghai',
		role: m.role,
		teamId: m.team_id,
		teamKind: m.team_id ? (kindOf.get(m.team_id) ?? null) : null
	}));
}
