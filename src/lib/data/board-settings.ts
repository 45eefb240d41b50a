// The per-site wallboard settings row (public.board_settings): read by every
// member, written by those app.can_edit_board_settings allows (RLS decides,
// and the settings page asks the same rule which sites it may offer).
import type { Json, Tables } from '$lib/database.types';
import type { BoardSettings } from '$lib/live/board-settings';
import type { AppSupabaseClient } from '$lib/supabase';

export type BoardSettingsRow = Tables<'board_settings'>;

export async function fetchBoardSettings(client: AppSupabaseClient, siteId: string): Promise<BoardSettingsRow | null> {
	const { data, error } = await client.from('board_settings').select('*').eq('site_id', siteId).maybeSingle();
	if (error) throw error;
	return data;
}

/** The sites whose board settings the signed-in user may edit (the rule is SQL's, written once). */
export async function fetchEditableSites(client: AppSupabaseClient): Promise<Set<string>> {
	const { data, error } = await client.rpc('board_settings_editable_sites');
	if (error) throw error;
	return new Set(data.map((row) => row.site_id));
}

/** Creates or replaces the site's settings; the caller validated them (zod). */
export async function saveBoardSettings(
	client: AppSupabaseClient,
	siteId: string,
	settings: BoardSettings
): Promise<BoardSettingsRow> {
	const { data, error } = await client
		.from('board_settings')
		.upsert({ site_id: siteId, settings: settings as unknown as Json }, { onConflict: 'site_id' })
		.select('*')
		.single();
	if (error) throw error;
	return data;
}
