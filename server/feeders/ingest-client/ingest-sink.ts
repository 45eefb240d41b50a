// What the batcher sends batches through, and how a sink says a batch failed:
// whether sending it again can help, and what the server said about it.
import type { IngestEvent } from './events.ts';

export interface IngestCounts {
	accepted: number;
	duplicates: number;
}

/** Delivers one batch (in order, as one call) or throws; a SinkError says what kind of failure it was. */
export type IngestSink = (events: IngestEvent[]) => Promise<IngestCounts>;

/**
 * - `transient`: the server was away, slow or busy (no answer, 408, 429, 5xx): send the same batch again later.
 * - `invalid`: the server refused the batch for what is in it (400, 409, 413, 422): find the bad events.
 * - `fatal`: no batch can go through (a refused key, no ingest_events at that URL): stop.
 */
export type FailureKind = 'transient' | 'invalid' | 'fatal';

export class SinkError extends Error {
	readonly kind: FailureKind;
	/** How long the server asked us to wait (Retry-After), in ms. */
	readonly retryAfterMs: number | undefined;
	/** The 0-based index in the batch of the event the server named as bad, when it did. */
	readonly badIndex: number | undefined;

	constructor(message: string, kind: FailureKind, details: { retryAfterMs?: number; badIndex?: number } = {}) {
		super(message);
		this.name = 'SinkError';
		this.kind = kind;
		this.retryAfterMs = details.retryAfterMs;
		this.badIndex = details.badIndex;
	}
}

/** For --dry-run: takes every batch and sends nothing. */
export const dryRunSink: IngestSink = (events) => Promise.resolve({ accepted: events.length, duplicates: 0 });
