// Arrival order and replays do not matter: 10,000 demo events ingested in
// time order, then shuffled with 5 % replays, then derived from scratch by
// rebuild_live, must all leave the same queue_intervals, queue_live,
// agent_live and call summaries. Prints how fast ingest is on the spec engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/types';
import { checkIngestBatch } from '../support/ingest-batch-check';
import type { IngestEvent } from '../../server/events/schema';
import { callIngest } from '../support/database-sink';
import { openTestDatabase, specEngine, type TestDatabase } from '../support/test-database';
import { asServiceRole } from './ingest-support';
import { DEMO_SITE } from '../support/demo';
import { batches, demoStream, prng, shuffled } from './ingest-stream';
import { inboundLegOutcomes } from './leg-outcomes';

type CallEvent = Exclude<IngestEvent, { kind: 'agent_state' }>;

const EVENTS = 10_000;
const BATCH = 100;
const LONG = 180_000;

const engine = specEngine();
let database: TestDatabase;
let db: Db;
const stream = demoStream(EVENTS);
// Wall time, and this process's CPU time: PGlite runs in-process, so CPU time
// measures the database's work even when other jobs share the machine.
// PostgreSQL works in its own processes, so there only wall time compares.
const measure = engine === 'pglite' ? 'cpu' : 'wall';
const timings: Record<string, { wall: number; cpu: number }> = {};
const breakdown: Record<string, number> = {};

/** The derived tables without their bookkeeping columns, in a stable order. */
async function snapshot(): Promise<Record<string, unknown>> {
	const table = async (name: string, order: string) => {
		const { rows } = await db.query<{ rows: unknown }>(
			`select coalesce(jsonb_agg(to_jsonb(t) - 'version' - 'updated_at' order by ${order}), '[]') as rows
			from public.${name} t`
		);
		return rows[0]?.rows;
	};
	return {
		queue_intervals: await table('queue_intervals', 'queue_id, interval_start'),
		queue_live: await table('queue_live', 'queue_id'),
		agent_live: await table('agent_live', 'agent_id'),
		call_summaries: await table('call_summaries', 'queue_id, call_id')
	};
}

async function wipeDerived(): Promise<void> {
	await db.exec(`
		delete from public.call_summaries;
		delete from public.queue_intervals;
		delete from public.agent_live;
		delete from public.queue_live;`);
}

async function reset(): Promise<void> {
	await db.exec(
		'delete from public.call_events; delete from public.agent_state_events; delete from realtime.messages;'
	);
	await wipeDerived();
}

async function ingestAll(events: readonly IngestEvent[]): Promise<{ accepted: number; duplicates: number }> {
	const total = { accepted: 0, duplicates: 0 };
	for (const batch of batches(events, BATCH)) {
		const result = await asServiceRole(db, (tx) => callIngest(tx, batch));
		total.accepted += result.accepted;
		total.duplicates += result.duplicates;
	}
	return total;
}

async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
	const started = performance.now();
	const cpu = process.cpuUsage();
	const result = await fn();
	const used = process.cpuUsage(cpu);
	timings[name] = { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
	return result;
}

/** Where ingest spends its time, by function (the test database is ours alone, so we may switch the statistics on). */
async function functionTimes(): Promise<void> {
	const { rows } = await db.query<{ name: string; ms: number }>(
		`select funcname as name, total_time::float8 as ms from pg_stat_user_functions
		where funcname in ('ingest_events', 'ingest_shape_problem', 'ingest_reference_problem', 'refresh_calls',
			'refresh_agent_live', 'refresh_queue_live', 'broadcast_live_rows')`
	);
	for (const row of rows) breakdown[row.name] = row.ms;
}

async function plainInserts(events: readonly IngestEvent[]): Promise<void> {
	for (const batch of batches(events, BATCH)) {
		await asServiceRole(db, async (tx) => {
			await tx.query(
				`insert into public.call_events (event_id, site_id, queue_id, call_id, kind, agent_id, occurred_at, data)
				select e.event_id, e.site_id, e.queue_id, e.call_id, e.kind, e.agent_id, e.at, '{}'
				from jsonb_to_recordset($1::text::jsonb) as e (event_id text, site_id uuid, queue_id uuid, call_id text,
					kind text, agent_id uuid, at timestamptz)
				where e.kind <> 'agent_state'`,
				[JSON.stringify(batch)]
			);
			await tx.query(
				`insert into public.agent_state_events (event_id, site_id, agent_id, state, reason, queue_id, occurred_at)
				select e.event_id, e.site_id, e.agent_id, e.state, e.reason, e.queue_id, e.at
				from jsonb_to_recordset($1::text::jsonb) as e (event_id text, kind text, site_id uuid, agent_id uuid,
					state public.agent_state, reason text, queue_id uuid, at timestamptz)
				where e.kind = 'agent_state'`,
				[JSON.stringify(batch)]
			);
		});
	}
}

