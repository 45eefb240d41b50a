// Members (/members): who has which role at the site, for its admins
// (public.site_member_directory refuses everyone else).
import type { Tables } from '$lib/database.types';
import { errorText } from '$lib/errors';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export interface MemberRow {
	user_id: string;
	email: string;
	role: Tables<'members'>['role'];
	team: string | null;
	agent_name: string | null;
	created_at: string;
}

export type MembersSetup =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'unavailable'; message: string }
	| { state: 'ready'; siteName: string; members: MemberRow[] };

const setup = (page: MembersSetup) => ({ page });

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	if (!roleMayUse(session.current.role, 'members')) return setup({ state: 'not-allowed', session });
	const { client, current } = session;
	try {
		const [directory, teams] = await Promise.all([
			client.rpc('site_member_directory', { site_id: current.siteId }),
			client.from('teams').select('id, name').eq('site_id', current.siteId)
		]);
		if (directory.error) throw directory.error;
		if (teams.error) throw teams.error;
		const teamName = new Map(teams.data.map((t) => [t.id, t.name]));
		return setup({
			state: 'ready',
			siteName: current.siteName,
			members: directory.data.map((row) => ({
				user_id: row.user_id,
				email: row.email,
				role: row.role,
				team: row.team_id ? (teamName.get(row.team_id) ?? null) : null,
				agent_name: row.agent_name,
				created_at: row.created_at
			}))
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
