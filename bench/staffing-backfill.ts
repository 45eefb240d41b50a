// Benchmark of the demo history (issue 11, deliverable 1): the real
// single-box server started on a fresh data folder with
// CALLBOARD_HISTORY_WEEKS, on PGlite and on PostgreSQL 15, timed from the
// spawn until its note says the weeks are in — the same path as `npm start`
// (events through rpc('ingest_events') over HTTP), without the live
// simulator. Baseline, measured in the same run on a fresh server of the
// same engine: single weekdays backfilled one at a time over the same HTTP
// path into a database with no history; the ratio of the rates says how much
// the ingest slows down as weeks of facts pile up under it.
import { createClient } from '@supabase/supabase-js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backfillDays, daysBefore } from '../server/feeders/simulator/backfill.ts';
import { readHistoryNote } from '../server/feeders/simulator/demo-history.ts';
import { DEMO_SITE_ID } from '../server/feeders/simulator/demo-site.ts';
import { supabaseScheduleSource } from '../server/feeders/simulator/published-schedule.ts';
import { supabaseCalendarSource } from '../server/feeders/simulator/site-calendar.ts';
import { supabaseSink } from '../server/feeders/ingest-client/supabase-sink.ts';
import { nodeWebSocket } from '../server/node-websocket.ts';
import { freePort } from '../tests/support/free-port.ts';
import { startPostgres15 } from '../tests/support/postgres15.ts';
import { startSingleBox, type SingleBoxProcess } from '../tests/support/single-box-process.ts';
import { median, type Row } from './support/stats.ts';
import type { BenchEngine } from './support/fresh-db.ts';

const HISTORY_TIMEOUT_MS = 20 * 60_000;

interface Box {
	server: SingleBoxProcess;
	dataDir: string;
	/** ms from the spawn until /config.json answered. */
	startMs: number;
	stop(): Promise<void>;
}

/** The single box on a fresh data folder: PGlite in it, or a fresh PostgreSQL 15 through DATABASE_URL. */
async function startBox(engine: BenchEngine, env: Record<string, string>): Promise<Box> {
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-bench-history-'));
	const pg = engine === 'postgres' ? await startPostgres15() : undefined;
	const spawned = performance.now();
	const server = await startSingleBox({
		dataDir,
		port: await freePort(),
		env: { ...env, ...(pg ? { DATABASE_URL: pg.url } : {}) }
	});
	return {
		server,
		dataDir,
		startMs: performance.now() - spawned,
		async stop() {
			await server.stop();
			await pg?.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

async function factCount(box: Box): Promise<number> {
	const client = createClient(box.server.url, box.server.keys.service_role_key, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: nodeWebSocket }
	});
	let total = 0;
	for (const table of ['call_events', 'agent_state_events'] as const) {
		const { count, error } = await client.from(table).select('*', { count: 'exact', head: true });
		if (error) throw new Error(`${table}: ${error.message}`);
		total += count ?? 0;
	}
	return total;
}

/** Baseline: each of `rounds` recent weekdays backfilled alone over HTTP; the median rate in events/s. */
async function oneDayRate(engine: BenchEngine, rounds: number): Promise<{ rate: number; ms: number }> {
	const box = await startBox(engine, { CALLBOARD_HISTORY_WEEKS: '0' });
	try {
		const { url, keys } = box.server;
		const weekdays = daysBefore(Date.now(), 14).filter((d) => {
			const weekday = new Date(`${d.key}T00:00:00Z`).getUTCDay();
			return weekday >= 1 && weekday <= 5;
		});
		const rates: number[] = [];
		const times: number[] = [];
		for (const day of weekdays.slice(0, rounds)) {
			const started = performance.now();
			const report = await backfillDays({
				days: [day],
				sink: supabaseSink(url, keys.service_role_key),
				schedules: supabaseScheduleSource(url, keys.service_role_key, DEMO_SITE_ID),
				calendar: supabaseCalendarSource(url, keys.service_role_key, DEMO_SITE_ID)
			});
			const ms = performance.now() - started;
			if (report.error) throw new Error(`one-day backfill: ${report.error}`);
			rates.push((report.events / ms) * 1000);
			times.push(ms);
		}
		return { rate: median(rates), ms: median(times) };
	} finally {
		await box.stop();
	}
}

/** The server's own backfill of `weeks`, from the spawn until the note is written. */
async function history(
	engine: BenchEngine,
	weeks: number
): Promise<{ startMs: number; totalMs: number; events: number }> {
	const spawned = performance.now();
	const box = await startBox(engine, { CALLBOARD_HISTORY_WEEKS: String(weeks) });
	try {
		for (;;) {
			const note = await readHistoryNote(box.dataDir);
			if (note) break;
			if (performance.now() - spawned > HISTORY_TIMEOUT_MS)
				throw new Error(`no history after ${HISTORY_TIMEOUT_MS} ms`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const totalMs = performance.now() - spawned;
		return { startMs: box.startMs, totalMs, events: await factCount(box) };
	} finally {
		await box.stop();
	}
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (n: number) => `${Math.round(n).toLocaleString('en')}/s`;

export async function benchBackfill(options: { quick: boolean }): Promise<Row[]> {
	const weeks = options.quick ? 1 : 8;
	const rows: Row[] = [];
	for (const engine of ['pglite', 'postgres'] as const) {
		const baseline = await oneDayRate(engine, options.quick ? 1 : 3);
		const run = await history(engine, weeks);
		const backfillMs = run.totalMs - run.startMs;
		const historyRate = (run.events / backfillMs) * 1000;
		rows.push({
			benchmark: `demo history: ${weeks} week(s) backfilled by a fresh single box, ${engine}`,
			figure:
				`${s(backfillMs)} for ${run.events.toLocaleString('en')} events (${rate(historyRate)}); first start ` +
				`${s(run.totalMs)} (server answering after ${s(run.startMs)}); baseline one weekday alone ` +
				`${rate(baseline.rate)} (${s(baseline.ms)}): the history keeps ×${(historyRate / baseline.rate).toFixed(2)} of it`,
			goal: weeks === 8 && engine === 'pglite' ? 'first start < 60 s with 8 weeks' : '—',
			met: weeks === 8 && engine === 'pglite' ? run.totalMs < 60_000 : null
		});
	}
	return rows;
}
