import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBatcher, SinkError, type IngestResult } from './event-batcher.ts';
import type { IngestEvent } from '../../events/schema.ts';

function makeEvents(n: number, from = 0): IngestEvent[] {
	return Array.from({ length: n }, (_, i) => ({
		event_id: `e${from + i}`,
		site_id: '5a000000-0000-4000-8000-000000000001',
		kind: 'call_offered' as const,
		queue_id: '9e000000-0000-4000-8000-000000000001',
		call_id: `c${from + i}`,
		at: '2026-11-20T01:00:00.000Z'
	}));
}

/** A sink that records what it received and fails as told. */
function capture(fail: (batch: IngestEvent[], attempt: number) => Error | undefined = () => undefined) {
	const batches: string[][] = [];
	let attempt = 0;
	const sink = (batch: IngestEvent[]): Promise<IngestResult> => {
		attempt += 1;
		const error = fail(batch, attempt);
		if (error) return Promise.reject(error);
		batches.push(batch.map((e) => e.event_id));
		return Promise.resolve({ accepted: batch.length, duplicates: 0 });
	};
	return { sink, batches };
}

const noSleep = { sleep: () => Promise.resolve() };

afterEach(() => {
	vi.useRealTimers();
});

describe('EventBatcher', () => {
	it('sends at most 1,000 events a call, in order', async () => {
		const { sink, batches } = capture();
		const batcher = new EventBatcher(sink, noSleep);
		await batcher.push(makeEvents(1500));
		await batcher.push(makeEvents(1000, 1500));
		await batcher.flush();
		expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
		expect(batches.flat()).toEqual(makeEvents(2500).map((e) => e.event_id));
		expect(batcher.stats).toMatchObject({ batches: 3, accepted: 2500, retries: 0 });
	});

	it('sends a partial batch within a second', async () => {
		vi.useFakeTimers();
		const { sink, batches } = capture();
		const batcher = new EventBatcher(sink, noSleep);
		await batcher.push(makeEvents(3));
		await vi.advanceTimersByTimeAsync(999);
		expect(batches).toEqual([]);
		await batcher.push(makeEvents(2, 3));
		await vi.advanceTimersByTimeAsync(1);
		expect(batches).toEqual([['e0', 'e1', 'e2', 'e3', 'e4']]);
	});

	it('retries a network failure with growing backoff, then the same batch goes first', async () => {
		const sleeps: number[] = [];
		const { sink, batches } = capture((_, attempt) =>
			attempt <= 3 ? new SinkError('0 TypeError: fetch failed', true) : undefined
		);
		const batcher = new EventBatcher(sink, {
			sleep: (ms) => {
				sleeps.push(ms);
				return Promise.resolve();
			}
		});
		await batcher.push(makeEvents(1200));
		await batcher.flush();
		expect(sleeps).toEqual([500, 1000, 2000]);
		expect(batches.map((b) => b[0])).toEqual(['e0', 'e1000']);
		expect(batcher.stats).toMatchObject({ batches: 2, accepted: 1200, retries: 3, rejected: [] });
	});

	it('treats an unexpected thrown error as transient too', async () => {
		const { sink, batches } = capture((_, attempt) => (attempt === 1 ? new TypeError('fetch failed') : undefined));
		const batcher = new EventBatcher(sink, noSleep);
		await batcher.push(makeEvents(2));
		await batcher.flush();
		expect(batches).toEqual([['e0', 'e1']]);
	});

	it('isolates the events a server refuses and delivers the rest in order', async () => {
		const bad = new Set(['e7', 'e8', 'e600']);
		const { sink, batches } = capture((batch) =>
			batch.some((e) => bad.has(e.event_id)) ? new SinkError('400 22023 bad event', false) : undefined
		);
		const batcher = new EventBatcher(sink, noSleep);
		await batcher.push(makeEvents(1000));
		await batcher.flush();
		const delivered = batches.flat();
		expect(delivered).toEqual(
			makeEvents(1000)
				.map((e) => e.event_id)
				.filter((id) => !bad.has(id))
		);
		expect(batcher.stats.rejected.map((r) => r.event_id)).toEqual(['e7', 'e8', 'e600']);
		expect(batcher.stats.accepted).toBe(997);
	});

	it('makes push wait while too much is queued and the sink is stuck', async () => {
		let release: () => void = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		let calls = 0;
		const batcher = new EventBatcher(
			async (batch) => {
				calls += 1;
				await gate;
				return { accepted: batch.length, duplicates: 0 };
			},
			{ maxBatch: 10, maxQueued: 20, ...noSleep }
		);
		let pushed = false;
		const pushing = batcher.push(makeEvents(50)).then(() => (pushed = true));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(pushed).toBe(false);
		expect(calls).toBe(1);
		release();
		await pushing;
		await batcher.flush();
		expect(batcher.stats.accepted).toBe(50);
	});
});
