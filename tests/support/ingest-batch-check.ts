// The zod batch schema's verdict worded as ingest_events words its own: the
// first bad event named `events[i] (event_id "x"): …`. The ingest specs hold
// the database's messages to it; no feeder checks a batch before sending
// (the server's answer names the event), so it lives with the tests.
import { ingestBatch, MAX_BATCH_EVENTS, type IngestEvent } from '../../server/events/schema.ts';

export type BatchCheck = { ok: true; events: IngestEvent[] } | { ok: false; index: number | null; message: string };

function eventIdOf(value: unknown, index: number): string | undefined {
	if (!Array.isArray(value)) return undefined;
	const event: unknown = value[index];
	if (typeof event !== 'object' || event === null || !('event_id' in event)) return undefined;
	return typeof event.event_id === 'string' ? event.event_id : undefined;
}

export function checkIngestBatch(value: unknown): BatchCheck {
	const parsed = ingestBatch.safeParse(value);
	if (parsed.success) return { ok: true, events: parsed.data };
	if (!Array.isArray(value)) return { ok: false, index: null, message: 'events must be a JSON array of event objects' };
	if (value.length > MAX_BATCH_EVENTS) {
		return {
			ok: false,
			index: null,
			message: `too many events: ${value.length} in one batch, at most ${MAX_BATCH_EVENTS}`
		};
	}
	// The first event with a problem, as the database reports the first one too.
	const issues = parsed.error.issues
		.filter((issue) => typeof issue.path[0] === 'number')
		.sort((a, b) => Number(a.path[0]) - Number(b.path[0]));
	const issue = issues[0] ?? parsed.error.issues[0];
	const index = typeof issue?.path[0] === 'number' ? issue.path[0] : null;
	const field = issue?.path.slice(1).map(String).join('.') ?? '';
	const id = index === null ? undefined : eventIdOf(value, index);
	const where =
		index === null ? 'events' : `events[${index}]${id === undefined ? '' : ` (event_id ${JSON.stringify(id)})`}`;
	return { ok: false, index, message: `${where}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}` };
}
