// Benchmarks of the single-box API on PGlite (issue: single-box server):
//   1. REST round trip of a small RLS-filtered select, against a baseline of
//      the server's cheapest request (GET /config.json) in the same run;
//   2. broadcast fan-out: a service-key write to queue_live (its trigger calls
//      realtime.send) until each of 100 supabase-js clients has the message,
//      against the write's own round trip;
//   3. 200 WebSocket clients held for 60 s with heartbeats, nothing dropped.
import { createClient, REALTIME_SUBSCRIBE_STATES, type SupabaseClient } from '@supabase/supabase-js';
import { nodeWebSocket } from '../server/node-websocket.ts';
import type { Database } from '../src/lib/database.types.ts';
import { DEMO_PASSWORD, DEMO_SITE, QUEUE, STAFF } from '../tests/support/demo.ts';
import { spawnServer, type SpawnedServer } from './support/spawn-server.ts';
import { median, ms, percentile, type Row, timeRounds } from './support/stats.ts';

type Client = SupabaseClient<Database>;

function client(server: SpawnedServer, key: string, heartbeatCallback?: (status: string) => void): Client {
	return createClient<Database>(server.url, key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: {
			transport: nodeWebSocket,
			heartbeatIntervalMs: 5_000,
			heartbeatCallback
		}
	});
}

async function displayToken(server: SpawnedServer): Promise<string> {
	const c = client(server, server.keys.anon_key);
	const { data, error } = await c.auth.signInWithPassword({ email: STAFF.display.email, password: DEMO_PASSWORD });
	if (error || !data.session) throw new Error(`sign-in failed: ${error?.message}`);
	return data.session.access_token;
}

async function restRoundTrip(server: SpawnedServer, token: string): Promise<Row[]> {
	const headers = { apikey: server.keys.anon_key, authorization: `Bearer ${token}` };
	const select = async () => {
		const res = await fetch(`${server.url}/rest/v1/queue_live?select=queue_id,calls_waiting&site_id=eq.${DEMO_SITE}`, {
			headers
		});
		if (res.status !== 200) throw new Error(`select answered ${res.status}`);
		await res.arrayBuffer();
	};
	const config = async () => (await fetch(`${server.url}/config.json`)).arrayBuffer();
	await timeRounds(select, 50); // warm-up: catalog cache, JIT
	await timeRounds(config, 50);
	const rest = await timeRounds(select, 1_000);
	const base = await timeRounds(config, 1_000);
	return [
		{
			benchmark: 'REST select queue_live as display (RLS), 1,000 sequential',
			figure: `median ${ms(median(rest))}, p99 ${ms(percentile(rest, 99))}; baseline GET /config.json median ${ms(median(base))} (×${(median(rest) / median(base)).toFixed(1)})`,
			goal: 'median < 5 ms',
			met: median(rest) < 5
		}
	];
}

