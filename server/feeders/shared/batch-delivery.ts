// What the feeders' event batchers share: their tuning knobs, and the loop
// that tries one batch again with doubling pauses. Resending is safe because
// the ingest ignores event ids it already has; what counts as a failure worth
// retrying, and when to give up, each batcher decides.

export interface BatchingOptions {
	/** Events per call at most. */
	maxBatch?: number;
	/** How long a partial batch may wait before it is sent. */
	flushMs?: number;
	/** push() waits while more than this many events are queued (the sink is slow or down). */
	maxQueued?: number;
	/** The first pause after a failure; each further one doubles, up to maxBackoffMs. */
	initialBackoffMs?: number;
	maxBackoffMs?: number;
	log?: (line: string) => void;
}

export interface RetryOptions {
	initialMs: number;
	maxMs: number;
	sleep: (ms: number) => Promise<void>;
	/** Told each failure and the pause before the next try; false gives up at once. */
	onFailure: (err: unknown, pauseMs: number) => boolean;
	/** Asked after each pause; true gives up. */
	stopped?: () => boolean;
}

export type Retried<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Calls attempt until it resolves, or until onFailure or stopped gives up. */
export async function retryWithBackoff<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<Retried<T>> {
	let pause = options.initialMs;
	for (;;) {
		try {
			return { ok: true, value: await attempt() };
		} catch (error) {
			if (!options.onFailure(error, pause)) return { ok: false, error };
			await options.sleep(pause);
			if (options.stopped?.()) return { ok: false, error };
			pause = Math.min(pause * 2, options.maxMs);
		}
	}
}
