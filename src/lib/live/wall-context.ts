// The board state shared by every wallboard under /wall: one SiteLive per
// site, owned by the wall layout, handed down as a typed context (a getter,
// so boards follow when the layout swaps it for another site).
import { createContext } from 'svelte';
import type { SiteRow } from '$lib/data/wall';
import type { AppSupabaseClient } from '$lib/supabase';
import type { SiteLive } from './site-live.svelte';

export interface WallContext {
	live: SiteLive;
	site: SiteRow;
	client: AppSupabaseClient;
}

export const [getWallContext, setWallContext] = createContext<() => WallContext>();
