// The appeals inbox (/attendance/appeals; ?answered=1 lists answered ones
// too): the site's open appeals by the date they must be answered by, the
// overdue ones flagged, and for managers and admins the escalation count.
// Statement disputes are answered here, appeals of a day on the day's page.
// A lead sees their team's (RLS) and answers none.
import { fetchAppealInbox, fetchOverdueAppeals, type InboxAppeal } from '$lib/data/attendance-day';
import { errorText } from '$lib/errors';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type AppealInboxSetup =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			appeals: InboxAppeal[];
			includeAnswered: boolean;
			/** For managers and admins: how many open appeals are past their answer date. */
			overdue: number | null;
			/** Supervisors, managers and admins answer statement disputes here (appeals of a day on its page). */
			mayAnswer: boolean;
	  };

const setup = (page: AppealInboxSetup) => ({ page });

export const load = (async ({ parent, url, depends }) => {
	depends('app:attendance-appeals');
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { role, siteId } = session.current;
	if (!roleMayUse(role, 'attendance')) return setup({ state: 'not-allowed', session });
	const includeAnswered = url.searchParams.get('answered') === '1';
	try {
		const escalated = role === 'manager' || role === 'admin';
		const [appeals, overdue] = await Promise.all([
			fetchAppealInbox(session.client, siteId, includeAnswered),
			escalated ? fetchOverdueAppeals(session.client, siteId) : Promise.resolve(null)
		]);
		return setup({
			state: 'ready',
			appeals,
			includeAnswered,
			overdue: overdue === null ? null : overdue.length,
			mayAnswer: escalated || role === 'supervisor'
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
