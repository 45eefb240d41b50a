// One agent's work date (/attendance/day/<agent>/2026-11-10) for the agent's
// lead and the site's supervisors, managers and admins: the judged result
// and why, the punches with where they came from, overrides, appeals and
// every change recorded. Supervisors, managers and admins also correct it
// here; a lead reads (RLS and the functions decide, the page only offers).
import { DAY_DEPENDENCY } from '$lib/attendance/fix-action.svelte';
import { isCalendarDate } from '$lib/calendar-date';
import { fetchDayDetail, type DayDetail } from '$lib/data/attendance-day';
import { errorText } from '$lib/errors';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type DayPageSetup =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'unavailable'; message: string }
	| { state: 'not-found' }
	| {
			state: 'ready';
			detail: DayDetail;
			date: string;
			timeZone: string;
			/** May correct punches and results, and answer appeals (supervisor, manager, admin). */
			corrector: boolean;
			/** May change a locked month (manager, admin). */
			manager: boolean;
	  };

const setup = (page: DayPageSetup) => ({ page });

export const load = (async ({ parent, params, depends }) => {
	depends(DAY_DEPENDENCY);
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	if (!roleMayUse(session.current.role, 'attendance')) return setup({ state: 'not-allowed', session });
	if (!isCalendarDate(params.date)) return setup({ state: 'not-found' });
	try {
		const detail = await fetchDayDetail(session.client, params.agent, params.date);
		const membership = detail && session.memberships.find((ms) => ms.siteId === detail.agent.site_id);
		if (!detail || !membership) return setup({ state: 'not-found' });
		return setup({
			state: 'ready',
			detail,
			date: params.date,
			timeZone: membership.timeZone,
			corrector: ['supervisor', 'manager', 'admin'].includes(membership.role),
			manager: ['manager', 'admin'].includes(membership.role)
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
