// The events rpc('ingest_events') takes, with the limits the database checks
// (supabase/migrations/20261123000000_ingest_events.sql), so a feeder or the
// simulator can find a bad event before it sends a batch. The database stays
// the judge; these schemas reject what it rejects, except what needs its clock
// or a site's settings (an event too far in the future; tests/support/ingest-event-cases.ts).
import { z } from 'zod';
import { Constants } from '../../src/lib/database.types.ts';

export const MAX_BATCH_EVENTS = 1000;
export const MAX_ID_LENGTH = 200;
export const MAX_REASON_LENGTH = 200;
export const MAX_SECONDS = 86_400;

const EARLIEST_AT = Date.parse('2000-01-01T00:00:00Z');
const LATEST_AT = Date.parse('2100-01-01T00:00:00Z');

/** Postgres counts characters, not UTF-16 units: `[...s]` does the same. */
const text = (min: number, max: number) =>
	z.string().refine((s) => [...s].length >= min && [...s].length <= max, {
		message: min > 0 ? `must be ${min} to ${max} characters long` : `must be at most ${max} characters long`
	});

/** Postgres' uuid in its canonical form; any version, like the uuid type. */
const uuid = z.guid();

const at = z.iso.datetime({ offset: true }).refine((s) => Date.parse(s) >= EARLIEST_AT && Date.parse(s) < LATEST_AT, {
	message: 'must be from the year 2000 up to 2100'
});

const seconds = z.number().int().min(0).max(MAX_SECONDS);

export const agentStates = Constants.public.Enums.agent_state;
export const leadGrades = Constants.public.Enums.lead_grade;

const base = {
	event_id: text(1, MAX_ID_LENGTH),
	site_id: uuid,
	at
};

const call = {
	...base,
	call_id: text(1, MAX_ID_LENGTH),
	queue_id: uuid
};

const handled = { ...call, agent_id: uuid };

// Strict like the database: a misspelt field is an error, not a silent drop.
export const callOffered = z.strictObject({ kind: z.literal('call_offered'), ...call });
export const callAnswered = z.strictObject({ kind: z.literal('call_answered'), ...handled });
export const callAbandoned = z.strictObject({ kind: z.literal('call_abandoned'), ...call });
/** The queue ended the wait without an agent (its max wait, or no agent could take it): not the caller's doing. */
export const callTimedOut = z.strictObject({ kind: z.literal('call_timed_out'), ...call });
export const callEnded = z.strictObject({
	kind: z.literal('call_ended'),
	...handled,
	talk_s: seconds,
	hold_s: seconds
});
export const wrapEnded = z.strictObject({ kind: z.literal('wrap_ended'), ...handled });
export const callTransferred = z.strictObject({
	kind: z.literal('call_transferred'),
	...handled,
	to_queue_id: uuid.nullish()
});
export const agentState = z.strictObject({
	kind: z.literal('agent_state'),
	...base,
	agent_id: uuid,
	state: z.enum(agentStates),
	reason: text(0, MAX_REASON_LENGTH).nullish(),
	queue_id: uuid.nullish()
});
export const callDialed = z.strictObject({ kind: z.literal('call_dialed'), ...handled });
export const callConnected = z.strictObject({ kind: z.literal('call_connected'), ...handled });
export const callGraded = z.strictObject({ kind: z.literal('call_graded'), ...handled, grade: z.enum(leadGrades) });

export const ingestEvent = z.discriminatedUnion('kind', [
	callOffered,
	callAnswered,
	callAbandoned,
	callTimedOut,
	callEnded,
	wrapEnded,
	callTransferred,
	agentState,
	callDialed,
	callConnected,
	callGraded
]);

export const ingestBatch = z.array(ingestEvent).max(MAX_BATCH_EVENTS);

/** What ingest_events answers: replays are counted, not stored again. */
export const ingestResult = z.object({
	accepted: z.number().int().min(0),
	duplicates: z.number().int().min(0),
	duplicate_ids: z.array(z.string())
});

export type IngestEvent = z.infer<typeof ingestEvent>;
export type IngestEventKind = IngestEvent['kind'];
export type IngestBatch = z.infer<typeof ingestBatch>;
export type IngestResult = z.infer<typeof ingestResult>;
export type AgentStateName = (typeof agentStates)[number];
export type LeadGrade = (typeof leadGrades)[number];
