// For the feeders' specs: a sink that calls public.ingest_events straight on
// a database connection (or a transaction), as the database owner; the REST
// path through supabaseSink adds only the service role.
import type { Queryable } from '../../db/types.ts';
import { ingestResult, type IngestResult } from './events.ts';
import type { IngestSink } from './ingest-sink.ts';

export function databaseSink(db: Queryable, onResult: (result: IngestResult) => void = () => {}): IngestSink {
	return async (events) => {
		const { rows } = await db.query<{ result: unknown }>('select public.ingest_events($1::jsonb) as result', [
			JSON.stringify(events)
		]);
		const result = ingestResult.parse(rows[0]?.result);
		onResult(result);
		return result;
	};
}
