// My requests (/me/requests): an agent's leave balances and the requests
// they filed in the last 60 days (pending ones always). The database
// decides what the agent reads (RLS and the functions: their own only).
import { fetchBalances, fetchRequests, type AttendanceRequest, type LeaveBalance } from '$lib/data/attendance-requests';
import { fetchMyAgent } from '$lib/data/my-schedule';
import { errorText } from '$lib/errors';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type MyRequests =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-agent' }
	| { state: 'ready'; agentId: string; timeZone: string; requests: AttendanceRequest[]; balances: LeaveBalance[] };

const mine = (page: MyRequests) => ({ page });

/** How far back decided requests stay listed. */
const DAYS_BACK = 60;

export const load = (async ({ parent, depends }) => {
	depends('app:requests');
	const session = sessionOf((await parent()).shell);
	if (!session) return mine({ state: 'none' });
	try {
		const agent = await fetchMyAgent(session.client, session.userId, session.current.siteId);
		if (!agent) return mine({ state: 'not-agent' });
		const since = new Date(Date.now() - DAYS_BACK * 86_400_000).toISOString();
		const [requests, balances] = await Promise.all([
			fetchRequests(session.client, session.current.siteId, since),
			fetchBalances(session.client, agent.id)
		]);
		return mine({
			state: 'ready',
			agentId: agent.id,
			timeZone: session.current.timeZone,
			requests: requests.filter((r) => r.agent_id === agent.id),
			balances
		});
	} catch (err) {
		return mine({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
