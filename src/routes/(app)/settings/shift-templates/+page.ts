// A site's shift templates (/settings/shift-templates): every member but a
// wall display reads them; supervisors, managers and admins add, change,
// archive and delete them. shift_setup_sites() gives the SQL's answer.
import {
	fetchQueues,
	fetchSeasons,
	fetchShiftSetupAccess,
	fetchTemplates,
	type QueueOption,
	type Season,
	type ShiftTemplate
} from '$lib/data/shift-setup';
import { errorText } from '$lib/errors';
import { sessionOf } from '$lib/shell/session';
import type { AppSupabaseClient } from '$lib/supabase';
import type { PageLoad } from './$types';

export type TemplatesSetup =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-allowed'; siteName: string }
	| {
			state: 'ready';
			client: AppSupabaseClient;
			siteId: string;
			templates: ShiftTemplate[];
			seasons: Season[];
			queues: QueueOption[];
			mayEdit: boolean;
	  };

const setup = (page: TemplatesSetup) => ({ page });

export const load = (async ({ parent, depends }) => {
	depends('app:shift-templates');
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { client, current } = session;
	try {
		const access = await fetchShiftSetupAccess(client, current.siteId);
		if (!access.mayRead) return setup({ state: 'not-allowed', siteName: current.siteName });
		const [templates, seasons, queues] = await Promise.all([
			fetchTemplates(client, current.siteId),
			fetchSeasons(client, current.siteId),
			fetchQueues(client, current.siteId)
		]);
		return setup({
			state: 'ready',
			client,
			siteId: current.siteId,
			templates,
			seasons,
			queues,
			mayEdit: access.mayEdit
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
