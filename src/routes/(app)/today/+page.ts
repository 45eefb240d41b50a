// /today: the supervisor's floor now — who is where against the published
// schedule, and each queue's headline. The data is live (the page joins the
// site's wall topic like a board), so the load only checks the role.
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return { page: { state: 'none' as const } };
	if (!roleMayUse(session.current.role, 'today')) return { page: { state: 'not-allowed' as const, session } };
	return { page: { state: 'ready' as const, session } };
}) satisfies PageLoad;
