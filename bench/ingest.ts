// Benchmarks of the ingest path (issue: events in):
//   1. throughput of rpc ingest_events (validation, facts, per-call summaries,
//      live tables, intervals and their broadcasts) in batches of 1, 100 and
//      1,000, on PGlite and PostgreSQL 15, against a baseline of plain inserts
//      of the same events into the fact tables, measured in the same run;
//   2. event → subscriber latency: the running server ingests at 50 and 200
//      events/s (batches every 100 ms through supabase-js) and a display's
//      supabase-js client times the first wall broadcast after each batch.
import { createClient, REALTIME_SUBSCRIBE_STATES } from '@supabase/supabase-js';
import { nodeWebSocket } from '../server/node-websocket.ts';
import type { Db } from '../server/db/types.ts';
import type { Database } from '../src/lib/database.types.ts';
import type { IngestEvent } from '../server/events/schema.ts';
import { batches, demoStream } from '../tests/db/ingest-stream.ts';
import { asServiceRole } from '../tests/db/ingest-support.ts';
import { callIngest } from '../tests/support/database-sink.ts';
import { DEMO_PASSWORD, DEMO_SITE, STAFF } from '../tests/support/demo.ts';
import { freshDb } from './support/fresh-db.ts';
import { spawnServer } from './support/spawn-server.ts';
import { ms, percentile, type Row } from './support/stats.ts';

/** The baseline: the same events as plain rows in the fact tables, nothing derived. */
const PLAIN_INSERT = `
	with e as (select value as v from jsonb_array_elements($1::text::jsonb))
	, calls as (
		insert into public.call_events (event_id, site_id, queue_id, call_id, kind, agent_id, occurred_at, data)
		select v->>'event_id', (v->>'site_id')::uuid, (v->>'queue_id')::uuid, v->>'call_id', v->>'kind',
			(v->>'agent_id')::uuid, (v->>'at')::timestamptz, v - 'event_id' - 'site_id' - 'queue_id' - 'call_id' - 'kind' - 'agent_id' - 'at'
		from e where v->>'kind' <> 'agent_state'
		on conflict (event_id) do nothing returning 1)
	, states as (
		insert into public.agent_state_events (event_id, site_id, agent_id, state, reason, queue_id, occurred_at)
		select v->>'event_id', (v->>'site_id')::uuid, (v->>'agent_id')::uuid, (v->>'state')::public.agent_state,
			v->>'reason', (v->>'queue_id')::uuid, (v->>'at')::timestamptz
		from e where v->>'kind' = 'agent_state'
		on conflict (event_id) do nothing returning 1)
	select (select count(*) from calls) + (select count(*) from states) as n`;

async function timeBatches(db: Db, events: IngestEvent[], size: number, sql: 'ingest' | 'plain'): Promise<number> {
	const started = performance.now();
	for (const batch of batches(events, size)) {
		await asServiceRole(db, async (tx) => {
			if (sql === 'ingest') await callIngest(tx, batch);
			else await tx.query(PLAIN_INSERT, [JSON.stringify(batch)]);
		});
	}
	return performance.now() - started;
}

async function throughput(engine: 'pglite' | 'postgres', size: number, count: number): Promise<Row> {
	const events = demoStream(count);
	const plainDb = await freshDb(engine);
	const plainMs = await timeBatches(plainDb.db, events, size, 'plain').finally(() => plainDb.stop());
	const ingestDb = await freshDb(engine);
	const ingestMs = await timeBatches(ingestDb.db, events, size, 'ingest').finally(() => ingestDb.stop());
	const rate = (count / ingestMs) * 1000;
	const goal = engine === 'pglite' ? 1_000 : 5_000;
	const ratio = ingestMs / plainMs;
	return {
		benchmark: `ingest ${count.toLocaleString('en')} events, batches of ${size}, ${engine}`,
		figure: `${Math.round(rate).toLocaleString('en')} events/s; plain inserts ${Math.round((count / plainMs) * 1000).toLocaleString('en')}/s (derivation ×${ratio.toFixed(2)})`,
		goal: size === 100 ? `≥ ${goal.toLocaleString('en')}/s, ≤ ×3` : '—',
		met: size === 100 ? rate >= goal && ratio <= 3 : null
	};
}

async function latency(rate: number, seconds: number): Promise<Row> {
	const server = await spawnServer();
	try {
		const options = {
			auth: { persistSession: false, autoRefreshToken: false },
			realtime: { transport: nodeWebSocket }
		};
		const display = createClient<Database>(server.url, server.keys.anon_key, options);
		const signIn = await display.auth.signInWithPassword({ email: STAFF.display.email, password: DEMO_PASSWORD });
		if (signIn.error) throw new Error(signIn.error.message);
		let waiting: { sentAt: number; resolve: (ms: number) => void } | undefined;
		await new Promise<void>((resolve, reject) => {
			display
				.channel(`wall:${DEMO_SITE}`, { config: { private: true } })
				.on('broadcast', { event: '*' }, () => {
					if (!waiting) return;
					waiting.resolve(performance.now() - waiting.sentAt);
					waiting = undefined;
				})
				.subscribe((status) => {
					if (status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED) resolve();
					else if (status !== REALTIME_SUBSCRIBE_STATES.CLOSED) reject(new Error(`join: ${status}`));
				});
		});
		const feeder = createClient<Database>(server.url, server.keys.service_role_key, options);
		const perTick = Math.max(1, Math.round(rate / 10));
		const events = demoStream(rate * seconds).map((e) => ({ ...e, event_id: `bench-${rate}-${e.event_id}` }));
		const samples: number[] = [];
		let missed = 0;
		for (const batch of batches(events, perTick)) {
			const tick = performance.now();
			const received = new Promise<number>((resolve) => (waiting = { sentAt: tick, resolve }));
			const { error } = await feeder.rpc('ingest_events', { events: batch as never });
			if (error) throw new Error(error.message);
			const result = await Promise.race([received, new Promise<null>((r) => setTimeout(() => r(null), 1_000))]);
			if (result === null) missed++;
			else samples.push(result);
			waiting = undefined;
			const rest = 100 - (performance.now() - tick);
			if (rest > 0) await new Promise((r) => setTimeout(r, rest));
		}
		await display.removeAllChannels();
		await display.realtime.disconnect();
		return {
			benchmark: `event → subscriber at ${rate} events/s (batches every 100 ms, ${seconds} s)`,
			figure: `p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}, p99 ${ms(percentile(samples, 99))}; ${missed} batches without a broadcast in 1 s`,
			goal: rate === 200 ? 'p99 < 100 ms' : '—',
			met: rate === 200 ? percentile(samples, 99) < 100 : null
		};
	} finally {
		await server.stop();
	}
}

export async function benchIngest(options: { quick: boolean }): Promise<Row[]> {
	const rows: Row[] = [];
	for (const engine of ['pglite', 'postgres'] as const) {
		rows.push(await throughput(engine, 1, options.quick ? 200 : 1_000));
		rows.push(await throughput(engine, 100, options.quick ? 2_000 : 10_000));
		rows.push(await throughput(engine, 1_000, options.quick ? 2_000 : 10_000));
	}
	rows.push(await latency(50, options.quick ? 5 : 20));
	rows.push(await latency(200, options.quick ? 5 : 20));
	return rows;
}
