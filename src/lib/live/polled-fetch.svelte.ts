// A value a board fetches at start, on a fixed poll, and soon after its
// owner says something changed (calls meanwhile fold into one fetch). A
// resource with an owner, like SiteLive: start() returns the teardown, which
// stops the poll, the pending fetch and any answer still on its way (a wall
// TV runs for weeks). Answers older than the latest fetch are dropped.
import { handleError } from '$lib/errors';

export interface PolledFetchOptions<T> {
	/** What it holds before the first answer. */
	initial: T;
	fetch: () => Promise<T>;
	pollMs: number;
	/** How long refresh() waits by default, so a burst of changes makes one fetch. */
	settleMs: number;
	/** The toast's words when a fetch fails. */
	failed: () => string;
}

export class PolledFetch<T> {
	readonly #options: PolledFetchOptions<T>;
	#value: T;
	#loaded = $state(false);

	// Not reactive: bookkeeping of the running resource.
	#timer: ReturnType<typeof setTimeout> | undefined;
	#generation = 0;
	#running = false;

	constructor(options: PolledFetchOptions<T>) {
		this.#options = options;
		this.#value = $state.raw(options.initial);
	}

	/** As last fetched. */
	get value(): T {
		return this.#value;
	}

	/** true once a fetch has answered. */
	get loaded(): boolean {
		return this.#loaded;
	}

	start(): () => void {
		if (this.#running) throw new Error(`${this.constructor.name} is already started`);
		this.#running = true;
		this.refresh(0);
		const poll = setInterval(() => this.refresh(0), this.#options.pollMs);
		return () => {
			this.#running = false;
			this.#generation++;
			clearInterval(poll);
			clearTimeout(this.#timer);
			this.#timer = undefined;
		};
	}

	/** Fetches again after `delayMs`; calls meanwhile fold into that one fetch. Nothing while stopped. */
	refresh(delayMs = this.#options.settleMs): void {
		if (!this.#running || this.#timer !== undefined) return;
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			const generation = ++this.#generation;
			this.#options.fetch().then(
				(value) => {
					if (generation !== this.#generation) return;
					this.#value = value;
					this.#loaded = true;
				},
				(err: unknown) => {
					if (generation === this.#generation) handleError(err, this.#options.failed());
				}
			);
		}, delayMs);
	}
}
