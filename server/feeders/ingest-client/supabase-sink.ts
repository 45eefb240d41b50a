// The real sink: rpc('ingest_events', {events}) through supabase-js with the
// service-role key, against the single box or a Supabase project alike. Its
// answer becomes counts, or a SinkError that says what kind of failure it was
// (see ingest-sink.ts), how long the server asked us to wait, and which event
// it named as bad.
import { createClient, type PostgrestError } from '@supabase/supabase-js';
import { nodeWebSocket } from '../../node-websocket.ts';
import { ingestResult, type IngestEvent } from './events.ts';
import { SinkError, type FailureKind, type IngestSink } from './ingest-sink.ts';

export function failureKind(status: number): FailureKind {
	// 0: no answer at all (refused connection, reset, our own timeout).
	if (status === 0 || status === 408 || status === 429 || status >= 500) return 'transient';
	if (status === 400 || status === 409 || status === 413 || status === 422) return 'invalid';
	return 'fatal';
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
	if (header === null || header.trim() === '') return undefined;
	const text = header.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The index of the event the ingest refused, from its message
 * `events[3] (event_id "…"): …`; only when the id it quotes is the one at that
 * index, so that a message of another shape never drops the wrong event.
 */
export function badEventIndex(error: PostgrestError, batch: readonly IngestEvent[]): number | undefined {
	const match = /^events\[(\d+)\](?: \(event_id ("(?:[^"\\]|\\.)*")\))?:/.exec(error.message);
	if (!match?.[1]) return undefined;
	const index = Number(match[1]);
	const event = batch[index];
	if (!event) return undefined;
	if (match[2] === undefined) return index;
	const quoted: unknown = JSON.parse(match[2]);
	return quoted === event.event_id ? index : undefined;
}

export function supabaseSink(url: string, serviceKey: string, options: { timeoutMs?: number } = {}): IngestSink {
	// supabase-js hands back the status but not the headers: keep Retry-After per request, keyed by its signal.
	const retryAfter = new WeakMap<AbortSignal, string | null>();
	const recordingFetch: typeof fetch = async (input, init) => {
		const response = await fetch(input, init);
		if (init?.signal) retryAfter.set(init.signal, response.headers.get('retry-after'));
		return response;
	};
	const client = createClient(url, serviceKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		// Node 20 has no WebSocket and the client will not start without one; realtime is never joined here.
		realtime: { transport: nodeWebSocket },
		global: { fetch: recordingFetch }
	});
	const timeoutMs = options.timeoutMs ?? 30_000;
	return async (events) => {
		const signal = AbortSignal.timeout(timeoutMs);
		const response = await client.rpc('ingest_events', { events }).abortSignal(signal);
		const { error, status } = response;
		const data: unknown = response.data;
		if (error) {
			const code = error.code ? `${error.code} ` : '';
			throw new SinkError(`${status} ${code}${error.message}`, failureKind(status), {
				retryAfterMs: retryAfterMs(retryAfter.get(signal) ?? null),
				badIndex: badEventIndex(error, events)
			});
		}
		const parsed = ingestResult.safeParse(data);
		// The server took the batch; an answer we cannot read must not make us resend forever.
		if (!parsed.success) return { accepted: events.length, duplicates: 0 };
		return { accepted: parsed.data.accepted, duplicates: parsed.data.duplicates };
	};
}
