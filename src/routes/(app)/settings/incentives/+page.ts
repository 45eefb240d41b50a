// The site's incentive and penalty rules (/settings/incentives): every
// version of each rule with its dates, and, for managers and admins, a form
// to add a new version. Versions are never edited: a change is a new row.
import { fetchRuleVersions, type RuleVersion } from '$lib/data/incentive-rules';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { sessionOf } from '$lib/shell/session';
import type { AppSupabaseClient } from '$lib/supabase';
import type { PageLoad } from './$types';

export type IncentivesSetup =
	| { state: 'none' }
	| { state: 'not-allowed' }
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			client: AppSupabaseClient;
			siteId: string;
			siteName: string;
			today: string;
			versions: RuleVersion[];
	  };

const setup = (page: IncentivesSetup) => ({ page });

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { role, siteId, siteName, timeZone } = session.current;
	if (role !== 'manager' && role !== 'admin') return setup({ state: 'not-allowed' });
	try {
		const versions = await fetchRuleVersions(session.client, siteId);
		const today = siteDay(Date.now(), timeZone).date;
		return setup({ state: 'ready', client: session.client, siteId, siteName, today, versions });
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
