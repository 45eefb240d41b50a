// Importing a call list (/outbound/leads/import): a team lead (or a
// manager) hands a file of leads to one of the outbound callers they see.
import { fetchOutboundCallers, type OutboundCaller } from '$lib/data/outbound-callers';
import { errorText } from '$lib/errors';
import { sessionOf } from '$lib/shell/session';
import type { PageLoad } from './$types';

export type LeadImport =
	| { state: 'none' }
	| { state: 'not-allowed' }
	| { state: 'unavailable'; message: string }
	| { state: 'ready'; siteId: string; callers: OutboundCaller[] };

const page = (p: LeadImport) => ({ page: p });

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return page({ state: 'none' });
	const { role, siteId } = session.current;
	// import_leads and lead_phone_owners answer team leads and managers only.
	if (role !== 'lead' && role !== 'manager') return page({ state: 'not-allowed' });
	try {
		return page({ state: 'ready', siteId, callers: await fetchOutboundCallers(session.client, siteId) });
	} catch (err) {
		return page({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
