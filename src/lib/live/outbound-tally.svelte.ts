// Today's per-caller outbound tally, refetched (coalesced) when the board
// sees the campaign's intervals change, and every 15 s for re-grades, which
// change no interval. A resource with an owner: start() returns the teardown.
import { fetchOutboundToday, type OutboundTallyRow } from '$lib/data/wall';
import type { AppSupabaseClient } from '$lib/supabase';

const POLL_MS = 15_000;

export class OutboundTally {
	rows = $state.raw<readonly OutboundTallyRow[]>([]);
	loaded = $state(false);
	problem = $state<string | null>(null);
	readonly #client: AppSupabaseClient;
	readonly #siteId: string;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#generation = 0;
	#running = false;

	constructor(client: AppSupabaseClient, siteId: string) {
		this.#client = client;
		this.#siteId = siteId;
	}

	start(): () => void {
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

	/** Fetches again after `delayMs`; calls meanwhile fold into that one fetch. */
	refresh(delayMs = 500): void {
		if (!this.#running || this.#timer !== undefined) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			const generation = ++this.#generation;
			fetchOutboundToday(this.#client, this.#siteId).then(
				(rows) => {
					if (generation !== this.#generation) return;
					this.rows = rows;
					this.loaded = true;
					this.problem = null;
				},
				(err: unknown) => {
					if (generation === this.#generation) this.problem = err instanceof Error ? err.message : String(err);
				}
			);
		}, delayMs);
	}
}
