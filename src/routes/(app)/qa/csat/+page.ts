// /qa/csat: survey results (客户满意度) arrive as a file; the browser reads it
// and the database checks and stores it, so the load only checks the role.
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type CsatSetup = { state: 'none' } | { state: 'not-allowed' } | { state: 'ready'; session: ShellSession };

/** public.import_csat's importers. */
const IMPORTERS: readonly string[] = ['qa', 'supervisor', 'manager', 'admin'];

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	const page: CsatSetup = !session
		? { state: 'none' }
		: IMPORTERS.includes(session.current.role)
			? { state: 'ready', session }
			: { state: 'not-allowed' };
	return { page };
}) satisfies PageLoad;
