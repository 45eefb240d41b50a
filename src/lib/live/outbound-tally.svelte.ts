// Today's per-caller outbound tally, refetched (coalesced) when the board
// sees the campaign's intervals change, and every 15 s for re-grades, which
// change no interval. A resource with an owner, like SiteLive: start()
// fetches and polls, and returns the teardown.
import { fetchOutboundToday, type OutboundTallyRow } from '$lib/data/wall';
import { handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';

const POLL_MS = 15_000;

export interface OutboundTallyOptions {
	client: AppSupabaseClient;
	siteId: string;
}

export class OutboundTally {
	readonly siteId: string;
	readonly #client: AppSupabaseClient;

	#rows = $state.raw<readonly OutboundTallyRow[]>([]);
	#loaded = $state(false);

	// Not reactive: bookkeeping of the running resource.
	#timer: ReturnType<typeof setTimeout> | undefined;
	#generation = 0;
	#running = false;

	constructor(options: OutboundTallyOptions) {
		this.#client = options.client;
		this.siteId = options.siteId;
	}

	/** Per caller, as last fetched. */
	readonly rows: readonly OutboundTallyRow[] = $derived(this.#rows);
	/** true once a fetch has answered. */
	readonly loaded: boolean = $derived(this.#loaded);

	start(): () => void {
		if (this.#running) throw new Error('OutboundTally is already started');
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
	refresh(delayMs = 500): void {
		if (!this.#running || this.#timer !== undefined) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			const generation = ++this.#generation;
			fetchOutboundToday(this.#client, this.siteId).then(
				(rows) => {
					if (generation !== this.#generation) return;
					this.#rows = rows;
					this.#loaded = true;
				},
				(err: unknown) => {
					if (generation === this.#generation) handleError(err, m.wall_outbound_failed());
				}
			);
		}, delayMs);
	}
}
