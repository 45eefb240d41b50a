// My swaps (/me/swaps): the swaps an agent proposed and the ones colleagues
// asked of them, from four weeks back on, with every step. The database
// decides what the agent reads (RLS: parties only).
import { addDays } from '$lib/calendar-date';
import { fetchMyAgent } from '$lib/data/my-schedule';
import { fetchSwaps, type Swap } from '$lib/data/swaps';
import { errorText } from '$lib/errors';
import { siteWeek } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type MySwaps =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-agent' }
	| { state: 'ready'; agentId: string; timeZone: string; swaps: Swap[] };

const swaps = (page: MySwaps) => ({ page });

/** How far back the page lists swaps: decided ones stay visible a while. */
const WEEKS_BACK = 4;

export const load = (async ({ parent, depends }) => {
	depends('app:swaps');
	const session = sessionOf((await parent()).shell);
	if (!session) return swaps({ state: 'none' });
	try {
		const agent = await fetchMyAgent(session.client, session.userId, session.current.siteId);
		if (!agent) return swaps({ state: 'not-agent' });
		const { timeZone, siteId } = session.current;
		const from = addDays(siteWeek(Date.now(), timeZone).date, -7 * WEEKS_BACK);
		return swaps({
			state: 'ready',
			agentId: agent.id,
			timeZone,
			swaps: await fetchSwaps(session.client, siteId, from)
		});
	} catch (err) {
		return swaps({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