/** Shanghai calendar days the stream's offers fall on. */
function siteDays(events: readonly IngestEvent[]): string[] {
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
	return [...new Set(events.map((e) => day.format(new Date(e.at))))].sort();
}

beforeAll(async () => {
	database = await openTestDatabase(engine);
	db = database.db;
	// Warm both paths up (plan caches, the WASM JIT) so the timings compare like with like.
	await ingestAll(stream.slice(0, 2000));
	await reset();
	await plainInserts(stream.slice(0, 2000));
	await reset();
}, LONG);

afterAll(async () => {
	const line = (label: string, name: string, n: number) => {
		const t = timings[name];
		if (!t) return `  ${label.padEnd(20)} not run`;
		const rate = Math.round((n / t.wall) * 1000);
		return `  ${label.padEnd(20)} ${Math.round(t.wall)} ms wall, ${Math.round(t.cpu)} ms CPU (${rate} events/s)`;
	};
	const ratio = (timings.ordered?.[measure] ?? 0) / (timings.plain?.[measure] ?? Infinity);
	console.log(
		[
			`ingest_events on ${engine}, ${EVENTS} events in batches of ${BATCH}:`,
			line('in time order', 'ordered', EVENTS),
			line('shuffled + 5 % dup', 'shuffled', EVENTS * 1.05),
			line('plain inserts', 'plain', EVENTS),
			`  ingest / plain ${measure === 'cpu' ? 'CPU ' : 'wall'}  ${ratio.toFixed(2)}×`,
			`  inside ingest_events (in time order), ms:`,
			...Object.entries(breakdown)
				.sort(([, a], [, b]) => b - a)
				.map(([name, ms]) => `    ${name.padEnd(26)} ${Math.round(ms)}`),
			line('rebuild_live, 2 days', 'rebuild', EVENTS)
		].join('\n')
	);
	await database?.stop();
});

