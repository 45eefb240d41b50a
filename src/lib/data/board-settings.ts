// The per-site wallboard settings row (public.board_settings): read by every
// member, written by supervisors, managers and admins (RLS decides).
import type { Json, Tables } from '$lib/database.types';
import type { BoardSettings } from '$lib/live/board-settings';
import type { AppSupabaseClient } from '$lib/supabase';

export type BoardSettingsRow = Tables<'board_settings'>;

export async function fetchBoardSettings(client: AppSupabaseClient, siteId: string): Promise<BoardSettingsRow | null> {
	const { data, error } = await client.from('board_settings').select('*').eq('site_id', siteId).maybeSingle();
	if (error) throw error;
	return data;
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
