// The flood from the issue, on loopback and bounded: ten sockets with only
// the anon key send private joins of the wall as fast as a socket may (each
// one a database transaction when it reaches the policies), reconnecting a
// moment after the server cuts them. The limits per client address cut it
// to a few dozen authorizations, while a display on the same address signs
// in, joins, receives a database broadcast, and its REST calls stay quick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_SITE, QUEUE, STAFF } from '../support/demo.ts';
import { subscribe } from '../support/subscribe.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { ENGINES } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const FLOOD_MS = 4_000;
const WORKERS = 10;
/** Joins per socket per tick of 25 ms: 80 a second, under the per-socket limit of 100, as the flood. */
const JOINS_PER_TICK = 2;

interface FloodCount {
	sent: number;
	/** Joins the policies refused: each was a database transaction. */
	authorized: number;
	/** Joins refused by the limits before any database work. */
	rateLimited: number;
	sockets: number;
	refusedSockets: number;
}

function openSocket(url: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
	});
}

/** One flooding client: a socket at a time, joins every tick until cut, a new socket 200 ms later. */
async function floodWorker(url: string, until: number, count: FloodCount): Promise<void> {
	let ref = 0;
	while (Date.now() < until) {
		let ws: WebSocket;
		try {
			ws = await openSocket(url);
		} catch {
			count.refusedSockets++;
			await new Promise((r) => setTimeout(r, 200));
			continue;
		}
		count.sockets++;
		ws.on('message', (data: Buffer) => {
			const message = JSON.parse(data.toString()) as { event?: string; payload?: { response?: { reason?: string } } };
			const reason = message.event === 'phx_reply' ? message.payload?.response?.reason : undefined;
			if (reason?.startsWith('Unauthorized:')) count.authorized++;
			else if (reason?.startsWith('ClientJoinRateLimitReached:')) count.rateLimited++;
		});
		await new Promise<void>((resolve) => {
			const tick = setInterval(() => {
				if (Date.now() >= until || ws.readyState !== WebSocket.OPEN) {
					clearInterval(tick);
					ws.close();
					resolve();
					return;
				}
				for (let i = 0; i < JOINS_PER_TICK; i++) {
					const r = String(++ref);
					const topic = `realtime:wall:${DEMO_SITE}`;
					ws.send(
						JSON.stringify({ topic, event: 'phx_join', payload: { config: { private: true } }, ref: r, join_ref: r })
					);
					count.sent++;
				}
			}, 25);
		});
		await new Promise((r) => setTimeout(r, 200));
	}
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

describe.each(ENGINES)('a join flood from one address on %s', (engine) => {
	let server: TestApi;
	beforeAll(async () => {
		server = await startTestApi({ modules: 'app', engine });
	});
	afterAll(async () => {
		await server?.close();
	});

	it('is cut, while a display on the same address joins, receives broadcasts and gets quick REST answers', async () => {
		const wsUrl = `${server.url.replace('http', 'ws')}/realtime/v1/websocket?apikey=${server.keys.anon_key}&vsn=1.0.0`;
		const count: FloodCount = { sent: 0, authorized: 0, rateLimited: 0, sockets: 0, refusedSockets: 0 };
		const until = Date.now() + FLOOD_MS;
		const flood = Promise.all(Array.from({ length: WORKERS }, () => floodWorker(wsUrl, until, count)));

		// A second into the flood, a TV signs in and opens its board.
		await new Promise((r) => setTimeout(r, 1_000));
		const display = await server.signedIn(STAFF.display.email);
		await display.realtime.setAuth();
		const received: number[] = [];
		const channel = display
			.channel(`wall:${DEMO_SITE}`, { config: { private: true } })
			.on('broadcast', { event: 'queue_live' }, (m: { payload?: { record?: { calls_waiting?: number } } }) =>
				received.push(m.payload?.record?.calls_waiting ?? -1)
			);
		expect((await subscribe(channel)).status).toBe('SUBSCRIBED');

		const restMs: number[] = [];
		while (Date.now() < until - 200) {
			const started = performance.now();
			const { data, error } = await display.from('queue_live').select('queue_id, calls_waiting');
			restMs.push(performance.now() - started);
			expect(error).toBeNull();
			expect(data).toHaveLength(4);
			await new Promise((r) => setTimeout(r, 50));
		}
		const write = await server
			.service()
			.from('queue_live')
			.update({ calls_waiting: 9, oldest_waiting_since: new Date().toISOString() })
			.eq('queue_id', QUEUE.sales);
		expect(write.error).toBeNull();
		await waitFor(() => received.includes(9), 3_000, 'the broadcast at the display');
		await flood;

		// Cut: the anon key's budget allows 50 refused joins at once and one a second after (README, Security).
		// Unlimited, this flood gets hundreds to the database (it got 9,432 in 10 s in the issue).
		expect(count.sockets).toBeGreaterThanOrEqual(WORKERS);
		expect(count.rateLimited).toBeGreaterThan(0);
		expect(count.authorized).toBeLessThanOrEqual(60);
		expect(restMs.length).toBeGreaterThan(10);
		expect(percentile(restMs, 90)).toBeLessThan(300);
		await display.removeChannel(channel);
	}, 60_000);
});
