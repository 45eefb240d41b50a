// The request inbox (/attendance/requests): for leads, supervisors, managers
// and admins, the requests waiting for their decision, those waiting for
// someone else, and the ones decided in the last 30 days. The database
// decides what each reads (a lead their team) and may decide.
import { fetchRequests, type AttendanceRequest } from '$lib/data/attendance-requests';
import { errorText } from '$lib/errors';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type RequestInbox =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'unavailable'; message: string }
	| { state: 'ready'; timeZone: string; requests: AttendanceRequest[] };

const inbox = (page: RequestInbox) => ({ page });

/** How far back decided requests are listed. */
const DAYS_BACK = 30;

export const load = (async ({ parent, depends }) => {
	depends('app:requests');
	const session = sessionOf((await parent()).shell);
	if (!session) return inbox({ state: 'none' });
	if (!roleMayUse(session.current.role, 'attendance')) return inbox({ state: 'not-allowed', session });
	try {
		const since = new Date(Date.now() - DAYS_BACK * 86_400_000).toISOString();
		const requests = await fetchRequests(session.client, session.current.siteId, since);
		return inbox({ state: 'ready', timeZone: session.current.timeZone, requests });
	} catch (err) {
		return inbox({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
