// public.ingest_events called straight on a database connection or a
// transaction, as whoever it runs as (the owner, or service_role inside
// tests/db's asServiceRole): the ingest without the REST path, which adds
// only the service role.
import type { Queryable } from '../../server/db/types.ts';
import { ingestResult, type IngestResult } from '../../server/feeders/ingest-client/events.ts';
import type { IngestSink } from '../../server/feeders/ingest-client/ingest-sink.ts';

/** One call of ingest_events; `events` need not be valid (the database judges them). */
export async function callIngest(db: Queryable, events: unknown): Promise<IngestResult> {
	// As text, then jsonb: postgres.js would send a string typed jsonb as a JSON string.
	const { rows } = await db.query<{ result: unknown }>('select public.ingest_events($1::text::jsonb) as result', [
		JSON.stringify(events)
	]);
	return ingestResult.parse(rows[0]?.result);
}

/** A feeder's sink that ingests on the database; onResult sees every batch's result. */
export function databaseSink(db: Queryable, onResult: (result: IngestResult) => void = () => {}): IngestSink {
	return async (events) => {
		const result = await callIngest(db, events);
		onResult(result);
		return result;
	};
}
