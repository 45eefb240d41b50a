import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBatcher } from './event-batcher.ts';
import type { IngestEvent } from './events.ts';
import { SinkError, type IngestCounts } from './ingest-sink.ts';
import { DEMO_SITE, QUEUE } from '../../../tests/support/demo.ts';

function makeEvents(n: number, from = 0): IngestEvent[] {
	return Array.from({ length: n }, (_, i) => ({
		event_id: `e${from + i}`,
		site_id: DEMO_SITE,
		kind: 'call_offered' as const,
		queue_id: QUEUE.sales,
		call_id: `c${from + i}`,
		at: '2026-11-20T01:00:00.000Z'
	}));
}
const ids = (events: IngestEvent[]) => events.map((e) => e.event_id);

/** A sink that records what it took and fails as told (by the batch and the 1-based attempt). */
function capture(fail: (batch: IngestEvent[], attempt: number) => Error | undefined = () => undefined) {
	const batches: string[][] = [];
	let attempt = 0;
	const sink = (batch: IngestEvent[]): Promise<IngestCounts> => {
		attempt += 1;
		const error = fail(batch, attempt);
		if (error) return Promise.reject(error);
		batches.push(ids(batch));
		return Promise.resolve({ accepted: batch.length, duplicates: 0 });
	};
	return { sink, batches, attempts: () => attempt };
}

/** Pauses that return at once, and the list of pauses asked for. */
function instantSleep() {
	const pauses: number[] = [];
	return { pauses, sleep: (ms: number) => (pauses.push(ms), Promise.resolve()) };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
	vi.useRealTimers();
});

describe('EventBatcher: batching', () => {
	it('sends at most 1,000 events a call, in order, and the rest on flush', async () => {
		const { sink, batches } = capture();
		const batcher = new EventBatcher(sink);
		for (let i = 0; i < 25; i++) await batcher.push(makeEvents(100, i * 100));
		expect(await batcher.flush()).toBe(true);
		expect(batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
		expect(batches.flat()).toEqual(ids(makeEvents(2500)));
		expect(batcher.stats).toMatchObject({ batches: 3, accepted: 2500, retries: 0, rejected: 0, dropped: 0 });
	});

	it('never sends more than the ingest takes, whatever maxBatch says', async () => {
		const { sink, batches } = capture();
		const batcher = new EventBatcher(sink, { maxBatch: 5000 });
		await batcher.push(makeEvents(1500));
		await batcher.flush();
		expect(batches.map((b) => b.length)).toEqual([1000, 500]);
	});

	it('sends a partial batch within flushMs without being asked', async () => {
		vi.useFakeTimers();
		const { sink, batches } = capture();
		const batcher = new EventBatcher(sink, { flushMs: 500 });
		await batcher.push(makeEvents(3));
		await vi.advanceTimersByTimeAsync(499);
		expect(batches).toEqual([]);
		await batcher.push(makeEvents(2, 3));
		await vi.advanceTimersByTimeAsync(1);
		expect(batches).toEqual([['e0', 'e1', 'e2', 'e3', 'e4']]);
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
			{ maxBatch: 10, maxQueued: 20 }
		);
		let pushed = false;
		const pushing = batcher.push(makeEvents(50)).then(() => (pushed = true));
		await wait(20);
		expect(pushed).toBe(false);
		expect(calls).toBe(1);
		release();
		await pushing;
		expect(batcher.queued).toBeLessThanOrEqual(20);
		expect(await batcher.flush()).toBe(true);
		expect(batcher.stats.accepted).toBe(50);
	});

	it('lets a waiting producer go when its signal aborts, even with the sink down', async () => {
		const batcher = new EventBatcher(() => Promise.reject(new Error('down')), {
			maxBatch: 10,
			maxQueued: 20,
			initialBackoffMs: 5
		});
		const stop = new AbortController();
		let returned = false;
		const pushing = batcher.push(makeEvents(50), stop.signal).then(() => (returned = true));
		await wait(50);
		expect(returned).toBe(false);
		stop.abort();
		await pushing;
		expect(await batcher.flush(50)).toBe(false);
		expect(batcher.stats.dropped).toBe(50);
	});
});

