// The month's ranking of the site's callers (/outbound/ranking/2026-11):
// by confirmed visits, then deals, with the cut line of the monthly_ranking
// rule drawn — shown, never acted on. The site's staff and its agents.
import { shownMonth } from '$lib/attendance/month-view';
import { fetchRanking, type RankedCaller } from '$lib/data/statements';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type RankingSetup =
	| { state: 'none' }
	| { state: 'not-allowed' }
	| { state: 'unavailable'; message: string }
	| { state: 'ready'; siteName: string; month: string; thisMonth: string; callers: RankedCaller[]; rules: boolean };

const setup = (page: RankingSetup) => ({ page });

export const load = (async ({ parent, params }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { role, siteId, siteName, timeZone } = session.current;
	if (role === 'display' || role === 'kiosk') return setup({ state: 'not-allowed' });
	try {
		const thisMonth = shownMonth(undefined, siteDay(Date.now(), timeZone).date);
		const month = shownMonth(params.month, `${thisMonth}-01`);
		const callers = await fetchRanking(session.client, siteId, month);
		return setup({
			state: 'ready',
			siteName,
			month,
			thisMonth,
			callers,
			rules: role === 'manager' || role === 'admin'
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
