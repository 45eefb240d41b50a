// rpc('ingest_events', {events}) through supabase-js with the service-role
// key, against the single box or a Supabase project alike. Each feeder's sink
// reads the answer its own way (what to retry, what to count).
import { createClient, type PostgrestError } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { IngestEvent } from '../../events/schema.ts';

export interface IngestAnswer {
	data: unknown;
	error: PostgrestError | null;
	/** The HTTP status; 0 when no answer came (refused connection, timeout). */
	status: number;
}

export function ingestRpc(
	url: string,
	serviceKey: string,
	options: { timeoutMs?: number } = {}
): (events: readonly IngestEvent[]) => Promise<IngestAnswer> {
	const client = createClient(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		// Node 20 has no WebSocket and the client will not start without one; realtime is never joined here.
		realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket }
	});
	const timeoutMs = options.timeoutMs ?? 30_000;
	return async (events) => {
		const response = await client.rpc('ingest_events', { events }).abortSignal(AbortSignal.timeout(timeoutMs));
		const data: unknown = response.data;
		return { data, error: response.error, status: response.status };
	};
}
