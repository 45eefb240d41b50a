// The real sink: rpc('ingest_events', {events}) with the service-role key
// (../shared/ingest-rpc.ts) — the single box or a Supabase project alike.
// Any refusal is an error the batcher retries.
import { ingestRpc } from '../shared/ingest-rpc.ts';
import type { IngestSink } from './event-batcher.ts';

export { serviceKeyFromDataDir } from '../shared/service-key.ts';

export function supabaseSink(url: string, serviceKey: string, options: { timeoutMs?: number } = {}): IngestSink {
	const ingest = ingestRpc(url, serviceKey, options);
	return async (events) => {
		const { error, status } = await ingest(events);
		if (error) throw new Error(`HTTP ${status}${error.code ? ` ${error.code}` : ''}: ${error.message}`);
	};
}
