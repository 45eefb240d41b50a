// The real sink: rpc('ingest_events', {events}) with the service-role key
// (../shared/ingest-rpc.ts), its answer read as counts or a SinkError that
// says whether sending the batch again can help.
import { ingestResult } from '../../events/schema.ts';
import { ingestRpc } from '../shared/ingest-rpc.ts';
import { SinkError, type IngestSink } from './event-batcher.ts';

/** Statuses worth trying again: no answer at all (0), timeouts, throttling, server trouble. */
export function isRetryableStatus(status: number): boolean {
	return status === 0 || status === 408 || status === 429 || status >= 500;
}

export function supabaseSink(url: string, serviceKey: string, options: { timeoutMs?: number } = {}): IngestSink {
	const ingest = ingestRpc(url, serviceKey, options);
	return async (events) => {
		const { data, error, status } = await ingest(events);
		if (error) {
			const code = error.code ? `${error.code} ` : '';
			throw new SinkError(`${status} ${code}${error.message}`, isRetryableStatus(status));
		}
		const parsed = ingestResult.safeParse(data);
		// The server took the batch; an answer we cannot read must not make us resend forever.
		if (!parsed.success) return { accepted: events.length, duplicates: 0 };
		return { accepted: parsed.data.accepted, duplicates: parsed.data.duplicates };
	};
}
