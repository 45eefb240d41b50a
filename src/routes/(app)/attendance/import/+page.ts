// /attendance/import: a supervisor, manager or admin imports a terminal
// export. The page reads the file in the browser and the database checks and
// stores it, so the load only checks the role.
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

const IMPORTERS = ['supervisor', 'manager', 'admin'];

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return { page: { state: 'none' as const } };
	if (!IMPORTERS.includes(session.current.role)) return { page: { state: 'not-allowed' as const, session } };
	return { page: { state: 'ready' as const, session } };
}) satisfies PageLoad;
