// The site's attendance policy (/settings/attendance): every version with
// its knobs, for everyone offered Settings (leads and supervisors read it);
// the site's managers and admins also change it (save_attendance_policy
// refuses anyone else, so mayEdit only spares others a form they cannot use).
import { fetchPolicyVersions, POLICY_LOAD, type PolicyVersion } from '$lib/data/attendance-policy';
import { errorText } from '$lib/errors';
import { siteDay } from '$lib/live/site-time';
import { roleMayUse } from '$lib/shell/nav';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { AppSupabaseClient } from '$lib/supabase';
import type { PageLoad } from './$types';

export type PolicyPage =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'unavailable'; message: string }
	| {
			state: 'ready';
			client: AppSupabaseClient;
			siteId: string;
			siteName: string;
			timeZone: string;
			/** The site's date today (yyyy-mm-dd). */
			today: string;
			versions: PolicyVersion[];
			mayEdit: boolean;
	  };

const setup = (page: PolicyPage) => ({ page });

export const load = (async ({ parent, depends }) => {
	depends(POLICY_LOAD);
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { client, current } = session;
	if (!roleMayUse(current.role, 'settings')) return setup({ state: 'not-allowed', session });
	try {
		const versions = await fetchPolicyVersions(client, current.siteId);
		return setup({
			state: 'ready',
			client,
			siteId: current.siteId,
			siteName: current.siteName,
			timeZone: current.timeZone,
			today: siteDay(Date.now(), current.timeZone).date,
			versions,
			mayEdit: current.role === 'manager' || current.role === 'admin'
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
