// The signed-in caller's own monthly statement (/me/statement/2026-11;
// without a month, the site's current one), on a phone: every reward,
// penalty, leave credit and flag in words with the facts behind it, and
// the caller's disputes of its lines with the last day to file one.
import { shownMonth } from '$lib/attendance/month-view';
import { fetchOwnAgent, type MonthAgent } from '$lib/data/attendance-month';
import { fetchStatementAppealDeadline, fetchStatementAppeals, type StatementAppeal } from '$lib/data/statement-appeals';
import { fetchAgentStatement, fetchOutboundTeams, type StatementLine } from '$lib/data/statements';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import { MY_STATEMENT_DEPENDENCY } from '$lib/statements/disputes';
import type { PageLoad } from './$types';

export type MyStatementSetup =
	| { state: 'none' }
	| { state: 'not-agent' }
	| { state: 'not-caller' }
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			agent: MonthAgent;
			siteName: string;
			timeZone: string;
			month: string;
			thisMonth: string;
			/** The site's date today. */
			today: string;
			lines: StatementLine[];
			appeals: StatementAppeal[];
			/** The last site date the month can be disputed on; null while the site calendar does not reach it. */
			deadline: string | null;
	  };

const setup = (page: MyStatementSetup) => ({ page });

export const load = (async ({ parent, params, depends }) => {
	depends(MY_STATEMENT_DEPENDENCY);
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const agentSites = session.memberships.filter((ms) => ms.role === 'agent');
	const membership = agentSites.find((ms) => ms.siteId === session.current.siteId) ?? agentSites[0];
	if (!membership) return setup({ state: 'not-agent' });
	try {
		const [agent, teams] = await Promise.all([
			fetchOwnAgent(session.client, session.userId, membership.siteId),
			fetchOutboundTeams(session.client, membership.siteId)
		]);
		if (!agent) return setup({ state: 'not-agent' });
		// The manual's rules are the outbound callers'; an inbound agent has no statement.
		if (!teams.some((team) => team.id === agent.team_id)) return setup({ state: 'not-caller' });
		const today = siteDay(Date.now(), membership.timeZone).date;
		const thisMonth = shownMonth(undefined, today);
		const month = shownMonth(params.month, `${thisMonth}-01`);
		const [lines, appeals, deadline] = await Promise.all([
			fetchAgentStatement(session.client, agent.id, month),
			fetchStatementAppeals(session.client, agent.id, month),
			fetchStatementAppealDeadline(session.client, agent.id, month)
		]);
		return setup({
			state: 'ready',
			agent,
			siteName: membership.siteName,
			timeZone: membership.timeZone,
			month,
			thisMonth,
			today,
			lines,
			appeals,
			deadline
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
