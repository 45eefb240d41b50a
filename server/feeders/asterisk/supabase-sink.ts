// The real sink: rpc('ingest_events', {events}) through supabase-js with the
// service-role key, against the single box or a Supabase project alike.
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { ingestResult } from '../../../src/lib/events/schema.ts';
import { SinkError, type IngestSink } from './event-batcher.ts';

/** Statuses worth trying again: no answer at all (0), timeouts, throttling, server trouble. */
export function isRetryableStatus(status: number): boolean {
	return status === 0 || status === 408 || status === 429 || status >= 500;
}

export function supabaseSink(url: string, serviceKey: string, options: { timeoutMs?: number } = {}): IngestSink {
	const client = createClient(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		// Node 20 has no WebSocket; realtime is never joined here, but the client insists on a transport.
		realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket }
	});
	const timeoutMs = options.timeoutMs ?? 30_000;
	return async (events) => {
		const response = await client.rpc('ingest_events', { events }).abortSignal(AbortSignal.timeout(timeoutMs));
		const { error, status } = response;
		const data: unknown = response.data;
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
