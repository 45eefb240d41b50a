// The board state shared by every wallboard under /wall: one SiteLive per
// site, owned by the wall layout, handed down as a typed context (a getter,
// so boards follow when the layout swaps it for another site), with the
// screen's tools (language, full screen) that each board's header shows.
import { createContext, type Snippet } from 'svelte';
import type { SiteRow } from '$lib/data/wall';
import type { AppSupabaseClient } from '$lib/supabase';
import type { SiteLive } from './site-live.svelte';

export interface WallContext {
	live: SiteLive;
	site: SiteRow;
	client: AppSupabaseClient;
	/** Drawn in the board's header, never over the numbers; hidden while the pointer rests. */
	tools?: Snippet;
}

export const [getWallContext, setWallContext] = createContext<() => WallContext>();
