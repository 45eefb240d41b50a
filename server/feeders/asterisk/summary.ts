// What a run of the feeder saw, for the operator: counts and names only, never
// a line's content (an ENTERQUEUE line carries the caller's number).
import type { IngestEventKind } from '../../events/schema.ts';

export type SkipReason =
	| 'malformed'
	| 'unknown_verb'
	| 'unmapped_queue'
	| 'unmapped_agent'
	| 'housekeeping'
	/** a known verb that has no ingest event (RINGNOANSWER, DID…) or a state the agent already had */
	| 'no_event';

export interface FeederSummary {
	/** Non-blank lines read. */
	lines: number;
	lines_with_events: number;
	events: number;
	events_by_kind: Partial<Record<IngestEventKind, number>>;
	skipped: Record<SkipReason, number>;
	unknown_verbs: Record<string, number>;
	unmapped_queues: Record<string, number>;
	unmapped_agents: Record<string, number>;
	/** RINGNOANSWER: an agent's phone rang out. queue_log gives milliseconds; this is seconds. */
	ring_no_answer: { count: number; ring_s: number };
	/** The first malformed lines by number (1-based, in reading order), with why. */
	malformed_lines: { line: number; reason: string }[];
}

export function emptySummary(): FeederSummary {
	return {
		lines: 0,
		lines_with_events: 0,
		events: 0,
		events_by_kind: {},
		skipped: {
			malformed: 0,
			unknown_verb: 0,
			unmapped_queue: 0,
			unmapped_agent: 0,
			housekeeping: 0,
			no_event: 0
		},
		unknown_verbs: {},
		unmapped_queues: {},
		unmapped_agents: {},
		ring_no_answer: { count: 0, ring_s: 0 },
		malformed_lines: []
	};
}

export function bump(counts: Record<string, number>, key: string, by = 1): void {
	counts[key] = (counts[key] ?? 0) + by;
}

function listCounts(counts: Record<string, number>): string {
	const entries = Object.entries(counts);
	return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k} ×${n}`).join(', ');
}

export function formatSummary(s: FeederSummary): string {
	const skipped = Object.entries(s.skipped)
		.filter(([, n]) => n > 0)
		.map(([k, n]) => `${k} ${n}`);
	return [
		`lines: ${s.lines} (${s.lines_with_events} gave events)`,
		`events: ${s.events} (${listCounts(s.events_by_kind)})`,
		`skipped: ${skipped.length ? skipped.join(', ') : 'none'}`,
		`unknown verbs: ${listCounts(s.unknown_verbs)}`,
		`unmapped queues: ${listCounts(s.unmapped_queues)}`,
		`unmapped agents: ${listCounts(s.unmapped_agents)}`,
		`ring no answer: ${s.ring_no_answer.count} (${s.ring_no_answer.ring_s} s ringing)`,
		...s.malformed_lines.map((m) => `malformed line ${m.line}: ${m.reason}`)
	].join('\n');
}