async function fanOut(server: SpawnedServer, token: string): Promise<Row[]> {
	const clients: Client[] = [];
	const pending = new Map<number, { sentAt: number; left: number; done: () => void }>();
	const latencies: number[] = [];
	for (let i = 0; i < 100; i++) {
		const c = client(server, server.keys.anon_key);
		await c.realtime.setAuth(token);
		clients.push(c);
	}
	await Promise.all(
		clients.map(
			(c) =>
				new Promise<void>((resolve, reject) => {
					c.channel(`wall:${DEMO_SITE}`, { config: { private: true } })
						.on('broadcast', { event: 'queue_live' }, (m) => {
							const waiting = (m.payload as { record: { calls_waiting: number } }).record.calls_waiting;
							const round = pending.get(waiting);
							if (!round) return;
							latencies.push(performance.now() - round.sentAt);
							if (--round.left === 0) round.done();
						})
						.subscribe((status, err) => {
							if (status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) resolve();
							else if (status !== REALTIME_SUBSCRIBE_STATES.CLOSED)
								reject(new Error(`join: ${status} ${err?.message ?? ''}`));
						});
				})
		)
	);
	const service = client(server, server.keys.service_role_key);
	const write = (waiting: number) =>
		service
			.from('queue_live')
			.update({ calls_waiting: waiting, oldest_waiting_since: waiting ? new Date().toISOString() : null })
			.eq('queue_id', QUEUE.sales)
			.then(({ error }) => {
				if (error) throw new Error(error.message);
			});
	const writeOnly: number[] = [];
	for (let round = 1; round <= 50; round++) {
		const delivered = new Promise<void>((done) => pending.set(round, { sentAt: performance.now(), left: 100, done }));
		const started = performance.now();
		await write(round);
		writeOnly.push(performance.now() - started);
		await Promise.race([delivered, new Promise((r) => setTimeout(r, 5_000))]);
		pending.delete(round);
	}
	const missing = 50 * 100 - latencies.length;
	for (const c of clients) {
		await c.removeAllChannels();
		await c.realtime.disconnect();
	}
	return [
		{
			benchmark: 'DB broadcast fan-out to 100 supabase-js clients, 50 writes',
			figure: `p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}; ${missing} missing; baseline write round trip median ${ms(median(writeOnly))}`,
			goal: 'p99 < 50 ms',
			met: percentile(latencies, 99) < 50 && missing === 0
		}
	];
}

async function hold(server: SpawnedServer, token: string, seconds: number): Promise<Row[]> {
	const count = 200;
	let heartbeatsOk = 0;
	let heartbeatsBad = 0;
	const received = new Array<number>(count).fill(0);
	const clients: Client[] = [];
	for (let i = 0; i < count; i++) {
		const c = client(server, server.keys.anon_key, (status) => {
			if (status === 'ok') heartbeatsOk++;
			else if (status !== 'sent') heartbeatsBad++;
		});
		await c.realtime.setAuth(token);
		clients.push(c);
	}
	await Promise.all(
		clients.map(
			(c, i) =>
				new Promise<void>((resolve, reject) => {
					c.channel(`wall:${DEMO_SITE}`, { config: { private: true } })
						.on('broadcast', { event: 'queue_live' }, () => received[i]!++)
						.subscribe((status) => {
							if (status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) resolve();
							else if (status !== REALTIME_SUBSCRIBE_STATES.CLOSED) reject(new Error(`join ${i}: ${status}`));
						});
				})
		)
	);
	const service = client(server, server.keys.service_role_key);
	let writes = 0;
	const end = Date.now() + seconds * 1_000;
	while (Date.now() < end) {
		await new Promise((r) => setTimeout(r, 5_000));
		writes++;
		const { error } = await service
			.from('queue_live')
			.update({ agents_available: writes % 10 })
			.eq('queue_id', QUEUE.sales);
		if (error) throw new Error(error.message);
	}
	await new Promise((r) => setTimeout(r, 1_000));
	const connected = clients.filter((c) => c.realtime.isConnected()).length;
	const complete = received.filter((n) => n === writes).length;
	for (const c of clients) {
		await c.removeAllChannels();
		await c.realtime.disconnect();
	}
	return [
		{
			benchmark: `${count} WebSocket clients held ${seconds} s (heartbeat 5 s)`,
			figure: `${connected}/${count} connected at the end; ${heartbeatsOk} heartbeats ok, ${heartbeatsBad} failed; ${complete}/${count} got all ${writes} broadcasts`,
			goal: 'all held, nothing dropped',
			met: connected === count && heartbeatsBad === 0 && complete === count
		}
	];
}

export async function benchServerApi(options: { holdSeconds: number }): Promise<Row[]> {
	const server = await spawnServer();
	try {
		const token = await displayToken(server);
		return [
			...(await restRoundTrip(server, token)),
			...(await fanOut(server, token)),
			...(await hold(server, token, options.holdSeconds))
		];
	} finally {
		await server.stop();
	}
}
