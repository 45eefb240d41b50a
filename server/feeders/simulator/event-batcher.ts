// Delivers events to the ingest in order: batches of at most 1,000, sent at
// least every 500 ms while any wait. A failed batch is retried with growing
// pauses until it goes through (replays are harmless: the ingest ignores ids
// it has), and the failure is logged at most once a minute so a server that
// is down for an hour does not flood the log. push() makes the producer wait
// while too much is queued, so a simulation at full speed cannot outrun it.
import { retryWithBackoff, type BatchingOptions } from '../shared/batch-delivery.ts';
import { sleep } from '../shared/sleep.ts';
import type { IngestEvent } from './ingest-event.ts';

export type IngestSink = (events: IngestEvent[]) => Promise<void>;

export interface BatcherOptions extends BatchingOptions {
	/** The least time between two failure reports. */
	logEveryMs?: number;
	now?: () => number;
}

export interface BatcherStats {
	delivered: number;
	batches: number;
	failures: number;
	dropped: number;
}

function errorText(err: unknown): string {
	return err instanceof Error ? err.message : String(err);
}

export class EventBatcher {
	readonly stats: BatcherStats = { delivered: 0, batches: 0, failures: 0, dropped: 0 };
	readonly #sink: IngestSink;
	readonly #maxBatch: number;
	readonly #flushMs: number;
	readonly #maxQueued: number;
	readonly #initialBackoffMs: number;
	readonly #maxBackoffMs: number;
	readonly #logEveryMs: number;
	readonly #log: (line: string) => void;
	readonly #now: () => number;
	/** Aborted when a final flush runs out of time: retries stop waiting. */
	readonly #giveUp = new AbortController();
	#queue: IngestEvent[] = [];
	#timer: ReturnType<typeof setTimeout> | undefined;
	#pumping: Promise<void> | undefined;
	#lastLog = -Infinity;
	#failuresSinceLog = 0;
	/** The last failure was logged and no recovery since. */
	#reported = false;
	/** A batch under maxBatch may go out now. */
	#partial = false;

	constructor(sink: IngestSink, options: BatcherOptions = {}) {
		this.#sink = sink;
		this.#maxBatch = options.maxBatch ?? 1000;
		this.#flushMs = options.flushMs ?? 500;
		this.#maxQueued = options.maxQueued ?? 10_000;
		this.#initialBackoffMs = options.initialBackoffMs ?? 250;
		this.#maxBackoffMs = options.maxBackoffMs ?? 30_000;
		this.#logEveryMs = options.logEveryMs ?? 60_000;
		this.#log = options.log ?? (() => {});
		this.#now = options.now ?? Date.now;
	}

	get queued(): number {
		return this.#queue.length;
	}

	/** Queues events; waits while too many are queued, unless `signal` aborts (a stop must not hang on a dead server). */
	async push(events: readonly IngestEvent[], signal?: AbortSignal): Promise<void> {
		if (this.#giveUp.signal.aborted) {
			this.stats.dropped += events.length;
			return;
		}
		for (const event of events) this.#queue.push(event);
		if (this.#queue.length >= this.#maxBatch) void this.#pump(false);
		else this.#timer ??= setTimeout(() => void this.#pump(true), this.#flushMs);
		if (this.#queue.length <= this.#maxQueued) return;
		const aborted = new Promise<void>((resolve) => {
			if (signal?.aborted) resolve();
			signal?.addEventListener('abort', () => resolve(), { once: true });
		});
		while (this.#queue.length > this.#maxQueued && this.#pumping && !this.#giveUp.signal.aborted && !signal?.aborted) {
			await Promise.race([this.#pumping, aborted]);
		}
	}

	/**
	 * Sends everything queued. Resolves true once delivered, or false after
	 * timeoutMs (the rest is dropped and counted: a stop must not hang on a
	 * server that is gone).
	 */
	async flush(timeoutMs = 10_000): Promise<boolean> {
		let deadline: ReturnType<typeof setTimeout> | undefined;
		const timedOut = new Promise<false>((resolve) => {
			deadline = setTimeout(() => resolve(false), timeoutMs);
		});
		const drained = (async () => {
			while (this.#queue.length > 0 && !this.#giveUp.signal.aborted) await this.#pump(true);
			return true as const;
		})();
		const ok = await Promise.race([drained, timedOut]);
		clearTimeout(deadline);
		if (!ok) {
			this.#giveUp.abort();
			this.stats.dropped += this.#queue.length;
			this.#log(`gave up on ${this.#queue.length} undelivered event(s) after ${timeoutMs} ms`);
			this.#queue = [];
		}
		return ok;
	}

	/** partial: also send a last batch under maxBatch (the flush timer or flush() asks for it). */
	#pump(partial: boolean): Promise<void> {
		if (partial) this.#partial = true;
		if (this.#timer) {
			clearTimeout(this.#timer);
			this.#timer = undefined;
		}
		this.#pumping ??= this.#drain().finally(() => {
			this.#pumping = undefined;
			if (this.#queue.length === 0 || this.#giveUp.signal.aborted) return;
			if (this.#queue.length >= this.#maxBatch || this.#partial) void this.#pump(false);
			else this.#timer ??= setTimeout(() => void this.#pump(true), this.#flushMs);
		});
		return this.#pumping;
	}

	async #drain(): Promise<void> {
		const more = () => this.#queue.length >= this.#maxBatch || (this.#partial && this.#queue.length > 0);
		while (more() && !this.#giveUp.signal.aborted) {
			const batch = this.#queue.slice(0, this.#maxBatch);
			if (!(await this.#deliver(batch))) return;
			this.#queue.splice(0, batch.length);
		}
		if (this.#queue.length === 0) this.#partial = false;
	}

	/** Tries until the sink takes the batch; false only when giving up. */
	async #deliver(batch: IngestEvent[]): Promise<boolean> {
		const giveUp = this.#giveUp.signal;
		const sent = await retryWithBackoff(() => this.#sink(batch), {
			initialMs: this.#initialBackoffMs,
			maxMs: this.#maxBackoffMs,
			sleep: (ms) => sleep(ms, giveUp),
			onFailure: (err, pauseMs) => {
				this.stats.failures += 1;
				this.#failed(err, pauseMs);
				return true;
			},
			stopped: () => giveUp.aborted
		});
		if (!sent.ok) return false;
		this.stats.delivered += batch.length;
		this.stats.batches += 1;
		this.#recovered();
		return true;
	}

	#failed(err: unknown, backoff: number): void {
		this.#failuresSinceLog += 1;
		const now = this.#now();
		if (now - this.#lastLog < this.#logEveryMs) return;
		const more = this.#failuresSinceLog > 1 ? ` (${this.#failuresSinceLog} failures since the last report)` : '';
		this.#log(`ingest_events failed: ${errorText(err)}${more}; retrying in ${backoff} ms`);
		this.#lastLog = now;
		this.#failuresSinceLog = 0;
		this.#reported = true;
	}

	/** Said only after a reported failure, so a flapping server still costs about two lines a minute. */
	#recovered(): void {
		if (this.#reported) this.#log('ingest_events is accepting events again');
		this.#reported = false;
		this.#failuresSinceLog = 0;
	}
}
