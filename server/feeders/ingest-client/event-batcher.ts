// The one way the feeders deliver events to the ingest: in order, in batches
// of at most 1,000, at least every flushMs while any wait. Resending is safe
// because the ingest ignores event ids it already has, so:
// - a transient failure (no answer, 408, 429, 5xx) sends the same batch again
//   after a pause that doubles up to maxBackoffMs, or as long as the server's
//   Retry-After asks; it is logged at most once per logEveryMs;
// - a batch refused for what is in it is split until each bad event stands
//   alone (at once when the server names it); each is reported with its index
//   in the stream and the reason, and the rest is delivered;
// - a fatal failure (a refused key, no ingest at that URL) stops delivery:
//   what is queued and what comes later is dropped and counted;
// - push() makes the producer wait while too much is queued, unless its
//   signal aborts, and flush(timeoutMs) bounds how long a stop can take.
import { MAX_BATCH_EVENTS, type IngestEvent } from './events.ts';
import { FailureLog } from './failure-log.ts';
import { SinkError, type IngestSink } from './ingest-sink.ts';
import { sleep } from './sleep.ts';

export interface BatcherOptions {
	/** Events per call at most (and never more than the ingest takes). */
	maxBatch?: number;
	/** How long a partial batch may wait before it is sent. */
	flushMs?: number;
	/** push() waits while more than this many events are queued. */
	maxQueued?: number;
	/** The first pause after a failure; each further one doubles, up to maxBackoffMs. */
	initialBackoffMs?: number;
	maxBackoffMs?: number;
	/** The least time between two reports of failing delivery. */
	logEveryMs?: number;
	log?: (line: string) => void;
	/** For tests: the clock of the failure log, and the pause between tries. */
	now?: () => number;
	sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface RejectedEvent {
	/** 0-based position of the event among all pushed to this batcher. */
	index: number;
	event_id: string;
	kind: string;
	reason: string;
}

export interface DeliveryStats {
	/** Calls that went through. */
	batches: number;
	accepted: number;
	duplicates: number;
	/** Failed tries that were tried again. */
	retries: number;
	/** Events the server refused one by one; the first REJECTIONS_KEPT are in `rejections`. */
	rejected: number;
	rejections: RejectedEvent[];
	/** Events never delivered: a stop ran out of time, or delivery had stopped for good. */
	dropped: number;
	/** Why delivery stopped for good, if it did. */
	fatal?: string;
}

/** Stats of a batcher that has sent nothing. */
export function noDelivery(): DeliveryStats {
	return { batches: 0, accepted: 0, duplicates: 0, retries: 0, rejected: 0, rejections: [], dropped: 0 };
}

interface Queued {
	event: IngestEvent;
	index: number;
}

const REJECTIONS_KEPT = 100;
const REJECTIONS_LOGGED = 20;
// A server asking for more than this is not waited for longer: the stop and the log must stay responsive.
const MAX_RETRY_AFTER_MS = 5 * 60_000;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class EventBatcher {
	readonly stats: DeliveryStats = noDelivery();
	readonly #sink: IngestSink;
	readonly #maxBatch: number;
	readonly #flushMs: number;
	readonly #maxQueued: number;
	readonly #initialBackoffMs: number;
	readonly #maxBackoffMs: number;
	readonly #log: (line: string) => void;
	readonly #failures: FailureLog;
	readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;
	/** Aborted when delivery stops for good (a stop's deadline, a fatal failure): retries stop waiting. */
	readonly #giveUp = new AbortController();
	#queue: Queued[] = [];
	/** The batch (or piece of a split one) being tried now: neither queued nor answered. */
	#held: Queued[] | undefined;
	#pushed = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** The one delivery loop; every send goes through it, so batches keep their order. */
	#pumping: Promise<void> | undefined;
	/** A batch under maxBatch may go out now (the flush timer or flush() asked). */
	#partial = false;

	constructor(sink: IngestSink, options: BatcherOptions = {}) {
		this.#sink = sink;
		this.#maxBatch = Math.min(options.maxBatch ?? MAX_BATCH_EVENTS, MAX_BATCH_EVENTS);
		this.#flushMs = options.flushMs ?? 500;
		this.#maxQueued = options.maxQueued ?? 10_000;
		this.#initialBackoffMs = options.initialBackoffMs ?? 250;
		this.#maxBackoffMs = options.maxBackoffMs ?? 30_000;
		this.#log = options.log ?? (() => {});
		this.#failures = new FailureLog(this.#log, options.logEveryMs ?? 60_000, options.now ?? Date.now);
		this.#sleep = options.sleep ?? sleep;
	}

	/** Events waiting to be sent (not counting a batch in flight). */
	get queued(): number {
		return this.#queue.length;
	}

	/** Delivery has stopped for good: what is pushed now is dropped. */
	get stopped(): boolean {
		return this.#giveUp.signal.aborted;
	}

	/** Queues events; waits while too many are queued, unless `signal` aborts (a stop must not hang on a dead server). */
	async push(events: readonly IngestEvent[], signal?: AbortSignal): Promise<void> {
		if (events.length === 0) return;
		if (this.stopped) {
			this.#pushed += events.length;
			this.stats.dropped += events.length;
			return;
		}
		for (const event of events) this.#queue.push({ event, index: this.#pushed++ });
		this.#schedule();
		if (this.#queue.length <= this.#maxQueued) return;
		let onAbort = () => {};
		const aborted = new Promise<void>((resolve) => (onAbort = resolve));
		signal?.addEventListener('abort', onAbort, { once: true });
		try {
			while (this.#queue.length > this.#maxQueued && this.#pumping && !this.stopped && !signal?.aborted) {
				await Promise.race([this.#pumping, aborted]);
			}
		} finally {
			// A long run waits here often: one listener left behind per wait would pile up on the signal.
			signal?.removeEventListener('abort', onAbort);
		}
	}

	/**
	 * Sends everything queued. Resolves true once it is delivered (refused events
	 * included: they were answered), false when delivery stopped for good or
	 * timeoutMs passed first (then the rest is dropped and counted).
	 */
	async flush(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
		let deadline: ReturnType<typeof setTimeout> | undefined;
		const timedOut = new Promise<false>((resolve) => {
			if (Number.isFinite(timeoutMs)) deadline = setTimeout(() => resolve(false), timeoutMs);
		});
		const drained = (async () => {
			while ((this.#queue.length > 0 || this.#pumping) && !this.stopped) await this.#pump(true);
			return !this.stopped;
		})();
		const ok = await Promise.race([drained, timedOut]);
		clearTimeout(deadline);
		if (!ok && !this.stopped) this.#log(`gave up on ${this.#stop()} undelivered event(s) after ${timeoutMs} ms`);
		return ok;
	}

	#schedule(): void {
		if (this.#queue.length >= this.#maxBatch) void this.#pump(false);
		else this.#timer ??= setTimeout(() => void this.#pump(true), this.#flushMs);
	}

	#pump(partial: boolean): Promise<void> {
		if (partial) this.#partial = true;
		if (this.#timer) {
			clearTimeout(this.#timer);
			this.#timer = undefined;
		}
		this.#pumping ??= this.#drain().finally(() => {
			this.#pumping = undefined;
			// Whatever arrived during the send waits at most flushMs more.
			if (this.#queue.length > 0 && !this.stopped) {
				if (this.#partial) void this.#pump(false);
				else this.#schedule();
			}
		});
		return this.#pumping;
	}

	async #drain(): Promise<void> {
		const more = () => this.#queue.length >= this.#maxBatch || (this.#partial && this.#queue.length > 0);
		while (more() && !this.stopped) await this.#deliver(this.#queue.splice(0, this.#maxBatch));
		if (this.#queue.length === 0) this.#partial = false;
	}

	/** Sends a batch until it is answered; a refused one is split, and it is dropped when delivery stops for good. */
	async #deliver(batch: Queued[]): Promise<void> {
		if (this.stopped) {
			this.stats.dropped += batch.length;
			return;
		}
		this.#held = batch;
		const refusal = await this.#send(batch);
		this.#held = undefined;
		if (refusal && !this.stopped) await this.#split(batch, refusal);
	}

	/**
	 * Tries the batch until the server answers it; returns the refusal when the
	 * server refused it as invalid. After a stop, whatever the call in flight
	 * brings is ignored: the batch was counted as dropped (a later run resends it).
	 */
	async #send(batch: Queued[]): Promise<SinkError | undefined> {
		let backoff = this.#initialBackoffMs;
		for (;;) {
			let failure: SinkError;
			try {
				const counts = await this.#sink(batch.map((q) => q.event));
				if (this.stopped) return undefined;
				this.stats.batches += 1;
				this.stats.accepted += counts.accepted;
				this.stats.duplicates += counts.duplicates;
				this.#failures.recovered();
				return undefined;
			} catch (err) {
				// Anything that is not a SinkError (a TypeError from fetch, say) is taken as transient.
				failure = err instanceof SinkError ? err : new SinkError(errorText(err), 'transient');
			}
			if (this.stopped) return undefined;
			if (failure.kind === 'invalid') return failure;
			if (failure.kind === 'fatal') {
				this.stats.fatal = failure.message;
				this.#log(`ingest_events refused: ${failure.message}; nothing more is sent`);
				this.#stop();
				return undefined;
			}
			this.stats.retries += 1;
			const pause = Math.min(failure.retryAfterMs ?? backoff, MAX_RETRY_AFTER_MS);
			this.#failures.failed(failure, pause);
			await this.#sleep(pause, this.#giveUp.signal);
			if (this.stopped) return undefined;
			backoff = Math.min(backoff * 2, this.#maxBackoffMs);
		}
	}

	/** A refused batch: the event the server named, or halves, until each bad event stands alone. */
	async #split(batch: Queued[], failure: SinkError): Promise<void> {
		const [only] = batch;
		if (batch.length === 1 && only) return this.#reject(only, failure.message);
		const bad = failure.badIndex === undefined ? undefined : batch[failure.badIndex];
		if (bad) {
			this.#reject(bad, failure.message);
			const rest = batch.filter((q) => q !== bad);
			return this.#deliver(rest);
		}
		const half = Math.ceil(batch.length / 2);
		await this.#deliver(batch.slice(0, half));
		await this.#deliver(batch.slice(half));
	}

	#reject({ event, index }: Queued, reason: string): void {
		this.stats.rejected += 1;
		const rejection = { index, event_id: event.event_id, kind: event.kind, reason };
		if (this.stats.rejections.length < REJECTIONS_KEPT) this.stats.rejections.push(rejection);
		if (this.stats.rejected <= REJECTIONS_LOGGED) {
			this.#log(`ingest refused event #${index} ${event.event_id} (${event.kind}): ${reason}`);
		} else if (this.stats.rejected === REJECTIONS_LOGGED + 1) {
			this.#log('more events refused; they are counted, and listed in the summary');
		}
	}

	/** Stops delivery for good: retries stop waiting; the queue and the batch being tried are dropped. */
	#stop(): number {
		this.#giveUp.abort();
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = undefined;
		const dropped = this.#queue.length + (this.#held?.length ?? 0);
		this.stats.dropped += dropped;
		this.#queue = [];
		this.#held = undefined;
		return dropped;
	}
}
