// One agent's month (/attendance/agent/<agent>/2026-12; without a month, the
// site's current one): every judged day with its explanation, for the
// agent's lead and the site's supervisors, managers and admins (RLS);
// their leave balances and ledger, which supervisors, managers and admins
// also change here (the panel reloads under LEAVE_DEPENDENCY).
import { firstOfMonth, lastOfMonth, shownMonth } from '$lib/attendance/month-view';
import { mayGrantLeave } from '$lib/attendance/leave/leave-words';
import { fetchAgent, fetchMonthDays, type MonthAgent, type MonthDay } from '$lib/data/attendance-month';
import { fetchBalances, type LeaveBalance } from '$lib/data/attendance-requests';
import { fetchLedger, LEAVE_DEPENDENCY, type LedgerEntry } from '$lib/data/leave-ledger';
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
			balances: LeaveBalance[];
			ledger: LedgerEntry[];
			/** The viewer's role at the agent's site lets them grant and take back leave. */
			mayGrant: boolean;
	  };

const setup = (page: AgentMonthSetup) => ({ page });

export const load = (async ({ parent, params, depends }) => {
	depends(LEAVE_DEPENDENCY);
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	if (!roleMayUse(session.current.role, 'attendance')) return setup({ state: 'not-allowed', session });
	try {
		const agent = await fetchAgent(session.client, params.agent);
		const membership = agent && session.memberships.find((ms) => ms.siteId === agent.site_id);
		if (!agent || !membership) return setup({ state: 'not-found' });
		const thisMonth = shownMonth(undefined, siteDay(Date.now(), membership.timeZone).date);
		const month = shownMonth(params.month, `${thisMonth}-01`);
		const [days, balances, ledger] = await Promise.all([
			fetchMonthDays(session.client, [agent.id], firstOfMonth(month), lastOfMonth(month)),
			fetchBalances(session.client, agent.id),
			fetchLedger(session.client, agent.id)
		]);
		return setup({
			state: 'ready',
			agent,
			timeZone: membership.timeZone,
			month,
			thisMonth,
			days,
			balances,
			ledger,
			mayGrant: mayGrantLeave(membership.role)
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