describe('ingest order', () => {
	let ordered: Record<string, unknown>;

	it('generates a valid, varied stream that crosses midnight at the site', () => {
		expect(stream).toHaveLength(EVENTS);
		expect(checkIngestBatch(stream.slice(0, 1000)).ok).toBe(true);
		const kinds = new Set(stream.map((e) => e.kind));
		expect([...kinds].sort()).toEqual(
			[
				'agent_state',
				'call_abandoned',
				'call_timed_out',
				'call_answered',
				'call_connected',
				'call_dialed',
				'call_ended',
				'call_graded',
				'call_offered',
				'call_transferred',
				'wrap_ended'
			].sort()
		);
		expect(siteDays(stream)).toEqual(['2026-11-23', '2026-11-24']);
	});

	it(
		'ingests the stream in time order',
		async () => {
			await db.exec(`set track_functions = 'all'; select pg_stat_reset();`);
			const total = await timed('ordered', () => ingestAll(stream));
			expect(total).toEqual({ accepted: EVENTS, duplicates: 0 });
			ordered = await snapshot();
			await functionTimes();

			// Not a vacuous comparison: every counter moved, and the totals are the stream's own.
			const { rows } = await db.query<Record<string, number>>(`
				select sum(offered)::int as offered, sum(answered)::int as answered,
					sum(answered_within_sl)::int as within_sl, sum(abandoned)::int as abandoned,
					sum(abandoned_short)::int as abandoned_short, sum(timed_out)::int as timed_out,
					sum(handled)::int as handled,
					sum(talk_s)::int as talk_s, sum(hold_s)::int as hold_s, sum(acw_s)::int as acw_s,
					sum(wait_answered_s)::int as wait_answered_s, count(*)::int as intervals
				from public.queue_intervals`);
			const sums = rows[0] ?? {};
			const calls = stream.filter((e): e is CallEvent => e.kind !== 'agent_state');
			const legs = (kinds: string[]) =>
				new Set(calls.filter((e) => kinds.includes(e.kind)).map((e) => `${e.queue_id}/${e.call_id}`));
			const offered = legs(['call_offered', 'call_dialed']);
			const answered = [...legs(['call_answered', 'call_connected'])].filter((leg) => offered.has(leg));
			const ended = calls.filter(
				(e): e is Extract<CallEvent, { kind: 'call_ended' }> =>
					e.kind === 'call_ended' && offered.has(`${e.queue_id}/${e.call_id}`)
			);
			expect(sums.offered).toBe(offered.size);
			expect(sums.answered).toBe(answered.length);
			expect(sums.handled).toBe(ended.length);
			expect(sums.talk_s).toBe(ended.reduce((s, e) => s + e.talk_s, 0));
			expect(sums.hold_s).toBe(ended.reduce((s, e) => s + e.hold_s, 0));
			for (const key of ['within_sl', 'abandoned', 'abandoned_short', 'timed_out', 'acw_s', 'wait_answered_s']) {
				expect(sums[key], key).toBeGreaterThan(0);
			}
			expect(sums.within_sl).toBeLessThan(sums.answered ?? 0);
			expect(sums.abandoned_short).toBeLessThan(sums.abandoned ?? 0);
			// Abandons and timeouts as the rules decide them from the events alone (answer first, then the earliest).
			const inbound = inboundLegOutcomes(stream);
			expect(inbound.timedOut).toBeGreaterThan(0);
			expect([sums.abandoned, sums.timed_out]).toEqual([inbound.abandoned, inbound.timedOut]);

			const live = await db.query<{ waiting: number; agents: number }>(`
				select (select sum(calls_waiting)::int from public.queue_live) as waiting,
					(select count(*)::int from public.agent_live) as agents`);
			expect(live.rows[0]?.waiting).toBeGreaterThan(0);
			expect(live.rows[0]?.waiting).toBe(inbound.waiting);
			expect(live.rows[0]?.agents).toBeGreaterThan(20);
		},
		LONG
	);

	it(
		'measures plain inserts of the same facts for comparison',
		async () => {
			await reset();
			await timed('plain', () => plainInserts(stream));
			const { rows } = await db.query<{ n: number }>(
				'select (select count(*) from public.call_events)::int + (select count(*) from public.agent_state_events)::int as n'
			);
			expect(rows[0]?.n).toBe(EVENTS);
		},
		LONG
	);

	it(
		'gives the same state when the stream arrives shuffled with 5 % replays',
		async () => {
			await reset();
			const random = prng(7);
			const replays = Array.from({ length: EVENTS * 0.05 }, () => stream[Math.floor(random() * EVENTS)] as IngestEvent);
			const arrival = shuffled([...stream, ...replays], random);
			const total = await timed('shuffled', () => ingestAll(arrival));
			expect(total).toEqual({ accepted: EVENTS, duplicates: replays.length });
			expect(await snapshot()).toEqual(ordered);
		},
		LONG
	);

	it(
		'gives the same state when rebuilt from the facts day by day',
		async () => {
			await wipeDerived();
			await timed('rebuild', async () => {
				for (const day of siteDays(stream)) {
					await asServiceRole(db, (tx) => tx.query('select public.rebuild_live($1, $2)', [DEMO_SITE, day]));
				}
			});
			expect(await snapshot()).toEqual(ordered);
		},
		LONG
	);

	it(
		'writes and broadcasts nothing when rebuilding a day that is already right',
		async () => {
			const before = await db.query<{ n: number; v: string }>(
				`select (select count(*)::int from realtime.messages) as n, (select last_value::text from app.live_version_seq) as v`
			);
			for (const day of siteDays(stream)) {
				const { rows } = await asServiceRole(db, (tx) =>
					tx.query<{ r: Record<string, unknown> }>('select public.rebuild_live($1, $2) as r', [DEMO_SITE, day])
				);
				expect(rows[0]?.r).toMatchObject({
					intervals_written: 0,
					intervals_removed: 0,
					agents_written: 0,
					queues_written: 0
				});
			}
			const after = await db.query<{ n: number; v: string }>(
				`select (select count(*)::int from realtime.messages) as n, (select last_value::text from app.live_version_seq) as v`
			);
			expect(after.rows[0]).toEqual(before.rows[0]);
		},
		LONG
	);
});
