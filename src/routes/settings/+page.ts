// The wallboard settings of a site whose settings the user may edit (the
// database says which: app.can_edit_board_settings; ?site= picks one of
// several), with its queues for the pickers.
import { fetchBoardSettings, fetchEditableSites } from '$lib/data/board-settings';
import { listMyMemberships } from '$lib/data/memberships';
import { errorText } from '$lib/errors';
import { fetchSite, fetchWallDirectory, type QueueRow, type SiteRow } from '$lib/data/wall';
import { parseBoardSettings, DEFAULT_BOARD_SETTINGS, type BoardSettings } from '$lib/live/board-settings';
import { getSupabase, type AppSupabaseClient } from '$lib/supabase';
import type { PageLoad } from './$types';

export type SettingsSetup =
	| { state: 'unavailable'; message: string }
	| { state: 'signed-out' }
	| { state: 'not-allowed' }
	| {
			state: 'ready';
			client: AppSupabaseClient;
			site: SiteRow;
			queues: QueueRow[];
			settings: BoardSettings;
			/** Problems of the stored document, when it no longer validates. */
			storedProblems: string[] | null;
	  };

const setup = (page: SettingsSetup) => ({ page });

export const load = (async ({ parent, url }) => {
	const { config, configError } = await parent();
	if (!config) return setup({ state: 'unavailable', message: configError ?? '' });
	const client = getSupabase(config);
	try {
		const { data, error } = await client.auth.getSession();
		if (error) throw error;
		if (!data.session) return setup({ state: 'signed-out' });
		const [all, editable] = await Promise.all([
			listMyMemberships(client, data.session.user.id),
			fetchEditableSites(client)
		]);
		const memberships = all.filter((m) => editable.has(m.siteId));
		const membership = memberships.find((m) => m.siteId === url.searchParams.get('site')) ?? memberships[0];
		if (!membership) return setup({ state: 'not-allowed' });
		const [site, row, directory] = await Promise.all([
			fetchSite(client, membership.siteId),
			fetchBoardSettings(client, membership.siteId),
			fetchWallDirectory(client, membership.siteId)
		]);
		const stored = parseBoardSettings(row?.settings ?? {});
		return setup({
			state: 'ready',
			client,
			site,
			queues: directory.queues,
			settings: stored.ok ? stored.settings : DEFAULT_BOARD_SETTINGS,
			storedProblems: stored.ok ? null : stored.problems
		});
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
