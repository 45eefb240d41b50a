// The signed-in agent's own attendance month (/me/attendance/2026-12;
// without a month, the site's current one), on a phone: every judged day
// with its explanation, each linking to the day's page (and its appeal).
import { firstOfMonth, lastOfMonth, shownMonth } from '$lib/attendance/month-view';
import { fetchMonthDays, fetchOwnAgent, type MonthAgent, type MonthDay } from '$lib/data/attendance-month';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type MyMonthSetup =
	| { state: 'none' }
	| { state: 'not-agent' }
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			agent: MonthAgent;
			siteName: string;
			timeZone: string;
			month: string;
			thisMonth: string;
			days: MonthDay[];
	  };

const setup = (page: MyMonthSetup) => ({ page });

export const load = (async ({ parent, params }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	// The site the shell shows when the user is an agent there, else the first site they are an agent at.
	const agentSites = session.memberships.filter((ms) => ms.role === 'agent');
	const membership = agentSites.find((ms) => ms.siteId === session.current.siteId) ?? agentSites[0];
	if (!membership) return setup({ state: 'not-agent' });
	try {
		const agent = await fetchOwnAgent(session.client, session.userId, membership.siteId);
		if (!agent) return setup({ state: 'not-agent' });
		const thisMonth = shownMonth(undefined, siteDay(Date.now(), membership.timeZone).date);
		const month = shownMonth(params.month, `${thisMonth}-01`);
		const days = await fetchMonthDays(session.client, [agent.id], firstOfMonth(month), lastOfMonth(month));
		return setup({
			state: 'ready',
			agent,
			siteName: membership.siteName,
			timeZone: membership.timeZone,
			month,
			thisMonth,
			days
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
