// Benchmark "during a 20-second slow query" (issue 9): the real server as a
// child process on PGlite in a data folder, its deadline raised for the run
// (CALLBOARD_STATEMENT_TIMEOUT=60s) so one signed-in client's statement runs
// ~20 s, while others measure what the wall TVs and the login page feel:
//   1. GET /config.json round trips (a sequential loop) during it, against
//      the same loop for a while before it;
//   2. realtime heartbeat round trips on an already-joined private wall
//      channel, beside that loop, during it and before it;
//   3. the REST select median (a display's RLS-filtered queue_live read)
//      before it, with /config.json as the same-run baseline — the figure to
//      hold against the in-process engine's 1.76 ms on a quiet machine;
// and the embedded engine's own costs: PGlite opened in a worker thread vs
// on this thread, and a deadline restart (57014, terminate, reopen, answer).
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../server/db/migrate.ts';
import { openPglite } from '../server/db/pglite.ts';
import { DEMO_PASSWORD, DEMO_SITE, demoAgent, STAFF } from '../tests/support/demo.ts';
import { freePort } from '../tests/support/free-port.ts';
import { startSingleBox, type SingleBoxProcess } from '../tests/support/single-box-process.ts';
import { heartbeatProbe } from './support/heartbeat-probe.ts';
import { median, ms, percentile, type Row, timeRounds } from './support/stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEARTBEAT_EVERY_MS = 50;

/** Only for this benchmark's database: a statement that takes as long as it is told. */
const SLOW_FUNCTION = `
	create function public.bench_slow(seconds double precision) returns void language sql
		as $$ select pg_sleep(seconds) $$;
	grant execute on function public.bench_slow(double precision) to authenticated;`;

const pause = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

const spread = (samples: number[]) =>
	`p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))}, n = ${samples.length}`;

