// Says that delivery is failing at most once per interval, with the number of
// failures in between, and says once that it recovered: a server that is down
// for an hour costs a line a minute, not one per retry.

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class FailureLog {
	readonly #log: (line: string) => void;
	readonly #everyMs: number;
	readonly #now: () => number;
	#lastLog = Number.NEGATIVE_INFINITY;
	#failuresSinceLog = 0;
	/** A failure was reported and no recovery since. */
	#reported = false;

	constructor(log: (line: string) => void, everyMs: number, now: () => number) {
		this.#log = log;
		this.#everyMs = everyMs;
		this.#now = now;
	}

	failed(err: unknown, pauseMs: number): void {
		this.#failuresSinceLog += 1;
		const now = this.#now();
		if (now - this.#lastLog < this.#everyMs) return;
		const more = this.#failuresSinceLog > 1 ? ` (${this.#failuresSinceLog} failures since the last report)` : '';
		this.#log(`ingest_events failed: ${errorText(err)}${more}; retrying in ${pauseMs} ms`);
		this.#lastLog = now;
		this.#failuresSinceLog = 0;
		this.#reported = true;
	}

	/** Said only after a reported failure, so a flapping server still costs about two lines a minute. */
	recovered(): void {
		if (this.#reported) this.#log('ingest_events is accepting events again');
		this.#reported = false;
		this.#failuresSinceLog = 0;
	}
}
