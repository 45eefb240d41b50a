// What a run of the feeder saw, for the operator: counts and names only, never
// a line's content (an ENTERQUEUE line carries the caller's number).
import type { IngestEventKind } from '../ingest-client/events.ts';

export type SkipReason =
	| 'malformed'
	| 'unknown_verb'
	| 'unmapped_queue'
	| 'unmapped_agent'
	| 'housekeeping'
	/** a known verb that has no ingest event (RINGNOANSWER, DID…) or a state the agent already had */
	| 'no_event';

/** A queue or member name the mapping has no id for: on how many lines, and the first of them. */
export interface UnmappedName {
	lines: number;
	/** 1-based line numbers, counted from the first line this run read; the first few only. */
	first_lines: number[];
}

export interface FeederSummary {
	/** Non-blank lines read. */
	lines: number;
	lines_with_events: number;
	events: number;
	events_by_kind: Partial<Record<IngestEventKind, number>>;
	skipped: Record<SkipReason, number>;
	unknown_verbs: Record<string, number>;
	unmapped_queues: Record<string, UnmappedName>;
	unmapped_agents: Record<string, UnmappedName>;
	/** Agents still in after-call work when the input ended: a later line or run sends its end. */
	open_wraps: number;
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
		open_wraps: 0,
		ring_no_answer: { count: 0, ring_s: 0 },
		malformed_lines: []
	};
}

export function bump(counts: Record<string, number>, key: string, by = 1): void {
	counts[key] = (counts[key] ?? 0) + by;
}

const FIRST_LINES_KEPT = 5;

/** Counts one more line with the name (lineNo is 1-based). */
export function bumpUnmapped(names: Record<string, UnmappedName>, name: string, lineNo: number): void {
	const entry = (names[name] ??= { lines: 0, first_lines: [] });
	entry.lines += 1;
	if (entry.first_lines.length < FIRST_LINES_KEPT) entry.first_lines.push(lineNo);
}

export function unmappedCount(s: FeederSummary): number {
	return Object.keys(s.unmapped_queues).length + Object.keys(s.unmapped_agents).length;
}

function listCounts(counts: Record<string, number>): string {
	const entries = Object.entries(counts);
	return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k} ×${n}`).join(', ');
}

function describeUnmapped(name: string, { lines, first_lines }: UnmappedName): string {
	const more = lines > first_lines.length ? ', …' : '';
	return `"${name}" on ${lines} line${lines === 1 ? '' : 's'} (${first_lines.join(', ')}${more})`;
}

/** One line per unmapped name, for the error that stops a run and for the summary. */
export function formatUnmapped(s: FeederSummary): string[] {
	return [
		...Object.entries(s.unmapped_queues).map(([name, u]) => `queue ${describeUnmapped(name, u)}`),
		...Object.entries(s.unmapped_agents).map(([name, u]) => `agent ${describeUnmapped(name, u)}`)
	];
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
		...formatUnmapped(s).map((line) => `unmapped ${line}`),
		...(s.open_wraps > 0
			? [`after-call work still open at the end: ${s.open_wraps} (a later line or run ends it)`]
			: []),
		`ring no answer: ${s.ring_no_answer.count} (${s.ring_no_answer.ring_s} s ringing)`,
		...s.malformed_lines.map((m) => `malformed line ${m.line}: ${m.reason}`)
	].join('\n');
}
