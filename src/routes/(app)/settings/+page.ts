// Settings of the shell's site: the links to its calendar, seasons and shift
// templates for every role that has Settings, and the wallboard settings
// when the database lets this user edit them (app.can_edit_board_settings),
// with the site's queues for the pickers.
import { fetchBoardSettings, fetchEditableSites } from '$lib/data/board-settings';
import { errorText } from '$lib/errors';
import { fetchSite, fetchWallDirectory, type QueueRow, type SiteRow } from '$lib/data/wall';
import { parseBoardSettings, DEFAULT_BOARD_SETTINGS, type BoardSettings } from '$lib/live/board-settings';
import { sessionOf } from '$lib/shell/session';
import type { AppSupabaseClient } from '$lib/supabase';
import type { PageLoad } from './$types';

export type SettingsSetup =
	| { state: 'none' }
	| { state: 'unavailable'; message: string }
	| { state: 'not-allowed'; siteName: string }
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

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { client, current } = session;
	try {
		const editable = await fetchEditableSites(client);
		if (!editable.has(current.siteId)) return setup({ state: 'not-allowed', siteName: current.siteName });
		const [site, row, directory] = await Promise.all([
			fetchSite(client, current.siteId),
			fetchBoardSettings(client, current.siteId),
			fetchWallDirectory(client, current.siteId)
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
