// The database and the zod schema judge events alike: every case of
// tests/support/ingest-event-cases.ts goes through ingest_events (rolled back) and
// through zod, and both must give the case's verdict — except the cases only
// the database can refuse (its clock, the site's settings), where zod must
// accept and the database refuse. Also: a rejected batch stores nothing, the
// error names the first bad event, and an event from the future is refused
// with the server time and the site's allowance in the message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/types';
import { checkIngestBatch } from '../support/ingest-batch-check';
import { DEMO_SITE } from '../support/demo';
import { eventCases, validEvents } from '../support/ingest-event-cases';
import { ingestEvent } from '../../server/events/schema';
import { callIngest } from '../support/database-sink';
import { openTestDatabase, type TestDatabase } from '../support/test-database';
import { asServiceRole, pgError } from './ingest-support';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
	database = await openTestDatabase();
	db = database.db;
});

afterAll(async () => {
	await database?.stop();
});

async function databaseVerdict(event: unknown): Promise<boolean> {
	try {
		await asServiceRole(db, (tx) => callIngest(tx, [event]), { rollback: true });
		return true;
	} catch (err) {
		const code = (err as { code?: unknown }).code;
		if (code === '22023') return false;
		throw err;
	}
}

describe('ingest_events and the zod schema', () => {
	const both = eventCases.filter((c) => c.serverRefuses === undefined);
	const serverOnly = eventCases.filter((c) => c.serverRefuses !== undefined);

	it.each(both)('$name: valid is $valid for both', async ({ event, valid }) => {
		expect(ingestEvent.safeParse(event).success).toBe(valid);
		expect(await databaseVerdict(event)).toBe(valid);
	});

	it.each(serverOnly)('$name: zod accepts it, the database refuses it ($serverRefuses)', async ({ event, valid }) => {
		expect(valid).toBe(true);
		expect(ingestEvent.safeParse(event).success).toBe(true);
		expect(await databaseVerdict(event)).toBe(false);
	});
});

describe('a rejected batch', () => {
	it('stores nothing and names the first bad event, like checkIngestBatch', async () => {
		const batch = [
			validEvents.call_offered,
			validEvents.agent_state,
			{ ...validEvents.call_ended, event_id: 'bad-ended', talk_s: -3 },
			{ ...validEvents.call_answered, event_id: 'bad-answered', agent_id: 'nobody' }
		];
		const err = await pgError(asServiceRole(db, (tx) => callIngest(tx, batch)));
		expect(err.code).toBe('22023');
		expect(err.message).toBe(
			'events[2] (event_id "bad-ended"): talk_s must be a whole number of seconds from 0 to 86400'
		);
		expect(err.detail).toMatch(/rejected at index 2 .*none of its events were stored/);
		expect(err.hint).toMatch(/send the whole batch again/);

		const check = checkIngestBatch(batch);
		expect(check).toMatchObject({ ok: false, index: 2 });

		const { rows } = await db.query<{ n: number }>(
			`select (select count(*) from public.call_events)::int + (select count(*) from public.agent_state_events)::int as n`
		);
		expect(rows[0]?.n).toBe(0);
	});
});

describe('an event from the future', () => {
	const offered = validEvents.call_offered;
	const inTenMinutes = new Date(Math.floor(Date.now() / 1000) * 1000 + 600_000).toISOString().replace('.000Z', 'Z');

	it('is refused with its time, the server time and the allowance, and nothing of its batch is stored', async () => {
		const batch = [offered, { ...offered, event_id: 'from-2099', call_id: 'C-2099', at: '2099-01-01T08:00:00+08:00' }];
		const before = Date.now();
		const err = await pgError(asServiceRole(db, (tx) => callIngest(tx, batch)));
		expect(err.code).toBe('22023');
		const message = String(err.message);
		expect(message).toMatch(
			/^events\[1\] \(event_id "from-2099"\): at 2099-01-01T00:00:00Z is in the future: the server time is (\S+) and events may be at most 300 s ahead of it \(the site's future_event_allowance_s\)$/
		);
		const serverTime = Date.parse(/the server time is (\S+) and/.exec(message)?.[1] ?? '');
		expect(Math.abs(serverTime - before)).toBeLessThan(60_000);
		expect(err.detail).toMatch(/rejected at index 1 .*none of its events were stored/);
		const { rows } = await db.query<{ n: number }>('select count(*)::int as n from public.call_events');
		expect(rows[0]?.n).toBe(0);
	});

	it('is taken when the site allows that far ahead', async () => {
		const event = { ...offered, at: inTenMinutes };
		expect(await databaseVerdict(event)).toBe(false);
		const accepted = await asServiceRole(
			db,
			async (tx) => {
				await tx.query('update public.sites set future_event_allowance_s = 3600 where id = $1', [DEMO_SITE]);
				return callIngest(tx, [event]);
			},
			{ rollback: true }
		);
		expect(accepted.accepted).toBe(1);
	});

	it('has an allowance of 5 s to an hour', async () => {
		for (const [value, ok] of [
			[4, false],
			[5, true],
			[3600, true],
			[3601, false]
		] as const) {
			const attempt = asServiceRole(
				db,
				(tx) => tx.query('update public.sites set future_event_allowance_s = $1 where id = $2', [value, DEMO_SITE]),
				{ rollback: true }
			);
			if (ok) await attempt;
			else expect((await pgError(attempt)).code).toBe('23514');
		}
	});
});
