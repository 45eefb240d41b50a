// The database and the zod schema judge events alike: every case of
// server/events/event-cases.ts goes through ingest_events (rolled back) and
// through zod, and both must give the case's verdict. Also: a rejected batch
// stores nothing, and the error names the first bad event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/types';
import { checkIngestBatch } from '../../server/events/check-batch';
import { eventCases, validEvents } from '../../server/events/event-cases';
import { ingestEvent } from '../../server/events/schema';
import { asServiceRole, callIngest, openDemoDb, pgError } from './ingest-support';

let db: Db;

beforeAll(async () => {
	db = await openDemoDb();
});

afterAll(async () => {
	await db?.close();
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
	it.each(eventCases)('$name: valid is $valid for both', async ({ event, valid }) => {
		expect(ingestEvent.safeParse(event).success).toBe(valid);
		expect(await databaseVerdict(event)).toBe(valid);
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
