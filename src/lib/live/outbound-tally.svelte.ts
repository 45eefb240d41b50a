// Today's per-caller outbound tally, refetched (coalesced) when the board
// sees the campaign's intervals change, and every 15 s for re-grades, which
// change no interval. A PolledFetch: start() fetches and polls, and returns
// the teardown.
import { fetchOutboundToday, type OutboundTallyRow } from '$lib/data/wall';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';
import { PolledFetch } from './polled-fetch.svelte';

export interface OutboundTallyOptions {
	client: AppSupabaseClient;
	siteId: string;
}

export class OutboundTally extends PolledFetch<readonly OutboundTallyRow[]> {
	readonly siteId: string;

	constructor({ client, siteId }: OutboundTallyOptions) {
		super({
			initial: [],
			fetch: () => fetchOutboundToday(client, siteId),
			pollMs: 15_000,
			settleMs: 500,
			failed: m.wall_outbound_failed
		});
		this.siteId = siteId;
	}

	/** Per caller, as last fetched. */
	get rows(): readonly OutboundTallyRow[] {
		return this.value;
	}
}
