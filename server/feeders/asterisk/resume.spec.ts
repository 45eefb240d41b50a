// Resuming equals one clean run: for every cut of the fixture log (first N
// lines, then the whole file, as a feeder that stopped and started again
// does), with after-call work set for both queues, the real ingest must end
// with the same facts, call summaries, intervals and live agents as when the
// whole file is read once. Each case runs in a transaction that is rolled back.
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/types.ts';
import { openTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { databaseSink } from '../../../tests/support/database-sink.ts';
import { parseMapping } from './mapping.ts';
import { runFeeder } from './run-feeder.ts';
import { fixtureMapping, fixtureText } from '../../../tests/support/queue-log-fixture.ts';

// 600 s on the sales line: most of its wraps are cut short by the agent's next call,
// so a run that ends a wrap too early shows at once. 30 s on after-sales as in the fixture map.
const mapping = parseMapping({ ...fixtureMapping(), wrapup_s: { 'sales-hotline': 600, 'after-sales': 30 } });
const lines = fixtureText().trimEnd().split('\n');

// Whole rows as JSON without the columns that only say when or how often a row was written.
const SNAPSHOTS = {
	facts: `select event_id from public.call_events union all select event_id from public.agent_state_events order by 1`,
	call_summaries: `select to_jsonb(t) - 'updated_at' as row from public.call_summaries t order by queue_id, call_id`,
	queue_intervals: `select to_jsonb(t) - 'updated_at' - 'version' as row from public.queue_intervals t
		order by queue_id, interval_start`,
	agent_live: `select to_jsonb(t) - 'updated_at' - 'version' as row from public.agent_live t order by agent_id`
};

async function snapshot(tx: Queryable): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const [name, sql] of Object.entries(SNAPSHOTS)) out[name] = (await tx.query(sql)).rows;
	return out;
}

class Rollback extends Error {
	constructor(readonly result: Record<string, unknown[]>) {
		super('rolled back on purpose');
	}
}

describe('asterisk feeder: any cut and resume equals one clean run', () => {
	let database: TestDatabase;
	let dir: string;
	let clean: Record<string, unknown[]>;

	/** Feeds each text in turn into the same file (it grows, as a log does), each as one run; returns the tables. */
	async function feedInRuns(texts: string[]): Promise<Record<string, unknown[]>> {
		const file = path.join(dir, 'queue_log');
		await writeFile(file, '');
		try {
			await database.db.transaction(async (tx) => {
				for (const text of texts) {
					await appendFile(file, text);
					const report = await runFeeder({ file, mapping, sink: databaseSink(tx), skipUnmapped: true });
					expect(report.delivery).toMatchObject({ rejected: 0, dropped: 0 });
				}
				throw new Rollback(await snapshot(tx));
			});
		} catch (err) {
			if (err instanceof Rollback) return err.result;
			throw err;
		}
		throw new Error('the transaction was not rolled back');
	}

	beforeAll(async () => {
		database = await openTestDatabase();
		dir = await mkdtemp(path.join(tmpdir(), 'queue-log-resume-'));
		clean = await feedInRuns([lines.join('\n') + '\n']);
	});
	afterAll(async () => {
		await database?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	it('the clean run is the morning with its wraps cut short by the next call', () => {
		const rows = (clean.call_summaries ?? []) as { row: { call_id: string; acw_s: number } }[];
		const acw = (callId: string) => rows.find((r) => r.row.call_id === callId)?.row.acw_s;
		// S1 (a1) ends 09:05:21 and a1 answers S5 at 09:10:02: 281 s of after-call work, not 600.
		expect(acw('1795136530.1201')).toBe(281);
		// S2 (a2) ends 09:08:39, a2 answers S6 at 09:12:34; S3 (a3) ends 09:07:47, a3 answers A2 at 09:11:16.
		expect(acw('1795136670.1203')).toBe(235);
		expect(acw('1795136760.1204')).toBe(209);
		// S6 (a2) ends 09:14:42 and a2 takes no call before 09:25:05: the whole 600 s.
		expect(acw('1795137140.1208')).toBe(600);
	});

	it.each(Array.from({ length: lines.length + 1 }, (_, n) => n))('first %i lines, then the rest', async (cut) => {
		const head = lines.slice(0, cut).map((l) => l + '\n');
		const tail = lines.slice(cut).map((l) => l + '\n');
		expect(await feedInRuns([head.join(''), tail.join('')])).toEqual(clean);
	});

	it('a cut in the middle of a line, then the rest, equals the clean run too', async () => {
		const text = lines.join('\n') + '\n';
		const middle = text.indexOf('COMPLETECALLER|6|185');
		expect(await feedInRuns([text.slice(0, middle), text.slice(middle)])).toEqual(clean);
	});

	it('three runs (cut twice) equal the clean run', async () => {
		const text = lines.map((l) => l + '\n');
		expect(
			await feedInRuns([text.slice(0, 30).join(''), text.slice(30, 94).join(''), text.slice(94).join('')])
		).toEqual(clean);
	});
});
