// /attendance: the supervisor's Today — who is in, late, not in yet, on
// leave, absent so far or out on an outing, live. The rows come from the
// live resource the page owns, so the load only checks the role.
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return { page: { state: 'none' as const } };
	if (!roleMayUse(session.current.role, 'attendance')) return { page: { state: 'not-allowed' as const, session } };
	return { page: { state: 'ready' as const, session } };
}) satisfies PageLoad;
