// One agent's month (/attendance/agent/<agent>/2026-12; without a month, the
// site's current one): every judged day with its explanation, for the
// agent's lead and the site's supervisors, managers and admins (RLS).
import { firstOfMonth, lastOfMonth, shownMonth } from '$lib/attendance/month-view';
import { fetchAgent, fetchMonthDays, type MonthAgent, type MonthDay } from '$lib/data/attendance-month';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type AgentMonthSetup =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'unavailable'; message: string }
	| { state: 'not-found' }
	| {
			state: 'ready';
			agent: MonthAgent;
			timeZone: string;
			month: string;
			thisMonth: string;
			days: MonthDay[];
	  };

const setup = (page: AgentMonthSetup) => ({ page });

export const load = (async ({ parent, params }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	if (!roleMayUse(session.current.role, 'attendance')) return setup({ state: 'not-allowed', session });
	try {
		const agent = await fetchAgent(session.client, params.agent);
		const membership = agent && session.memberships.find((ms) => ms.siteId === agent.site_id);
		if (!agent || !membership) return setup({ state: 'not-found' });
		const thisMonth = shownMonth(undefined, siteDay(Date.now(), membership.timeZone).date);
		const month = shownMonth(params.month, `${thisMonth}-01`);
		const days = await fetchMonthDays(session.client, [agent.id], firstOfMonth(month), lastOfMonth(month));
		return setup({ state: 'ready', agent, timeZone: membership.timeZone, month, thisMonth, days });
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
