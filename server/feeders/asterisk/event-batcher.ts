// Sends events to the ingest in order, in batches of at most 1,000, at least
// once a second while any are waiting. A network failure (or a 5xx, 408, 429)
// is retried with exponential backoff, the same batch again, for as long as it
// takes: a batch is never dropped or overtaken. A batch the server refuses as
// invalid is split in halves until the bad events stand alone; those are
// reported and left out, the rest is delivered. Resending is safe because the
// ingest ignores event ids it already has.
import { MAX_BATCH_EVENTS, type IngestEvent } from '../../events/schema.ts';
import { retryWithBackoff, type BatchingOptions } from '../shared/batch-delivery.ts';
import { sleep } from '../shared/sleep.ts';

export interface IngestResult {
	accepted: number;
	duplicates: number;
}

/** Delivers one batch or throws; a SinkError says whether trying again can help. */
export type IngestSink = (events: IngestEvent[]) => Promise<IngestResult>;

export class SinkError extends Error {
	readonly retryable: boolean;
	constructor(message: string, retryable: boolean) {
		super(message);
		this.name = 'SinkError';
		this.retryable = retryable;
	}
}

export interface DeliveryStats {
	batches: number;
	accepted: number;
	duplicates: number;
	retries: number;
	/** Events the server refused one by one; ids and kinds only (no customer data is in events anyway). */
	rejected: { event_id: string; kind: string; error: string }[];
}

export interface BatcherOptions extends BatchingOptions {
	/** For tests: the pause between retries. */
	sleep?: (ms: number) => Promise<void>;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class EventBatcher {
	readonly #sink: IngestSink;
	readonly #maxBatch: number;
	readonly #flushMs: number;
	readonly #maxQueued: number;
	readonly #initialBackoffMs: number;
	readonly #maxBackoffMs: number;
	readonly #sleep: (ms: number) => Promise<void>;
	readonly #log: (line: string) => void;
	#queue: IngestEvent[] = [];
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** The one delivery loop; every send goes through it, so batches keep their order. */
	#pumping: Promise<void> | undefined;
	readonly stats: DeliveryStats = { batches: 0, accepted: 0, duplicates: 0, retries: 0, rejected: [] };

	constructor(sink: IngestSink, options: BatcherOptions = {}) {
		this.#sink = sink;
		this.#maxBatch = Math.min(options.maxBatch ?? MAX_BATCH_EVENTS, MAX_BATCH_EVENTS);
		this.#flushMs = options.flushMs ?? 1000;
		this.#maxQueued = options.maxQueued ?? 20_000;
		this.#initialBackoffMs = options.initialBackoffMs ?? 500;
		this.#maxBackoffMs = options.maxBackoffMs ?? 30_000;
		this.#sleep = options.sleep ?? ((ms) => sleep(ms));
		this.#log = options.log ?? (() => {});
	}

	/** Events waiting to be sent (not counting a batch in flight). */
	get queued(): number {
		return this.#queue.length;
	}

	async push(events: readonly IngestEvent[]): Promise<void> {
		if (events.length === 0) return;
		this.#queue.push(...events);
		if (this.#queue.length >= this.#maxBatch) this.#startPump(false);
		else this.#timer ??= setTimeout(() => this.#startPump(true), this.#flushMs);
		// Back-pressure: the reader waits instead of filling memory while the server is away.
		while (this.#queue.length > this.#maxQueued && this.#pumping) await this.#pumping;
	}

	/** Sends everything queued and resolves when it is delivered. */
	async flush(): Promise<void> {
		while (this.#queue.length > 0 || this.#pumping) {
			if (!this.#pumping) this.#startPump(true);
			await this.#pumping;
		}
	}

	#startPump(partial: boolean): void {
		if (this.#timer) {
			clearTimeout(this.#timer);
			this.#timer = undefined;
		}
		if (this.#pumping) return;
		this.#pumping = this.#pump(partial).finally(() => {
			this.#pumping = undefined;
			// Whatever arrived during the send waits at most flushMs more.
			if (this.#queue.length > 0) {
				if (this.#queue.length >= this.#maxBatch) this.#startPump(false);
				else this.#timer ??= setTimeout(() => this.#startPump(true), this.#flushMs);
			}
		});
	}

	async #pump(partial: boolean): Promise<void> {
		while (this.#queue.length >= this.#maxBatch || (partial && this.#queue.length > 0)) {
			const batch = this.#queue.splice(0, this.#maxBatch);
			await this.#deliver(batch);
		}
	}

	async #deliver(batch: IngestEvent[]): Promise<void> {
		const sent = await retryWithBackoff(() => this.#sink(batch), {
			initialMs: this.#initialBackoffMs,
			maxMs: this.#maxBackoffMs,
			sleep: this.#sleep,
			onFailure: (err, pauseMs) => {
				// Anything that is not a clear refusal (a thrown TypeError from fetch, say) is treated as transient.
				if (err instanceof SinkError && !err.retryable) return false;
				this.stats.retries += 1;
				this.#log(`ingest failed (${errorText(err)}); retrying ${batch.length} event(s) in ${pauseMs} ms`);
				return true;
			}
		});
		if (!sent.ok) return this.#refused(batch, errorText(sent.error));
		this.stats.batches += 1;
		this.stats.accepted += sent.value.accepted;
		this.stats.duplicates += sent.value.duplicates;
	}

	async #refused(batch: IngestEvent[], message: string): Promise<void> {
		const [only] = batch;
		if (batch.length === 1 && only) {
			this.stats.rejected.push({ event_id: only.event_id, kind: only.kind, error: message });
			this.#log(`ingest refused event ${only.event_id} (${only.kind}): ${message}`);
			return;
		}
		const half = Math.ceil(batch.length / 2);
		await this.#deliver(batch.slice(0, half));
		await this.#deliver(batch.slice(half));
	}
}
