// The simulator against the real ingest: a migrated, seeded database fed an
// hour of simulated events through public.ingest_events, as the DB owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/types.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { ingestBatch, type IngestResult } from '../ingest-client/events.ts';
import { callIngest, databaseSink } from '../../../tests/support/database-sink.ts';
import { startSimulator } from '../simulator.ts';
import { DEMO_SITE_ID, QUEUE } from './demo-site.ts';
import type { IngestEvent } from './ingest-event.ts';

interface IntervalTotals {
	queue_id: string;
	offered: number;
	answered: number;
	abandoned: number;
	handled: number;
}

describe('simulated events through ingest_events', () => {
	let database: TestDatabase;
	let db: Db;
	const sent: IngestEvent[] = [];
	const results: IngestResult[] = [];

	beforeAll(async () => {
		database = await openTestDatabase();
		db = database.db;
		const toDatabase = databaseSink(db, (result) => results.push(result));
		const sim = startSimulator({
			speed: 0,
			seed: 42,
			start: '2026-11-23T10:00',
			durationMs: 3_600_000,
			log: () => {},
			sink: async (events) => {
				const result = await toDatabase(events);
				sent.push(...events);
				return result;
			}
		});
		const report = await sim.done;
		if (report.error || report.delivery.dropped > 0) throw new Error(`simulation failed: ${JSON.stringify(report)}`);
	});

	afterAll(async () => {
		await database?.stop();
	});

	it('sends only events the shared schema accepts', () => {
		for (let i = 0; i < sent.length; i += 1000) {
			const check = ingestBatch.safeParse(sent.slice(i, i + 1000));
			expect(check.success, check.error?.message).toBe(true);
		}
	});

	it('has every event accepted once and stored as a fact', async () => {
		expect(results.reduce((s, r) => s + r.accepted, 0)).toBe(sent.length);
		expect(results.reduce((s, r) => s + r.duplicates, 0)).toBe(0);
		const { rows } = await db.query<{ n: string }>(
			'select (select count(*) from public.call_events) + (select count(*) from public.agent_state_events) as n'
		);
		expect(Number(rows[0]?.n)).toBe(sent.length);
	});

	it('fills queue_intervals: calls offered, answered + abandoned ≤ offered', async () => {
		const { rows } = await db.query<IntervalTotals>(
			`select queue_id::text, sum(offered)::int as offered, sum(answered)::int as answered,
				sum(abandoned)::int as abandoned, sum(handled)::int as handled
			 from public.queue_intervals where site_id = $1 group by queue_id order by queue_id`,
			[DEMO_SITE_ID]
		);
		const byQueue = new Map(rows.map((r) => [r.queue_id, r]));
		for (const queueId of [QUEUE.sales, QUEUE.afterSales, QUEUE.complaints, QUEUE.outbound]) {
			const row = byQueue.get(queueId);
			expect(row?.offered, queueId).toBeGreaterThan(0);
			if (!row) continue;
			expect(row.answered + row.abandoned).toBeLessThanOrEqual(row.offered);
		}
		const offered = sent.filter((e) => e.kind === 'call_offered' && e.queue_id === QUEUE.sales).length;
		expect(byQueue.get(QUEUE.sales)?.offered).toBe(offered);
	});

	it('shows the agents on the floor in agent_live, and a replay changes nothing', async () => {
		const live = await db.query<{ n: string }>('select count(*) as n from public.agent_live where site_id = $1', [
			DEMO_SITE_ID
		]);
		expect(Number(live.rows[0]?.n)).toBeGreaterThan(25);
		const before = await db.query('select * from public.queue_intervals order by queue_id, interval_start');
		const replay = await callIngest(db, sent.slice(0, 1000));
		expect(replay).toMatchObject({ accepted: 0, duplicates: 1000 });
		const after = await db.query('select * from public.queue_intervals order by queue_id, interval_start');
		expect(after.rows).toEqual(before.rows);
	});
});
