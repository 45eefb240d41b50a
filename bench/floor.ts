// A whole floor on the single box (issue 13): `agents` callers, each with a
// supabase-js client joined to its own private topic `agent:<agent_id>` (as
// /me joins it), plus 50 wall clients on `wall:<site_id>`, held while calls
// are ingested at 200 events/s through rpc('ingest_events') with the service
// key; the database triggers (20261209400000_my_stats.sql) tell each
// agent's topic `stats_changed` {agent_id, what} when their call summaries
// change. Measured per floor size:
//   - every client joined, and still connected after the hold;
//   - ingest → the right agent's client: p50/p95/p99 (goal p99 < 100 ms),
//     batches owed a message that never came;
//   - every frame each agent socket receives checked: none may be about
//     another agent (goal 0);
//   - the walls: first broadcast after each batch, per wall client;
//   - the ingest rate sustained, and its round trip (the baseline: what the
//     server takes for the write itself, measured in the same run);
//   - the server's RSS and CPU (a child process, sampled from /proc; on
//     PGlite the database lives in it too);
//   - then where the box stops: the rate doubled step by step (60 s each,
//     20 s with --quick) with every client still joined, until the agents'
//     p99 passes 100 ms or ingest falls behind.
// npm run bench -- --only floor [--minutes 10] [--agents 250,500,1000] [--rate 200] [--walls 50] [--engine postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import { migrate } from '../server/db/migrate.ts';
import { openPglite } from '../server/db/pglite.ts';
import { openPostgres } from '../server/db/postgres.ts';
import type { Db } from '../server/db/types.ts';
import { loadOrCreateKeys, type ApiKeys } from '../server/keys.ts';
import { nodeWebSocket } from '../server/node-websocket.ts';
import type { Database } from '../src/lib/database.types.ts';
import { DEMO_PASSWORD, DEMO_SITE, QUEUE, STAFF } from '../tests/support/demo.ts';
import { freePort } from '../tests/support/free-port.ts';
import { startPostgres15 } from '../tests/support/postgres15.ts';
import { startSingleBox } from '../tests/support/single-box-process.ts';
import { userToken } from '../tests/support/user-token.ts';
import { DeliveryLedger } from './support/deliveries.ts';
import { agentFrameCheck, closeAll, joinAll, joinClient, type FrameCounts } from './support/floor-clients.ts';
import { FloorFeed } from './support/floor-feed.ts';
import { seedFloor, type FloorAgent } from './support/floor-fixture.ts';
import { findChild, sampleUsage } from './support/process-usage.ts';
import type { BenchEngine } from './support/fresh-db.ts';
import { median, ms, percentile, type Row } from './support/stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LATENCY_GOAL_MS = 100;
const TICK_MS = 100;
/** A batch not answered within this long is counted missing. */
const MISSING_AFTER_MS = 5_000;
const WARM_UP_MS = 10_000;
/** The ramp stops here: ingest takes at most 1,000 events a batch, 10 batches a second. */
const MAX_RAMP_RATE = 6_400;

export interface FloorOptions {
	agents: number;
	walls: number;
	/** Events a second. */
	rate: number;
	minutes: number;
	engine: BenchEngine;
	/** Length of each step of the ingest ramp after the hold. */
	rampSeconds: number;
}

