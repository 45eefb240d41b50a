import { describe, expect, it } from 'vitest';
import { EventBatcher } from './event-batcher.ts';
import type { IngestEvent } from './ingest-event.ts';

const events = (n: number, from = 0): IngestEvent[] =>
	Array.from({ length: n }, (_, i) => ({
		kind: 'call_offered',
		event_id: `e${from + i}`,
		site_id: 's',
		call_id: `c${from + i}`,
		queue_id: 'q',
		at: new Date(0).toISOString()
	}));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('EventBatcher', () => {
	it('sends batches of at most 1,000 in order, and the rest on flush', async () => {
		const calls: IngestEvent[][] = [];
		const batcher = new EventBatcher((batch) => {
			calls.push(batch);
			return Promise.resolve();
		});
		for (let i = 0; i < 25; i++) await batcher.push(events(100, i * 100));
		expect(await batcher.flush()).toBe(true);
		expect(calls.map((c) => c.length)).toEqual([1000, 1000, 500]);
		expect(calls.flat().map((e) => e.event_id)).toEqual(events(2500).map((e) => e.event_id));
		expect(batcher.stats).toMatchObject({ delivered: 2500, batches: 3, failures: 0, dropped: 0 });
	});

	it('sends a partial batch within 500 ms without being asked', async () => {
		const calls: IngestEvent[][] = [];
		const batcher = new EventBatcher((batch) => {
			calls.push(batch);
			return Promise.resolve();
		});
		await batcher.push(events(3));
		await sleep(100);
		await batcher.push(events(2, 3));
		expect(calls).toEqual([]);
		await sleep(550);
		expect(calls.map((c) => c.length)).toEqual([5]);
	});

	it('retries a failed batch with backoff, logs once a minute, and loses nothing', async () => {
		const lines: string[] = [];
		const delivered: string[] = [];
		let failures = 4;
		const batcher = new EventBatcher(
			(batch) => {
				if (failures-- > 0) return Promise.reject(new Error('HTTP 503: down for maintenance'));
				delivered.push(...batch.map((e) => e.event_id));
				return Promise.resolve();
			},
			{ initialBackoffMs: 5, flushMs: 10, log: (line) => lines.push(line) }
		);
		await batcher.push(events(1200));
		expect(await batcher.flush()).toBe(true);
		expect(delivered).toEqual(events(1200).map((e) => e.event_id));
		expect(batcher.stats).toMatchObject({ delivered: 1200, failures: 4, dropped: 0 });
		expect(lines).toEqual([
			'ingest_events failed: HTTP 503: down for maintenance; retrying in 5 ms',
			'ingest_events is accepting events again'
		]);
	});

	it('logs again after a minute, counting the failures in between, and says when it recovers', async () => {
		const lines: string[] = [];
		let now = 0;
		let failures = 3;
		const batcher = new EventBatcher(
			() => {
				now += 40_000;
				return failures-- > 0 ? Promise.reject(new Error('boom')) : Promise.resolve();
			},
			{ initialBackoffMs: 1, log: (line) => lines.push(line), now: () => now }
		);
		await batcher.push(events(1));
		await batcher.flush();
		expect(lines).toEqual([
			'ingest_events failed: boom; retrying in 1 ms',
			// 40 s after the first report: held back; 80 s after: reported with the count.
			'ingest_events failed: boom (2 failures since the last report); retrying in 4 ms',
			'ingest_events is accepting events again'
		]);
	});

	it('gives up on a final flush that cannot deliver, instead of hanging', async () => {
		const lines: string[] = [];
		const batcher = new EventBatcher(() => Promise.reject(new Error('connection refused')), {
			initialBackoffMs: 5,
			log: (line) => lines.push(line)
		});
		await batcher.push(events(10));
		const started = Date.now();
		expect(await batcher.flush(200)).toBe(false);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(batcher.stats.dropped).toBe(10);
		expect(lines.at(-1)).toMatch(/gave up on 10 undelivered event\(s\)/);
		await batcher.push(events(1));
		expect(batcher.stats.dropped).toBe(11);
	});

	it('makes a fast producer wait while the sink is behind', async () => {
		let inFlight = 0;
		let release: () => void = () => {};
		const gate = new Promise<void>((resolve) => {
			release = resolve;
		});
		const batcher = new EventBatcher(
			async () => {
				inFlight += 1;
				await gate;
			},
			{ maxBatch: 10, maxQueued: 20 }
		);
		let pushed = false;
		const pushing = (async () => {
			await batcher.push(events(50));
			pushed = true;
		})();
		await sleep(20);
		expect(inFlight).toBe(1);
		expect(pushed).toBe(false);
		release();
		await pushing;
		expect(batcher.queued).toBeLessThanOrEqual(20);
		expect(await batcher.flush()).toBe(true);
		expect(batcher.stats.delivered).toBe(50);
	});

	it('lets a waiting producer go when its signal aborts, even with the sink down', async () => {
		const batcher = new EventBatcher(() => Promise.reject(new Error('down')), {
			maxBatch: 10,
			maxQueued: 20,
			initialBackoffMs: 5
		});
		const stop = new AbortController();
		let returned = false;
		const pushing = batcher.push(events(50), stop.signal).then(() => {
			returned = true;
		});
		await sleep(50);
		expect(returned).toBe(false);
		stop.abort();
		await pushing;
		expect(returned).toBe(true);
		expect(await batcher.flush(50)).toBe(false);
		expect(batcher.stats.dropped).toBe(50);
	});
});
