// The site's adherence rows for a board or page: fetched at start, every
// minute (grace periods run out and minutes add up without any event), and
// soon after the owner says agent states changed. A resource with an owner,
// like SiteLive: start() returns the teardown.
import { fetchAdherence, NO_ADHERENCE, type AdherenceRow } from '$lib/data/adherence';
import { handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';

const POLL_MS = 60_000;

export interface AdherenceFeedOptions {
	client: AppSupabaseClient;
	siteId: string;
}

export class AdherenceFeed {
	readonly siteId: string;
	readonly #client: AppSupabaseClient;

	#rows = $state.raw<ReadonlyMap<string, AdherenceRow>>(NO_ADHERENCE);
	#loaded = $state(false);

	// Not reactive: bookkeeping of the running resource.
	#timer: ReturnType<typeof setTimeout> | undefined;
	#generation = 0;
	#running = false;

	constructor(options: AdherenceFeedOptions) {
		this.#client = options.client;
		this.siteId = options.siteId;
	}

	/** By agent id, as last fetched. */
	readonly rows: ReadonlyMap<string, AdherenceRow> = $derived(this.#rows);
	/** true once a fetch has answered. */
	readonly loaded: boolean = $derived(this.#loaded);

	start(): () => void {
		if (this.#running) throw new Error('AdherenceFeed is already started');
		this.#running = true;
		this.refresh(0);
		const poll = setInterval(() => this.refresh(0), POLL_MS);
		return () => {
			this.#running = false;
			this.#generation++;
			clearInterval(poll);
			clearTimeout(this.#timer);
			this.#timer = undefined;
		};
	}

	/** Fetches again after `delayMs`; calls meanwhile fold into that one fetch. Nothing while stopped. */
	refresh(delayMs = 1_000): void {
		if (!this.#running || this.#timer !== undefined) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			const generation = ++this.#generation;
			fetchAdherence(this.#client, this.siteId).then(
				(rows) => {
					if (generation !== this.#generation) return;
					this.#rows = rows;
					this.#loaded = true;
				},
				(err: unknown) => {
					if (generation === this.#generation) handleError(err, m.adh_failed());
				}
			);
		}, delayMs);
	}
}
