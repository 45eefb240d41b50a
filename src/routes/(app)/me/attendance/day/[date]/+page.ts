// The signed-in agent's own work date (/me/attendance/day/2026-11-10) on a
// phone: the result and why, the punches, every change made to it, and the
// appeal — filed here within the working days the policy allows, withdrawn
// while open, answered by a supervisor.
import { DAY_DEPENDENCY } from '$lib/attendance/fix-action.svelte';
import { isCalendarDate } from '$lib/calendar-date';
import { fetchAppealDeadline, fetchDayDetail, type DayDetail } from '$lib/data/attendance-day';
import { fetchOwnAgent } from '$lib/data/attendance-month';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type MyDaySetup =
	| { state: 'none' }
	| { state: 'not-agent' }
	| { state: 'not-found' }
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			detail: DayDetail;
			date: string;
			timeZone: string;
			today: string;
			/** Per judged day: the last date it can be appealed on (null while open). */
			deadlines: Record<string, string | null>;
	  };

const setup = (page: MyDaySetup) => ({ page });

export const load = (async ({ parent, params, depends }) => {
	depends(DAY_DEPENDENCY);
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const agentSites = session.memberships.filter((ms) => ms.role === 'agent');
	const membership = agentSites.find((ms) => ms.siteId === session.current.siteId) ?? agentSites[0];
	if (!membership) return setup({ state: 'not-agent' });
	if (!isCalendarDate(params.date)) return setup({ state: 'not-found' });
	try {
		const agent = await fetchOwnAgent(session.client, session.userId, membership.siteId);
		if (!agent) return setup({ state: 'not-agent' });
		const detail = await fetchDayDetail(session.client, agent.id, params.date);
		if (!detail) return setup({ state: 'not-found' });
		const deadlines = Object.fromEntries(
			await Promise.all(
				detail.days.map(async (day) => [day.id, await fetchAppealDeadline(session.client, day.id)] as const)
			)
		);
		return setup({
			state: 'ready',
			detail,
			date: params.date,
			timeZone: membership.timeZone,
			today: siteDay(Date.now(), membership.timeZone).date,
			deadlines
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