describe('EventBatcher: transient failures', () => {
	it('retries with doubling pauses, then the same batch goes first', async () => {
		const { pauses, sleep } = instantSleep();
		const { sink, batches } = capture((_, attempt) =>
			attempt <= 3 ? new SinkError('0 TypeError: fetch failed', 'transient') : undefined
		);
		const batcher = new EventBatcher(sink, { sleep, initialBackoffMs: 500 });
		await batcher.push(makeEvents(1200));
		await batcher.flush();
		expect(pauses).toEqual([500, 1000, 2000]);
		expect(batches.map((b) => b[0])).toEqual(['e0', 'e1000']);
		expect(batcher.stats).toMatchObject({ batches: 2, accepted: 1200, retries: 3, rejected: 0, dropped: 0 });
	});

	it('caps the pause at maxBackoffMs', async () => {
		const { pauses, sleep } = instantSleep();
		const { sink } = capture((_, attempt) => (attempt <= 5 ? new SinkError('503', 'transient') : undefined));
		const batcher = new EventBatcher(sink, { sleep, initialBackoffMs: 100, maxBackoffMs: 500 });
		await batcher.push(makeEvents(1));
		await batcher.flush();
		expect(pauses).toEqual([100, 200, 400, 500, 500]);
	});

	it('waits as long as Retry-After asks (a database restarting), however short the backoff', async () => {
		const { pauses, sleep } = instantSleep();
		const { sink, batches } = capture((_, attempt) =>
			attempt <= 2 ? new SinkError('503 PGRST000 database restarting', 'transient', { retryAfterMs: 3000 }) : undefined
		);
		const batcher = new EventBatcher(sink, { sleep, initialBackoffMs: 250 });
		await batcher.push(makeEvents(3));
		await batcher.flush();
		expect(pauses).toEqual([3000, 3000]);
		expect(batches).toEqual([['e0', 'e1', 'e2']]);
	});

	it('treats an unexpected thrown error as transient too', async () => {
		const { sleep } = instantSleep();
		const { sink, batches } = capture((_, attempt) => (attempt === 1 ? new TypeError('fetch failed') : undefined));
		const batcher = new EventBatcher(sink, { sleep });
		await batcher.push(makeEvents(2));
		await batcher.flush();
		expect(batches).toEqual([['e0', 'e1']]);
		expect(batcher.stats.retries).toBe(1);
	});

	it('logs the first failure, then no more than once a minute, and says when it recovers', async () => {
		const lines: string[] = [];
		let now = 0;
		const { sleep } = instantSleep();
		const { sink } = capture((_, attempt) => {
			now += 40_000;
			return attempt <= 3 ? new Error('HTTP 503: down for maintenance') : undefined;
		});
		const batcher = new EventBatcher(sink, {
			sleep,
			initialBackoffMs: 1,
			log: (line) => lines.push(line),
			now: () => now
		});
		await batcher.push(makeEvents(1));
		await batcher.flush();
		expect(lines).toEqual([
			'ingest_events failed: HTTP 503: down for maintenance; retrying in 1 ms',
			// 40 s after the first report: held back; 80 s after: reported with the count.
			'ingest_events failed: HTTP 503: down for maintenance (2 failures since the last report); retrying in 4 ms',
			'ingest_events is accepting events again'
		]);
	});

	it('says nothing about recovering when no failure was reported', async () => {
		const lines: string[] = [];
		const { sink } = capture();
		const batcher = new EventBatcher(sink, { log: (line) => lines.push(line) });
		await batcher.push(makeEvents(2));
		await batcher.flush();
		expect(lines).toEqual([]);
	});

	it('gives up on a flush that cannot deliver in time, instead of hanging, and drops what comes later', async () => {
		const lines: string[] = [];
		const batcher = new EventBatcher(() => Promise.reject(new Error('connection refused')), {
			initialBackoffMs: 5,
			log: (line) => lines.push(line)
		});
		await batcher.push(makeEvents(10));
		const started = Date.now();
		expect(await batcher.flush(200)).toBe(false);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(batcher.stats.dropped).toBe(10);
		expect(lines.at(-1)).toMatch(/gave up on 10 undelivered event\(s\) after 200 ms/);
		await batcher.push(makeEvents(1));
		expect(batcher.stats.dropped).toBe(11);
		expect(batcher.stopped).toBe(true);
	});
});

