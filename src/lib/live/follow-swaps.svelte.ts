// The swap pages' live link (My swaps, the planners' desk): while the page
// that calls it lives, follows the given topics and, on each change, reads
// the swap list (`app:swaps`) and the menu's counts again. One owner per
// page, keyed on the topics rather than the load, since every change re-runs
// the load; the effect's teardown leaves the channels.
import { untrack } from 'svelte';
import { handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import { navCounts } from '$lib/shell/nav-counts.svelte';
import type { AppSupabaseClient } from '$lib/supabase';
import { invalidateLive } from './invalidate-live';
import { SwapChanges } from './swap-changes.svelte';

async function reloadSwaps(): Promise<void> {
	try {
		// The badge counts what waits for the user: it follows the list.
		await Promise.all([invalidateLive('app:swaps'), navCounts.refresh()]);
	} catch (err) {
		handleError(err, m.swap_live_failed());
	}
}

/** Call during a component's setup; `current` is the live resource (for the live dot), null while none runs. */
export function followSwaps(
	topics: () => readonly string[],
	client: () => AppSupabaseClient | undefined
): { readonly current: SwapChanges | null } {
	const live = $state<{ current: SwapChanges | null }>({ current: null });
	const key = $derived(topics().join(' '));
	$effect(() => {
		if (!key) return;
		const c = untrack(client);
		if (!c) return;
		const following = new SwapChanges({ client: c, topics: key.split(' '), onChange: () => void reloadSwaps() });
		live.current = following;
		const stop = following.start();
		return () => {
			stop();
			live.current = null;
		};
	});
	return live;
}
