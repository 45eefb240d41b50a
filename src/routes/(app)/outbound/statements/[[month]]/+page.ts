// A team's monthly statements side by side (/outbound/statements/2026-11?team=…):
// the team lead and the site's supervisors, managers and admins, and the
// team's own agents (the manual: every reward and penalty is visible to the
// whole team; amounts only, never a customer). Staff pick the outbound team.
import { shownMonth } from '$lib/attendance/month-view';
import {
	fetchOutboundTeams,
	fetchTeamStatements,
	type OutboundTeam,
	type TeamStatementRow
} from '$lib/data/statements';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type TeamStatementsSetup =
	| { state: 'none' }
	| { state: 'not-allowed' }
	| { state: 'no-team' }
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			/** Staff choose among the site's outbound teams; agents and leads see their own. */
			teams: OutboundTeam[];
			team: OutboundTeam;
			month: string;
			thisMonth: string;
			rows: TeamStatementRow[];
			staff: boolean;
			/** May open the rule editor (managers, admins). */
			rules: boolean;
	  };

const setup = (page: TeamStatementsSetup) => ({ page });

export const load = (async ({ parent, params, url }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { role, siteId, teamId, timeZone } = session.current;
	const staff = role === 'supervisor' || role === 'manager' || role === 'admin';
	if (!staff && role !== 'agent' && role !== 'lead') return setup({ state: 'not-allowed' });
	try {
		const outbound = await fetchOutboundTeams(session.client, siteId);
		const teams = staff ? outbound : outbound.filter((t) => t.id === teamId);
		const team = teams.find((t) => t.id === url.searchParams.get('team')) ?? teams[0];
		if (!team) return setup({ state: 'no-team' });
		const thisMonth = shownMonth(undefined, siteDay(Date.now(), timeZone).date);
		const month = shownMonth(params.month, `${thisMonth}-01`);
		const rows = await fetchTeamStatements(session.client, team.id, month);
		return setup({
			state: 'ready',
			teams,
			team,
			month,
			thisMonth,
			rows,
			staff,
			rules: role === 'manager' || role === 'admin'
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