describe('EventBatcher: refused batches', () => {
	it('isolates the events a server refuses by halving, and delivers the rest in order', async () => {
		const bad = new Set(['e7', 'e8', 'e600']);
		const { sink, batches } = capture((batch) =>
			batch.some((e) => bad.has(e.event_id)) ? new SinkError('400 22023 bad event', 'invalid') : undefined
		);
		const batcher = new EventBatcher(sink);
		await batcher.push(makeEvents(1000));
		await batcher.flush();
		expect(batches.flat()).toEqual(ids(makeEvents(1000)).filter((id) => !bad.has(id)));
		expect(batcher.stats.rejections.map((r) => [r.index, r.event_id])).toEqual([
			[7, 'e7'],
			[8, 'e8'],
			[600, 'e600']
		]);
		expect(batcher.stats).toMatchObject({ accepted: 997, rejected: 3, retries: 0 });
	});

	it('drops the event the server names at once, in one call per bad event, with its index in the stream', async () => {
		const bad = new Set(['e1003', 'e1500']);
		const lines: string[] = [];
		const { sink, batches, attempts } = capture((batch) => {
			const index = batch.findIndex((e) => bad.has(e.event_id));
			if (index < 0) return undefined;
			return new SinkError(`400 22023 events[${index}]: agent_id is not an agent of the site`, 'invalid', {
				badIndex: index
			});
		});
		const batcher = new EventBatcher(sink, { log: (line) => lines.push(line) });
		await batcher.push(makeEvents(2000));
		await batcher.flush();
		// One full batch, then the second: refused twice, then delivered.
		expect(attempts()).toBe(4);
		expect(batches.map((b) => b.length)).toEqual([1000, 998]);
		expect(batcher.stats.rejections).toEqual([
			{
				index: 1003,
				event_id: 'e1003',
				kind: 'call_offered',
				reason: '400 22023 events[3]: agent_id is not an agent of the site'
			},
			{
				index: 1500,
				event_id: 'e1500',
				kind: 'call_offered',
				reason: '400 22023 events[499]: agent_id is not an agent of the site'
			}
		]);
		expect(lines[0]).toBe(
			'ingest refused event #1003 e1003 (call_offered): 400 22023 events[3]: agent_id is not an agent of the site'
		);
	});

	it('logs the first twenty refusals, then only counts them', async () => {
		const lines: string[] = [];
		const { sink } = capture(() => new SinkError('400 22023 bad', 'invalid'));
		const batcher = new EventBatcher(sink, { log: (line) => lines.push(line) });
		await batcher.push(makeEvents(30));
		await batcher.flush();
		expect(batcher.stats.rejected).toBe(30);
		expect(lines).toHaveLength(21);
		expect(lines.at(-1)).toMatch(/more events refused/);
	});
});

describe('EventBatcher: fatal failures', () => {
	it('stops at the first refusal of the key: says why once, sends nothing more, drops and counts the rest', async () => {
		const lines: string[] = [];
		const { sink, attempts } = capture(() => new SinkError('401 42501 permission denied for function', 'fatal'));
		const batcher = new EventBatcher(sink, { maxBatch: 10, log: (line) => lines.push(line) });
		await batcher.push(makeEvents(25));
		expect(await batcher.flush()).toBe(false);
		await batcher.push(makeEvents(5, 25));
		expect(attempts()).toBe(1);
		expect(batcher.stats).toMatchObject({
			fatal: '401 42501 permission denied for function',
			dropped: 30,
			accepted: 0,
			retries: 0
		});
		expect(lines).toEqual(['ingest_events refused: 401 42501 permission denied for function; nothing more is sent']);
	});
});
