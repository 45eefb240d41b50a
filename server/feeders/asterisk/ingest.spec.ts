// The fixture through the whole feeder into the real ingest RPC (the spec
// engine's database, migrated and seeded), twice as the database owner: the second run
// must be all duplicates and the interval totals must equal the hand-computed
// numbers of mapper.spec.ts. A third run goes the way the CLI does: supabase-js
// with the service key, through the REST module, as service_role.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/types.ts';
import { supabaseSink } from '../ingest-client/supabase-sink.ts';
import { parseMapping } from './mapping.ts';
import { runFeeder } from './run-feeder.ts';
import { databaseSink } from '../../../tests/support/database-sink.ts';
import { demoAgent, QUEUE } from '../../../tests/support/demo.ts';
import { FIXTURE_LOG, fixtureMapping } from '../../../tests/support/queue-log-fixture.ts';
import { startTestApi, type TestApi } from '../../../tests/support/test-api.ts';

describe('asterisk feeder → ingest_events', () => {
	let api: TestApi;
	let db: Db;
	const duplicateIds: string[][] = [];

	beforeAll(async () => {
		api = await startTestApi({ modules: ['rest'] });
		db = api.db;
	});
	afterAll(async () => {
		await api?.close();
	});

	it('stores the morning once; a replay of the file is all duplicates', async () => {
		// As the database owner, the way the brief's check calls it; the REST path adds only the role.
		const dbSink = databaseSink(db, (result) => duplicateIds.push(result.duplicate_ids));
		const first = await runFeeder({ file: FIXTURE_LOG, mapping: fixtureMapping(), sink: dbSink, skipUnmapped: true });
		expect(first.delivery).toMatchObject({ accepted: 170, duplicates: 0, rejected: 0 });
		const second = await runFeeder({ file: FIXTURE_LOG, mapping: fixtureMapping(), sink: dbSink, skipUnmapped: true });
		expect(second.delivery).toMatchObject({ accepted: 0, duplicates: 170, rejected: 0 });
		expect(new Set(duplicateIds.flat()).size).toBe(170);
	});

	it('goes through the REST API with the service key, where the replay is all duplicates too', async () => {
		const sink = supabaseSink(api.url, api.keys.service_role_key);
		const third = await runFeeder({ file: FIXTURE_LOG, mapping: fixtureMapping(), sink, skipUnmapped: true });
		expect(third.delivery).toMatchObject({ accepted: 0, duplicates: 170, rejected: 0, retries: 0 });
		expect(api.logs).toEqual([]);
	});

	it('adds up in queue_intervals to the hand-computed numbers', async () => {
		const { rows } = await db.query<Record<string, string>>(
			`select queue_id::text,
				sum(offered)::text as offered, sum(answered)::text as answered,
				sum(answered_within_sl)::text as answered_within_sl, sum(abandoned)::text as abandoned,
				sum(abandoned_short)::text as abandoned_short, sum(timed_out)::text as timed_out,
				sum(handled)::text as handled,
				sum(talk_s)::text as talk_s, sum(hold_s)::text as hold_s, sum(acw_s)::text as acw_s,
				sum(wait_answered_s)::text as wait_answered_s
			from public.queue_intervals group by queue_id order by queue_id`
		);
		const numbers = (row: Record<string, string> | undefined) =>
			Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, k === 'queue_id' ? v : Number(v)]));
		// See mapper.spec.ts for the arithmetic.
		expect(rows.map(numbers)).toEqual([
			{
				queue_id: QUEUE.sales,
				offered: 21,
				answered: 15,
				answered_within_sl: 10,
				abandoned: 5,
				abandoned_short: 3,
				timed_out: 1,
				handled: 15,
				talk_s: 3139,
				hold_s: 0,
				acw_s: 0,
				wait_answered_s: 224
			},
			{
				queue_id: QUEUE.afterSales,
				offered: 10,
				answered: 7,
				answered_within_sl: 4,
				abandoned: 2,
				abandoned_short: 1,
				timed_out: 1,
				handled: 7,
				talk_s: 1676,
				hold_s: 0,
				acw_s: 185,
				wait_answered_s: 119
			}
		]);
	});

	it('leaves the agents where the morning left them, and no call waiting', async () => {
		// a1 (101) and a4 (112) at lunch; a2 removed and a3 logged off, so no row for them.
		const agents = await db.query<{ agent_id: string; state: string; reason: string | null }>(
			'select agent_id::text, state::text, reason from public.agent_live order by agent_id'
		);
		expect(agents.rows).toEqual([
			{ agent_id: demoAgent(1).agentId, state: 'lunch', reason: 'Lunch' },
			{ agent_id: demoAgent(12).agentId, state: 'lunch', reason: 'lunch' }
		]);
		const waiting = await db.query<{ calls_waiting: number }>(
			'select calls_waiting from public.queue_live where queue_id = any($1::uuid[])',
			[[QUEUE.sales, QUEUE.afterSales]]
		);
		expect(waiting.rows).toEqual([{ calls_waiting: 0 }, { calls_waiting: 0 }]);
	});

	// Last: it adds calls of another day.
	it('leaves out only the events the server refuses (an agent id of no site) and stores the rest', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'queue-log-refused-'));
		const file = path.join(dir, 'queue_log');
		await writeFile(
			file,
			[
				'1795222800|1795222800.1|sales-hotline|NONE|ENTERQUEUE||13900000001|1',
				'1795222805|1795222800.1|sales-hotline|SIP/8009|CONNECT|5|1795222805.2|5',
				'1795222900|1795222900.3|sales-hotline|NONE|ENTERQUEUE||13900000002|1',
				'1795222903|1795222900.3|sales-hotline|NONE|ABANDON|1|1|3',
				''
			].join('\n')
		);
		const mapping = parseMapping({
			...fixtureMapping(),
			agents: { 'SIP/8009': 'ac000000-0000-4000-8000-000000000999' }
		});
		try {
			const report = await runFeeder({ file, mapping, sink: supabaseSink(api.url, api.keys.service_role_key) });
			expect(report.delivery.accepted).toBe(3);
			expect(report.delivery.rejections.map((r) => [r.index, r.kind])).toEqual([
				[1, 'call_answered'],
				[2, 'agent_state']
			]);
			expect(report.delivery.rejections[0]?.reason).toMatch(/^400 22023 events\[1\]/);
			expect(report.delivery.retries).toBe(0);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