async function token(server: SingleBoxProcess, email: string): Promise<string> {
	const res = await fetch(`${server.url}/auth/v1/token?grant_type=password`, {
		method: 'POST',
		headers: { apikey: server.keys.anon_key, 'content-type': 'application/json' },
		body: JSON.stringify({ email, password: DEMO_PASSWORD })
	});
	if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}`);
	return ((await res.json()) as { access_token: string }).access_token;
}

/** PGlite opened on this thread (as before the worker move) and through the worker adapter, alternately. */
async function openTimes(dataDir: string, rounds: number): Promise<Row[]> {
	const inProcess: number[] = [];
	const inWorker: number[] = [];
	for (let i = 0; i < rounds; i++) {
		let started = performance.now();
		const pg = await PGlite.create({ dataDir, extensions: { pgcrypto } });
		await pg.query('select 1');
		inProcess.push(performance.now() - started);
		await pg.close();
		started = performance.now();
		const db = await openPglite({ dataDir });
		await db.query('select 1');
		inWorker.push(performance.now() - started);
		await db.close();
	}
	return [
		{
			benchmark: `PGlite open of the seeded data folder to first answer (${rounds} rounds each)`,
			figure: `worker thread median ${ms(median(inWorker))}; on the calling thread median ${ms(median(inProcess))}`,
			goal: 'reported',
			met: null
		}
	];
}

/** A statement past its deadline: 57014 at the deadline, then how long until the next statement is answered. */
async function restartTime(dataDir: string, rounds: number): Promise<Row[]> {
	const db = await openPglite({ dataDir });
	const restarts: number[] = [];
	try {
		for (let i = 0; i < rounds; i++) {
			const failed = await db.query('select pg_sleep(60)', [], { timeoutMs: 500 }).then(
				() => undefined,
				(err: { code?: string }) => err.code
			);
			if (failed !== '57014') throw new Error(`expected 57014, got ${failed}`);
			const cut = performance.now();
			await db.query('select 1');
			restarts.push(performance.now() - cut);
		}
	} finally {
		await db.close();
	}
	return [
		{
			benchmark: `deadline restart: from 57014 to the next answer, seeded data folder (${rounds} rounds)`,
			figure: `median ${ms(median(restarts))}, max ${ms(Math.max(...restarts))}`,
			goal: 'reported',
			met: null
		}
	];
}

async function duringSlowQuery(dataDir: string, options: { quick: boolean }): Promise<Row[]> {
	const slowSeconds = options.quick ? 5 : 20;
	const server = await startSingleBox({ dataDir, port: await freePort(), env: { CALLBOARD_STATEMENT_TIMEOUT: '60s' } });
	try {
		const display = await token(server, STAFF.display.email);
		const agent = await token(server, demoAgent(1).email);
		const asDisplay = { apikey: server.keys.anon_key, authorization: `Bearer ${display}` };
		const config = async () => (await fetch(`${server.url}/config.json`)).arrayBuffer();
		const select = async () => {
			const res = await fetch(
				`${server.url}/rest/v1/queue_live?select=queue_id,calls_waiting&site_id=eq.${DEMO_SITE}`,
				{
					headers: asDisplay
				}
			);
			if (res.status !== 200) throw new Error(`select answered ${res.status}`);
			await res.arrayBuffer();
		};
		const probe = await heartbeatProbe(
			server.url,
			server.keys.anon_key,
			display,
			`wall:${DEMO_SITE}`,
			HEARTBEAT_EVERY_MS
		);

		// Before: warm-up, the REST median with its same-run baseline, then the
		// same load as during the slow query (a /config.json loop beside the
		// heartbeats) without it.
		await timeRounds(select, 100);
		await timeRounds(config, 100);
		const rounds = options.quick ? 300 : 1_000;
		const rest = await timeRounds(select, rounds);
		const configBaseline = await timeRounds(config, rounds);
		const loadFor = async (until: () => boolean) => {
			const samples: number[] = [];
			while (!until()) samples.push(...(await timeRounds(config, 1)));
			return samples;
		};
		const beatsBefore = probe.record();
		const quietUntil = performance.now() + (options.quick ? 3_000 : 10_000);
		const configBefore = await loadFor(() => performance.now() > quietUntil);

		// During: the slow statement runs in the worker while the same loop and the probe measure.
		const beatsDuring = probe.record();
		let slowDone = false;
		const started = performance.now();
		const slow = fetch(`${server.url}/rest/v1/rpc/bench_slow`, {
			method: 'POST',
			headers: { apikey: server.keys.anon_key, authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
			body: JSON.stringify({ seconds: slowSeconds })
		}).then(async (res) => {
			slowDone = true;
			return { status: res.status, body: await res.text(), seconds: (performance.now() - started) / 1000 };
		});
		await pause(100);
		const configDuring = await loadFor(() => slowDone);
		const slowAnswer = await slow;
		const stillWaiting = probe.unanswered;
		probe.close();
		if (slowAnswer.status !== 204) {
			throw new Error(`the slow statement answered ${slowAnswer.status} ${slowAnswer.body}`);
		}

		const during = `during a ${slowAnswer.seconds.toFixed(1)} s slow query`;
		return [
			{
				benchmark: 'REST select queue_live as display (RLS), sequential, before the slow query',
				figure: `median ${ms(median(rest))}, p99 ${ms(percentile(rest, 99))}, n = ${rest.length}; baseline GET /config.json median ${ms(median(configBaseline))} (×${(median(rest) / median(configBaseline)).toFixed(1)})`,
				goal: 'median ≤ 2.11 ms (1.76 ms + 20 %) on a quiet machine',
				met: median(rest) <= 2.11
			},
			{
				benchmark: `GET /config.json round trip ${during}`,
				figure: `${spread(configDuring)}; before: ${spread(configBefore)}`,
				goal: 'p99 < 50 ms',
				met: percentile(configDuring, 99) < 50
			},
			{
				benchmark: `realtime heartbeat round trip on a joined private channel ${during} (every ${HEARTBEAT_EVERY_MS} ms, beside the /config.json loop)`,
				figure: `${spread(beatsDuring)}, ${stillWaiting} unanswered at the end; before: ${spread(beatsBefore)}`,
				goal: 'p99 < 50 ms',
				met: percentile(beatsDuring, 99) < 50 && stillWaiting <= 1
			}
		];
	} finally {
		await server.stop();
	}
}

export async function benchSlowQuery(options: { quick: boolean }): Promise<Row[]> {
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-bench-slow-'));
	// Where the server keeps its embedded database inside CALLBOARD_DATA.
	const pgdata = path.join(dataDir, 'pgdata');
	try {
		// The seeded database, plus the slow function, before the server opens it.
		const db = await openPglite({ dataDir: pgdata });
		await migrate(db, { root, seed: true });
		await db.exec(SLOW_FUNCTION);
		await db.close();
		return [
			...(await openTimes(pgdata, options.quick ? 2 : 5)),
			...(await restartTime(pgdata, options.quick ? 3 : 10)),
			...(await duringSlowQuery(dataDir, options))
		];
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}