function option(name: string): string | undefined {
	const at = process.argv.indexOf(`--${name}`);
	return at > 0 ? process.argv[at + 1] : undefined;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** A data folder (or PostgreSQL 15) migrated, seeded and holding the floor, and the server on it. */
async function startFloorServer(engine: BenchEngine, agents: number) {
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-bench-floor-'));
	const keys = await loadOrCreateKeys(dataDir);
	const pg = engine === 'postgres' ? await startPostgres15() : undefined;
	const db: Db = pg ? openPostgres(pg.url, { max: 2 }) : await openPglite({ dataDir: path.join(dataDir, 'pgdata') });
	let floor: FloorAgent[];
	try {
		await migrate(db, { root, seed: true });
		floor = await seedFloor(db, agents);
		await db.exec('analyze');
	} finally {
		await db.close();
	}
	const server = await startSingleBox({
		dataDir,
		port: await freePort(),
		env: { CALLBOARD_SIMULATE: '0', CALLBOARD_HISTORY_WEEKS: '0', ...(pg ? { DATABASE_URL: pg.url } : {}) }
	});
	const pid = findChild(process.pid, 'server/main.ts');
	if (pid === undefined) throw new Error('cannot find the server process');
	return {
		url: server.url,
		keys,
		floor,
		pid,
		async stop() {
			await server.stop();
			await pg?.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

async function displayToken(url: string, keys: ApiKeys): Promise<string> {
	const c = createClient<Database>(url, keys.anon_key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: nodeWebSocket }
	});
	const { data, error } = await c.auth.signInWithPassword({ email: STAFF.display.email, password: DEMO_PASSWORD });
	if (error || !data.session) throw new Error(`display sign-in failed: ${error?.message}`);
	return data.session.access_token;
}

export async function floorRun(options: FloorOptions): Promise<Row[]> {
	const { agents, walls, rate, minutes, engine, rampSeconds } = options;
	const label = `${agents.toLocaleString('en')} agents + ${walls} walls, ${rate} events/s, ${minutes} min, ${engine}`;
	console.log(`[floor] ${label}: seeding`);
	const server = await startFloorServer(engine, agents);
	const usage = sampleUsage(server.pid, 1_000);
	const ledger = new DeliveryLedger();
	const frames: FrameCounts = { own: 0, wrong: 0, control: 0 };
	let wrongPayloads = 0;
	let others = 0;
	const wallLatencies: number[] = [];
	let wallMissed = 0;
	const wallBatch = { sentAt: 0, seen: new Uint8Array(walls) };
	try {
		const display = await displayToken(server.url, server.keys);
		const joinStarted = performance.now();
		const agentClients = await joinAll(agents, 50, (i) => {
			const { agentId, userId } = server.floor[i] as FloorAgent;
			return joinClient({
				url: server.url,
				anonKey: server.keys.anon_key,
				token: userToken(server.keys, userId, 4 * 3600),
				topic: `agent:${agentId}`,
				index: i,
				onFrame: agentFrameCheck(agentId, frames),
				onBroadcast: (event, payload) => {
					if (event !== 'stats_changed') {
						others++;
						return;
					}
					const about = (payload as { agent_id?: unknown } | null)?.agent_id;
					if (about !== agentId) wrongPayloads++;
					else ledger.received(agentId, performance.now());
				}
			});
		});
		const wallClients = await joinAll(walls, 25, (w) =>
			joinClient({
				url: server.url,
				anonKey: server.keys.anon_key,
				token: display,
				topic: `wall:${DEMO_SITE}`,
				index: agents + w,
				onBroadcast: () => {
					if (wallBatch.seen[w] || wallBatch.sentAt === 0) return;
					wallBatch.seen[w] = 1;
					wallLatencies.push(performance.now() - wallBatch.sentAt);
				}
			})
		);
		const joinMs = performance.now() - joinStarted;
		console.log(`[floor] ${label}: ${agentClients.length + wallClients.length} clients joined in ${ms(joinMs)}`);

		const feeder = createClient<Database>(server.url, server.keys.service_role_key, {
			auth: { persistSession: false, autoRefreshToken: false },
			realtime: { transport: nodeWebSocket }
		});
		const feed = new FloorFeed(
			server.floor.map((a) => a.agentId),
			DEMO_SITE,
			QUEUE.outbound,
			`floor-${Date.now()}`
		);
		const wallsUnseen = () => (wallBatch.sentAt === 0 ? 0 : walls - wallBatch.seen.reduce((s, v) => s + v, 0));

		/** Ingests at `eventsPerS` for `durationMs`, a batch every 100 ms on a fixed schedule. */
		const feedFor = async (eventsPerS: number, durationMs: number) => {
			const perTick = Math.max(1, Math.round((eventsPerS * TICK_MS) / 1000));
			const roundTrips: number[] = [];
			const firstLatency = ledger.latencies.length;
			let sent = 0;
			let failed = 0;
			const started = performance.now();
			let nextTick = started;
			let lastReport = started;
			while (performance.now() < started + durationMs) {
				const { events, agents: about } = feed.batch(perTick, new Date().toISOString());
				wallMissed += wallsUnseen();
				wallBatch.seen.fill(0);
				const sentAt = performance.now();
				wallBatch.sentAt = sentAt;
				for (const id of new Set(about)) ledger.sent(id, sentAt);
				const { error } = await feeder.rpc('ingest_events', { events: events as never });
				roundTrips.push(performance.now() - sentAt);
				if (error) {
					failed++;
					console.log(`[floor] ingest failed: ${error.message}`);
				} else sent += events.length;
				// A slow ingest eats into the next tick and never adds a pause.
				nextTick += TICK_MS;
				const rest = nextTick - performance.now();
				if (rest > 0) await new Promise((r) => setTimeout(r, rest));
				else nextTick = performance.now();
				if (performance.now() - lastReport > 60_000) {
					lastReport = performance.now();
					const u = usage.summary(started, lastReport);
					console.log(
						`[floor] ${((lastReport - started) / 60_000).toFixed(1)} min at ${eventsPerS}/s: ${sent} events, p99 ${ms(percentile(ledger.latencies.slice(firstLatency), 99))}, server RSS ${mib(u.peakRss)}, CPU ${u.cpuPercent.toFixed(0)} %`
					);
				}
			}
			const ended = performance.now();
			// The last batches' messages get their time to arrive.
			await new Promise((r) => setTimeout(r, MISSING_AFTER_MS));
			wallMissed += wallsUnseen();
			wallBatch.sentAt = 0;
			return {
				sent,
				failed,
				roundTrips,
				started,
				ended,
				achieved: sent / ((ended - started) / 1000),
				latencies: ledger.latencies.slice(firstLatency),
				missingSoFar: ledger.missing(performance.now() - MISSING_AFTER_MS)
			};
		};

		// Warm-up, not counted: the first batches plan ingest's statements.
		await feedFor(rate, WARM_UP_MS);
		wallLatencies.length = 0;
		wallMissed = 0;
		const hold = await feedFor(rate, minutes * 60_000);
		const { sent, failed, roundTrips, achieved } = hold;
		const missing = hold.missingSoFar;
		const agentsConnected = agentClients.filter((c) => c.client.realtime.isConnected()).length;
		const wallsConnected = wallClients.filter((c) => c.client.realtime.isConnected()).length;
		const drops = [...agentClients, ...wallClients].reduce((s, c) => s + c.drops, 0);
		const u = usage.summary(hold.started, hold.ended);
		const lat = hold.latencies;
		const wrongAfterHold = frames.wrong + wrongPayloads;
		const wallHold = { latencies: [...wallLatencies], missed: wallMissed };

		// Where the box stops: the same floor at double the rate, again and
		// again, until the agents' p99 passes the goal or ingest falls behind
		// (at least one step, so a busy machine still shows what ingest keeps up with).
		const steps: string[] = [];
		let sustained = percentile(lat, 99) < LATENCY_GOAL_MS && achieved >= rate * 0.95 ? rate : 0;
		for (let step = rate * 2; step <= MAX_RAMP_RATE; step *= 2) {
			const missingBefore = ledger.missing(performance.now() - MISSING_AFTER_MS);
			const r = await feedFor(step, rampSeconds * 1000);
			const p99 = percentile(r.latencies, 99);
			const cpu = usage.summary(r.started, r.ended).cpuPercent;
			const ok =
				p99 < LATENCY_GOAL_MS && r.achieved >= step * 0.95 && r.failed === 0 && r.missingSoFar === missingBefore;
			steps.push(`${step}/s: ${r.achieved.toFixed(0)}/s done, p99 ${ms(p99)}, CPU ${cpu.toFixed(0)} %`);
			console.log(`[floor] ramp ${steps.at(-1)}`);
			if (!ok) break;
			if (sustained > 0) sustained = step; // only an unbroken run of passes counts
		}
		await closeAll([...agentClients, ...wallClients]);
		const wrong = frames.wrong + wrongPayloads;
		return [
			{
				benchmark: `floor: ${label}: clients joined and held`,
				figure: `${agents + walls} joined in ${(joinMs / 1000).toFixed(1)} s; after the hold ${agentsConnected}/${agents} agent and ${wallsConnected}/${walls} wall sockets connected, ${drops} channel errors/closes`,
				goal: 'all joined and held',
				met: agentsConnected === agents && wallsConnected === walls && drops === 0
			},
			{
				benchmark: `floor: ${label}: ingest → the agent's own client (stats_changed)`,
				figure:
					`p50 ${ms(percentile(lat, 50))}, p95 ${ms(percentile(lat, 95))}, p99 ${ms(percentile(lat, 99))} over ${lat.length.toLocaleString('en')} messages; ` +
					`${missing} missing (> ${MISSING_AFTER_MS / 1000} s), ${ledger.unasked} unasked; baseline ingest round trip median ${ms(median(roundTrips))}, p99 ${ms(percentile(roundTrips, 99))}`,
				goal: `p99 < ${LATENCY_GOAL_MS} ms, none missing`,
				met: percentile(lat, 99) < LATENCY_GOAL_MS && missing === 0
			},
			{
				benchmark: `floor: ${label}: messages about another agent`,
				figure: `${wrong} of ${(frames.own + frames.wrong).toLocaleString('en')} broadcast frames (${others} other broadcasts on agent topics, ${frames.control.toLocaleString('en')} control frames)`,
				goal: '0',
				met: wrong === 0
			},
			{
				benchmark: `floor: ${label}: ingest → wall clients (first broadcast after each batch)`,
				figure: `p50 ${ms(percentile(wallHold.latencies, 50))}, p95 ${ms(percentile(wallHold.latencies, 95))}, p99 ${ms(percentile(wallHold.latencies, 99))}; ${wallHold.missed} wall × batch without a broadcast before the next batch (a batch need not change what a wall shows)`,
				goal: 'reported',
				met: null
			},
			{
				benchmark: `floor: ${label}: ingest sustained`,
				figure: `${achieved.toFixed(0)} events/s of ${rate} (${sent.toLocaleString('en')} events, ${failed} failed batches)`,
				goal: `≥ ${Math.round(rate * 0.95)} events/s`,
				met: achieved >= rate * 0.95 && failed === 0
			},
			{
				benchmark: `floor: ${label}: ingest rate ramp, ${rampSeconds} s a step, the clients still joined`,
				figure: `${sustained > 0 ? `sustained up to ${sustained} events/s` : `not even ${rate} events/s`} (agents' p99 < ${LATENCY_GOAL_MS} ms, ≥ 95 % of the rate done, nothing missing)${steps.length > 0 ? `; ${steps.join('; ')}` : ''}${wrong > wrongAfterHold ? `; ${wrong - wrongAfterHold} wrong messages during the ramp` : ''}`,
				goal: 'reported',
				met: null
			},
			{
				benchmark: `floor: ${label}: server process`,
				figure: `RSS peak ${mib(u.peakRss)}, median ${mib(u.medianRss)}; CPU ${u.cpuPercent.toFixed(0)} % of one core over the hold${engine === 'postgres' ? ' (PostgreSQL runs apart)' : ' (PGlite inside)'}`,
				goal: 'reported',
				met: null
			}
		];
	} finally {
		usage.stop();
		await server.stop();
	}
}

export async function benchFloor({ quick }: { quick: boolean }): Promise<Row[]> {
	const minutes = Number(option('minutes') ?? (quick ? 1 : 10));
	const sizes = (option('agents') ?? (quick ? '250' : '250,500,1000')).split(',').map(Number);
	const rate = Number(option('rate') ?? 200);
	const walls = Number(option('walls') ?? 50);
	const engine: BenchEngine = option('engine') === 'postgres' ? 'postgres' : 'pglite';
	for (const n of [minutes, rate, walls, ...sizes]) {
		if (!Number.isFinite(n) || n <= 0) throw new Error('--minutes, --agents, --rate and --walls take numbers above 0');
	}
	const rows: Row[] = [];
	const rampSeconds = quick ? 20 : 60;
	for (const agents of sizes) rows.push(...(await floorRun({ agents, walls, rate, minutes, engine, rampSeconds })));
	return rows;
}
