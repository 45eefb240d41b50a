// My day's live link: while the page that calls it lives, follows the
// agent's own topic and, on each change, reads the page's figures again
// (`app:my-stats`). Keyed on the agent, not the load, since every change
// re-runs the load; the effect's teardown leaves the channel.
import { untrack } from 'svelte';
import { handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';
import { invalidateLive } from './invalidate-live';
import { MyStatsChanges } from './my-stats-changes.svelte';

/** What the page's load depends on for its figures. */
export const MY_STATS_DEPENDENCY = 'app:my-stats';

async function reloadFigures(): Promise<void> {
	try {
		await invalidateLive(MY_STATS_DEPENDENCY);
	} catch (err) {
		handleError(err, m.myday_live_failed());
	}
}

/** Call during a component's setup; `current` is the live resource (for the live dot), null while none runs. */
export function followMyStats(
	agentId: () => string | null,
	client: () => AppSupabaseClient | undefined
): { readonly current: MyStatsChanges | null } {
	const live = $state<{ current: MyStatsChanges | null }>({ current: null });
	const id = $derived(agentId());
	$effect(() => {
		if (!id) return;
		const c = untrack(client);
		if (!c) return;
		const following = new MyStatsChanges({ client: c, agentId: id, onChange: () => void reloadFigures() });
		live.current = following;
		const stop = following.start();
		return () => {
			stop();
			live.current = null;
		};
	});
	return live;
}
