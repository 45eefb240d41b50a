// Starting in the middle of a day: the day is simulated from midnight without
// sending, then only what a board needs to show the present is sent — each
// agent's current state and the calls in progress — unless the caller wants
// the whole morning back-filled.
import type { IngestEvent } from './ingest-event.ts';

export type WarmupMode = 'snapshot' | 'backfill';

export function selectWarmup(
	events: readonly IngestEvent[],
	activeCalls: ReadonlySet<string>,
	mode: WarmupMode
): IngestEvent[] {
	if (mode === 'backfill') return [...events];
	const lastState = new Map<string, IngestEvent>();
	for (const event of events) if (event.kind === 'agent_state') lastState.set(event.agent_id, event);
	const keep = new Set(lastState.values());
	// Filtering the time-ordered list keeps the order.
	return events.filter((e) => keep.has(e) || ('call_id' in e && activeCalls.has(e.call_id)));
}
