// A team's month as a calendar grid (/attendance/team/<team>/2026-12;
// without a month, the site's current one): one row per agent, one column
// per day, each agent's totals. For the team's lead and the site's
// supervisors, managers and admins (RLS decides the rows).
import { datesOfMonth, firstOfMonth, lastOfMonth, shownMonth } from '$lib/attendance/month-view';
import {
	fetchMonthDays,
	fetchTeam,
	fetchTeamAgents,
	type MonthAgent,
	type MonthDay,
	type MonthTeam
} from '$lib/data/attendance-month';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type TeamMonthSetup =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'unavailable'; message: string }
	| { state: 'not-found' }
	| {
			state: 'ready';
			team: MonthTeam;
			month: string;
			thisMonth: string;
			today: string;
			dates: string[];
			/** Active agents, and inactive ones with days in the month. */
			agents: MonthAgent[];
			days: MonthDay[];
	  };

const setup = (page: TeamMonthSetup) => ({ page });

export const load = (async ({ parent, params }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	if (!roleMayUse(session.current.role, 'attendance')) return setup({ state: 'not-allowed', session });
	try {
		const client = session.client;
		const team = await fetchTeam(client, params.team);
		const membership = team && session.memberships.find((ms) => ms.siteId === team.site_id);
		if (!team || !membership) return setup({ state: 'not-found' });
		const today = siteDay(Date.now(), membership.timeZone).date;
		const thisMonth = shownMonth(undefined, today);
		const month = shownMonth(params.month, today);
		const everyone = await fetchTeamAgents(client, team.id);
		const days = await fetchMonthDays(
			client,
			everyone.map((a) => a.id),
			firstOfMonth(month),
			lastOfMonth(month)
		);
		const withDays = new Set(days.map((d) => d.agent_id));
		const agents = everyone.filter((a) => a.active || withDays.has(a.id));
		return setup({ state: 'ready', team, month, thisMonth, today, dates: datesOfMonth(month), agents, days });
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
