// What each inbound call leg of a stream comes to, computed from the events
// alone in plain TypeScript by the rules the migrations state (an answer
// beats an abandon or a timeout; between those two the earliest fact, by at
// then event_id, decides; a leg waits until any of its facts ends the wait),
// so the ingest suites compare the database's derivation with an
// independent count rather than with itself.
import type { IngestEvent } from '../../server/events/schema';

type CallEvent = Exclude<IngestEvent, { kind: 'agent_state' }>;

export interface LegOutcomes {
	offered: number;
	answered: number;
	abandoned: number;
	timedOut: number;
	waiting: number;
}

/** Ends the wait of a leg (20261123000000_ingest_events.sql, plus call_timed_out). */
const ENDS_WAIT = new Set([
	'call_answered',
	'call_abandoned',
	'call_timed_out',
	'call_ended',
	'wrap_ended',
	'call_transferred'
]);

const earlier = (a: CallEvent, b: CallEvent) =>
	Date.parse(a.at) - Date.parse(b.at) || (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0);

export function inboundLegOutcomes(events: readonly IngestEvent[]): LegOutcomes {
	const legs = new Map<string, CallEvent[]>();
	const seen = new Set<string>();
	for (const event of events) {
		if (event.kind === 'agent_state' || seen.has(event.event_id)) continue;
		seen.add(event.event_id);
		const key = `${event.queue_id}/${event.call_id}`;
		legs.set(key, [...(legs.get(key) ?? []), event]);
	}
	const total: LegOutcomes = { offered: 0, answered: 0, abandoned: 0, timedOut: 0, waiting: 0 };
	for (const facts of legs.values()) {
		if (!facts.some((e) => e.kind === 'call_offered')) continue;
		total.offered += 1;
		if (!facts.some((e) => ENDS_WAIT.has(e.kind))) total.waiting += 1;
		if (facts.some((e) => e.kind === 'call_answered')) {
			total.answered += 1;
			continue;
		}
		const gaveUp = facts.filter((e) => e.kind === 'call_abandoned' || e.kind === 'call_timed_out').sort(earlier)[0];
		if (gaveUp?.kind === 'call_abandoned') total.abandoned += 1;
		if (gaveUp?.kind === 'call_timed_out') total.timedOut += 1;
	}
	return total;
}
