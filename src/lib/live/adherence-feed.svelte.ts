// The site's adherence rows for a board or page: fetched at start, every
// minute (grace periods run out and minutes add up without any event), and
// soon after the owner says agent states changed. A PolledFetch: start()
// returns the teardown.
import { fetchAdherence, NO_ADHERENCE, type AdherenceRow } from '$lib/data/adherence';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';
import { PolledFetch } from './polled-fetch.svelte';

export interface AdherenceFeedOptions {
	client: AppSupabaseClient;
	siteId: string;
}

export class AdherenceFeed extends PolledFetch<ReadonlyMap<string, AdherenceRow>> {
	readonly siteId: string;

	constructor({ client, siteId }: AdherenceFeedOptions) {
		super({
			initial: NO_ADHERENCE,
			fetch: () => fetchAdherence(client, siteId),
			pollMs: 60_000,
			settleMs: 1_000,
			failed: m.adh_failed
		});
		this.siteId = siteId;
	}

	/** By agent id, as last fetched. */
	get rows(): ReadonlyMap<string, AdherenceRow> {
		return this.value;
	}
}
